package dev.ait42.it.shop;

import dev.ait42.session.model.Session;
import dev.ait42.session.model.SessionStatus;
import org.springframework.data.jpa.repository.JpaRepository;

import java.util.List;

/** A Spring Data repository of the application over the library's own entity. */
public interface StoredSessions extends JpaRepository<Session, Long> {

    List<Session> findByStatus(SessionStatus status);
}
