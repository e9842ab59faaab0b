package dev.ait42.session.search;

import dev.ait42.session.SessionStore;
import dev.ait42.session.StoreConfig;
import dev.ait42.session.StoreTestSupport;
import dev.ait42.session.model.ChatMessage;
import dev.ait42.session.model.MessageRole;
import dev.ait42.session.model.Session;
import dev.ait42.session.model.SessionType;
import dev.ait42.session.repository.SessionQuery;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Helpers shared by the full-text tests: a real store (from {@link StoreTestSupport}), sessions
 * with readable ids, and searches reduced to the ids they return.
 */
abstract class FullTextTestSupport extends StoreTestSupport {

    static final Instant T0 = Instant.parse("2025-05-01T00:00:00Z");

    /** An unsaved running competition session with these messages (ids m0, m1...). */
    static Session session(String id, String task, String... messages) {
        Session s = new Session(id, SessionType.COMPETITION, task);
        for (int i = 0; i < messages.length; i++) {
            s.addMessage(new ChatMessage("m" + i, MessageRole.USER, messages[i], T0.plusSeconds(i)));
        }
        return s;
    }

    /** Saves a session with these messages into the default workspace. */
    Session save(String id, String task, String... messages) {
        return repo.create(ws, session(id, task, messages));
    }

    Session save(Session s) {
        return repo.create(ws, s);
    }

    FullTextPage search(String text) {
        return services().fullText().search(FullTextQuery.matching(text).page(0, 100).build());
    }

    FullTextPage search(String text, SessionQuery filter) {
        return services().fullText().search(FullTextQuery.matching(text).filter(filter).page(0, 100).build());
    }

    FullTextPage search(FullTextQuery.Builder query) {
        return services().fullText().search(query.build());
    }

    /** Session ids of a page, best first; fails if a session appears twice. */
    static List<String> ids(FullTextPage page) {
        List<String> ids = page.hits().stream().map(h -> h.session().getId()).collect(Collectors.toList());
        assertEquals(ids.size(), new HashSet<>(ids).size(), "a session appears twice in " + ids);
        return ids;
    }

    /** Ids of every session matching {@code text} (one page of 100), checking the page's totals. */
    Set<String> found(String text) {
        return idSet(search(text));
    }

    Set<String> found(String text, SessionQuery filter) {
        return idSet(search(text, filter));
    }

    static Set<String> idSet(FullTextPage page) {
        List<String> ids = ids(page);
        assertEquals(ids.size(), page.totalSessions(), "totalSessions disagrees with the hits " + ids);
        return Set.copyOf(ids);
    }

    SessionQuery.Builder inWs() {
        return SessionQuery.inWorkspace(ws);
    }

    /** Closes the store and opens it again on the same file with the default configuration. */
    void reopen() {
        closeStore();
        open(java.util.Map.of());
    }

    void assertConsistent() {
        IndexCounts counts = services().fullText().counts();
        assertTrue(counts.consistent(), "index and database disagree: " + counts);
        assertEquals(countRows("select count(*) from sessions"), counts.sessionRows());
        assertEquals(countRows("select count(*) from instances"), counts.instanceRows());
        assertEquals(countRows("select count(*) from chat_messages"), counts.messageRows());
    }
}
