package dev.ait42.session.jakarta;

import dev.ait42.session.ConflictException;
import dev.ait42.session.Fixtures;
import dev.ait42.session.NotFoundException;
import dev.ait42.session.SessionServices;
import dev.ait42.session.legacy.ImportReport;
import dev.ait42.session.legacy.LegacyHistory;
import dev.ait42.session.legacy.SessionComparison;
import dev.ait42.session.legacy.VerificationReport;
import dev.ait42.session.model.MessageRole;
import dev.ait42.session.model.Session;
import dev.ait42.session.model.WorkspaceHash;
import dev.ait42.session.repository.SessionQuery;
import dev.ait42.session.repository.SessionRepository;
import dev.ait42.session.search.FullTextPage;
import dev.ait42.session.search.FullTextQuery;
import dev.ait42.session.search.FullTextSearch;
import dev.ait42.session.model.ChatMessage;
import jakarta.persistence.EntityManager;
import jakarta.transaction.RollbackException;
import jakarta.transaction.Status;
import jakarta.transaction.UserTransaction;
import org.hibernate.FlushMode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The library inside a Jakarta EE application: its beans from a CDI container (Weld), its work in
 * the application's JTA transactions (Narayana) on the application's persistence unit, beside the
 * application's own entity, over a pool that enlists the SQLite connection in the transaction.
 */
class JtaCdiIntegrationTest {

    @TempDir
    static Path dir;

    static JtaTestContainer container;

    SessionRepository sessions;
    FullTextSearch fullText;
    UserTransaction tx;
    EntityManager em;
    String ws;
    String word;

    @BeforeAll
    static void startContainer() throws SQLException {
        container = new JtaTestContainer(dir);
    }

    @AfterAll
    static void stopContainer() {
        if (container != null) {
            container.close();
        }
    }

    @BeforeEach
    void beans() {
        sessions = container.bean(SessionRepository.class);
        fullText = container.bean(FullTextSearch.class);
        tx = container.userTransaction;
        em = container.entityManager;
        // Each test its own workspace and its own word to search for.
        String folder = "/home/me/code/" + UUID.randomUUID();
        ws = WorkspaceHash.ofCanonicalPath(folder);
        sessions.registerWorkspace(ws, folder);
        word = "zq" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    }

    @Test
    void theLibrarysBeansComeFromTheContainerByType() {
        assertInstanceOf(SessionRepository.class, container.bean(SessionRepository.class));
        assertInstanceOf(FullTextSearch.class, container.bean(FullTextSearch.class));
        assertInstanceOf(LegacyHistory.class, container.bean(LegacyHistory.class));
        SessionServices services = container.bean(SessionServices.class);
        assertInstanceOf(JtaUnitOfWork.class, services.unitOfWork());
        // One set of services, shared by every bean.
        assertTrue(services.sessions() == container.bean(SessionRepository.class));
    }

    @Test
    void rollbackOfTheCallersTransactionUndoesTheLibrarysWritesAndTheApplicationsRow() throws Exception {
        Session session = Fixtures.session("Rotate the " + word + " refresh tokens");

        tx.begin();
        assertTrue(container.bean(SessionServices.class).unitOfWork().inCallerTransaction());
        sessions.create(ws, session);
        sessions.addChatMessage(ws, session.getId(), new ChatMessage("m-1", MessageRole.USER, "and the " + word));
        em.persist(new AppNote("note-" + word, "written with the session"));
        tx.rollback();

        assertFalse(sessions.find(ws, session.getId()).isPresent());
        assertEquals(0, rows("select count(*) from sessions where id = ?", session.getId()));
        assertEquals(0, rows("select count(*) from app_note where id = ?", "note-" + word));
        assertEquals(0, search(word).totalSessions());
    }

    @Test
    void commitOfTheCallersTransactionKeepsThemAndFullTextSearchFindsThem() throws Exception {
        Session session = Fixtures.session("Rotate the " + word + " refresh tokens");

        tx.begin();
        sessions.create(ws, session);
        sessions.addChatMessage(ws, session.getId(), new ChatMessage("m-1", MessageRole.USER, "message " + word));
        em.persist(new AppNote("note-" + word, "written with the session"));
        tx.commit();

        assertEquals(1, sessions.get(ws, session.getId()).getMessages().size());
        assertEquals(1, rows("select count(*) from app_note where id = ?", "note-" + word));
        FullTextPage page = search(word);
        assertEquals(1, page.totalSessions());
        assertEquals(session.getId(), page.hits().get(0).session().getId());
        assertEquals(2, page.totalMatches()); // the task and the chat message
    }

    @Test
    void aCallOutsideAnyTransactionCommitsInATransactionOfItsOwn() throws Exception {
        assertEquals(Status.STATUS_NO_TRANSACTION, tx.getStatus());
        assertFalse(container.bean(SessionServices.class).unitOfWork().inCallerTransaction());
        Session session = Fixtures.sessionWithGraph("Index the " + word + " pages", 2, 1);

        sessions.create(ws, session);
        sessions.addChatMessage(ws, session.getId(), new ChatMessage("m-x", MessageRole.USER, "more"));

        assertEquals(Status.STATUS_NO_TRANSACTION, tx.getStatus());
        // Committed: another connection sees it.
        assertEquals(1, rows("select count(*) from sessions where id = ?", session.getId()));
        assertEquals(2, rows("select count(*) from chat_messages m join sessions s on s.pk = m.session_pk"
                + " where s.id = ?", session.getId()));
        assertEquals(1, search(word).totalSessions());
    }

    @Test
    void aFailingLibraryCallMarksTheCallersTransactionRollbackOnlySoNothingCommits() throws Exception {
        Session first = Fixtures.session("First " + word);
        Session sameId = Fixtures.session(first.getId(), first.getType(), "Same id " + word);

        tx.begin();
        em.persist(new AppNote("note-" + word, "the application's work"));
        sessions.create(ws, first);
        assertThrows(ConflictException.class, () -> sessions.create(ws, sameId));
        assertEquals(Status.STATUS_MARKED_ROLLBACK, tx.getStatus());
        assertThrows(RollbackException.class, tx::commit);

        assertEquals(Status.STATUS_NO_TRANSACTION, tx.getStatus());
        assertEquals(0, rows("select count(*) from sessions where id = ?", first.getId()));
        assertEquals(0, rows("select count(*) from app_note where id = ?", "note-" + word));
        assertEquals(0, search(word).totalSessions());
    }

    @Test
    void aReadInTheCallersTransactionLeavesItsFlushModeAndPendingChangesAlone() throws Exception {
        tx.begin();
        try {
            org.hibernate.Session hibernate = em.unwrap(org.hibernate.Session.class);
            assertEquals(FlushMode.AUTO, hibernate.getHibernateFlushMode());
            em.persist(new AppNote("note-" + word, "pending"));

            sessions.listWorkspaces();
            sessions.search(SessionQuery.inWorkspace(ws).build(), 0, 10);

            assertEquals(FlushMode.AUTO, hibernate.getHibernateFlushMode());
            assertFalse(hibernate.isDefaultReadOnly());
            AppNote note = em.find(AppNote.class, "note-" + word);
            assertEquals("pending", note.getBody());
            tx.commit();
        } finally {
            if (tx.getStatus() != Status.STATUS_NO_TRANSACTION) {
                tx.rollback();
            }
        }
        assertEquals(1, rows("select count(*) from app_note where id = ?", "note-" + word));
    }

    @Test
    void anApplicationsTransactionalMethodCommitsOrRollsBackTheLibrarysWorkWithItsOwn() throws Exception {
        NoteBoard board = container.bean(NoteBoard.class);
        Session kept = Fixtures.session("Kept " + word);
        Session dropped = Fixtures.session("Dropped " + word);

        board.record(ws, kept, new ChatMessage("m-1", MessageRole.USER, "kept"), new AppNote("kept-" + word, "kept"), false);
        assertThrows(IllegalStateException.class, () -> board.record(ws, dropped,
                new ChatMessage("m-1", MessageRole.USER, "dropped"), new AppNote("dropped-" + word, "dropped"), true));

        assertEquals(Status.STATUS_NO_TRANSACTION, tx.getStatus());
        assertEquals(1, sessions.get(ws, kept.getId()).getMessages().size());
        assertEquals(1, rows("select count(*) from app_note where id = ?", "kept-" + word));
        assertFalse(sessions.find(ws, dropped.getId()).isPresent());
        assertEquals(0, rows("select count(*) from app_note where id = ?", "dropped-" + word));
        FullTextPage page = search(word);
        assertEquals(1, page.totalSessions());
        assertEquals(kept.getId(), page.hits().get(0).session().getId());
    }

    @Test
    void aFailingCallOutsideAnyTransactionRollsBackItsOwnAndLeavesNoTransactionBehind() throws Exception {
        Session first = Fixtures.sessionWithGraph("First " + word, 1, 1);
        sessions.create(ws, first);

        assertThrows(ConflictException.class, () -> sessions.create(ws,
                Fixtures.session(first.getId(), first.getType(), "Same id " + word)));
        assertThrows(NotFoundException.class, () -> sessions.addChatMessage(ws, "no-such-session",
                new ChatMessage("m-9", MessageRole.USER, "lost")));

        assertEquals(Status.STATUS_NO_TRANSACTION, tx.getStatus());
        assertEquals("First " + word, sessions.get(ws, first.getId()).getTask());
        assertEquals(1, search(word).totalSessions());
    }

    @Test
    void anApplicationManagedEntityManagerIsJoinedToEachTransactionAndKeepsItsSettings() throws Exception {
        Session kept = Fixtures.session("Kept " + word);
        Session dropped = Fixtures.session("Dropped " + word);
        try (EntityManager applicationManaged = container.factory.createEntityManager()) {
            SessionRepository repository = SessionRepository.create(
                    JtaUnitOfWork.applicationManaged(() -> applicationManaged, tx));

            repository.create(ws, kept);            // a transaction of its own
            tx.begin();
            repository.create(ws, dropped);         // the caller's
            tx.rollback();

            org.hibernate.Session hibernate = applicationManaged.unwrap(org.hibernate.Session.class);
            assertEquals("Kept " + word, repository.get(ws, kept.getId()).getTask());
            // The read ran read-only, and gave the entity manager back as it was.
            assertEquals(FlushMode.AUTO, hibernate.getHibernateFlushMode());
            assertFalse(hibernate.isDefaultReadOnly());
        }
        assertEquals(1, rows("select count(*) from sessions where id = ?", kept.getId()));
        assertEquals(0, rows("select count(*) from sessions where id = ?", dropped.getId()));
    }

    @Test
    void theLegacyHistoryBeanImportsAndVerifiesTheExampleHomeInTheApplicationsDatabase() {
        LegacyHistory legacy = container.bean(LegacyHistory.class);
        Path exampleHome = Path.of("examples", "ait42-home");

        ImportReport report = legacy.importHome(exampleHome, false, (bytesRead, bytesTotal, sessionsRead) -> { });
        VerificationReport check = legacy.verify(exampleHome);

        assertEquals(6, report.created());
        assertTrue(report.problems().isEmpty(), report.problems().toString());
        // The other tests' sessions share the database: they are only in it, and that is all.
        assertEquals(6, check.count(SessionComparison.State.CONSISTENT), check.toString());
        assertEquals(0, check.count(SessionComparison.State.INCONSISTENT), check.toString());
        assertEquals(0, check.count(SessionComparison.State.ONLY_IN_JSON), check.toString());
        assertEquals(Status.STATUS_NO_TRANSACTION, assertDoesNotThrow(tx::getStatus));
    }

    @Test
    void theConnectionEnlistedInTheTransactionCarriesTheSqlitePragmas() throws Exception {
        tx.begin();
        try {
            em.unwrap(org.hibernate.Session.class).doWork(c -> {
                try (Statement st = c.createStatement()) {
                    assertEquals("1", pragma(st, "foreign_keys"));
                    assertEquals("wal", pragma(st, "journal_mode"));
                    assertEquals("10000", pragma(st, "busy_timeout"));
                }
                assertFalse(c.getAutoCommit()); // enlisted: the pool began the transaction on it
                // transaction_mode=IMMEDIATE: that transaction holds the write lock already,
                // though it has written nothing.
                try (Connection other = DriverManager.getConnection(container.jdbcUrl.replace(
                        "busy_timeout=10000", "busy_timeout=0")); Statement st = other.createStatement()) {
                    SQLException busy = assertThrows(SQLException.class, () -> st.execute("begin immediate"));
                    assertTrue(busy.getMessage().contains("SQLITE_BUSY"), busy.getMessage());
                }
            });
        } finally {
            tx.rollback();
        }
    }

    private static String pragma(Statement st, String name) throws SQLException {
        try (ResultSet rs = st.executeQuery("pragma " + name)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private FullTextPage search(String text) {
        return fullText.search(FullTextQuery.matching(text).filter(SessionQuery.inWorkspace(ws).build()).build());
    }

    /** Counted on a connection of its own, outside the pool and any transaction. */
    private static long rows(String sql, String parameter) throws SQLException {
        try (Connection c = DriverManager.getConnection(container.jdbcUrl);
             PreparedStatement st = c.prepareStatement(sql)) {
            st.setString(1, parameter);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
