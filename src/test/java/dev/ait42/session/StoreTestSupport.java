package dev.ait42.session;

import dev.ait42.session.repository.SessionRepository;
import org.hibernate.SessionFactory;
import org.hibernate.stat.Statistics;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Base of tests that need a real store: a fresh SQLite file in a temporary folder, statistics
 * on, one registered workspace.
 */
public abstract class StoreTestSupport {

    @TempDir
    protected Path dir;
    protected Path dbFile;
    protected SessionStore store;
    protected SessionRepository repo;
    protected String ws;

    @BeforeEach
    void openStore() {
        dbFile = dir.resolve("sessions.db");
        store = SessionStore.open(StoreConfig.builder(dbFile).statistics(true).build());
        repo = store.sessions();
        ws = repo.registerWorkspace(dir.resolve("project-a")).getHash();
    }

    @AfterEach
    void closeStore() {
        if (store != null) {
            store.close();
        }
    }

    protected Statistics statistics() {
        return store.entityManagerFactory().unwrap(SessionFactory.class).getStatistics();
    }

    /** Statements prepared while {@code work} ran. */
    protected long statementsDuring(Runnable work) {
        Statistics stats = statistics();
        stats.clear();
        work.run();
        return stats.getPrepareStatementCount();
    }

    /** A number read straight from the file with plain JDBC, bypassing Hibernate. */
    protected long countRows(String sql) {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dbFile);
             Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new AssertionError(sql, e);
        }
    }

    protected String queryString(String sql) {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dbFile);
             Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        } catch (SQLException e) {
            throw new AssertionError(sql, e);
        }
    }
}
