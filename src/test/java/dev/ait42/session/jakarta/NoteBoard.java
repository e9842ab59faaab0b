package dev.ait42.session.jakarta;

import dev.ait42.session.model.ChatMessage;
import dev.ait42.session.model.Session;
import dev.ait42.session.repository.SessionRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/** An application's bean: its own entity and the library's, in one {@code @Transactional} method. */
@ApplicationScoped
public class NoteBoard {

    @Inject
    EntityManager em;

    @Inject
    SessionRepository sessions;

    /** Saves a session, one more chat message and a note of the application's, all or nothing. */
    @Transactional
    public void record(String workspace, Session session, ChatMessage message, AppNote note, boolean changeOfMind) {
        sessions.create(workspace, session);
        sessions.addChatMessage(workspace, session.getId(), message);
        em.persist(note);
        if (changeOfMind) {
            throw new IllegalStateException("the application changed its mind");
        }
    }
}
