package dev.ait42.session;

import dev.ait42.session.repository.SessionRepository;
import jakarta.persistence.EntityManagerFactory;
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
import java.util.Map;

/**
 * Base of tests that need a real store: a fresh SQLite file in a temporary folder, statistics
 * on, one registered workspace. The same tests run in both ways the library runs (the build runs
 * them twice): embedded, on a {@link SessionStore}; and shared ({@code -Dait42.test.mode=shared}),
 * on an application's own pool and persistence unit ({@link SharedPersistenceUnit}).
 */
public abstract class StoreTestSupport {

    @TempDir
    protected Path dir;
    protected Path dbFile;
    /** The embedded store; null in the shared mode. */
    protected SessionStore store;
    private SharedPersistenceUnit shared;
    protected SessionRepository repo;
    protected String ws;

    /** Whether this run is the shared mode's. */
    protected static boolean sharedMode() {
        return "shared".equals(System.getProperty("ait42.test.mode"));
    }

    @BeforeEach
    void openStore() {
        dbFile = dir.resolve("sessions.db");
        open(Map.of());
        ws = repo.registerWorkspace(dir.resolve("project-a")).getHash();
    }

    /** Opens the database file {@link #dbFile} in this run's mode, with extra Hibernate settings. */
    protected void open(Map<String, Object> hibernateProperties) {
        if (sharedMode()) {
            shared = new SharedPersistenceUnit(dbFile, true, hibernateProperties);
        } else {
            StoreConfig.Builder config = StoreConfig.builder(dbFile).statistics(true);
            hibernateProperties.forEach(config::hibernateProperty);
            store = SessionStore.open(config.build());
        }
        repo = services().sessions();
    }

    @AfterEach
    protected void closeStore() {
        try {
            if (store != null) {
                store.close();
            }
            if (shared != null) {
                shared.close();
            }
        } finally {
            store = null;
            shared = null;
        }
    }

    /** The library's services of the store or unit open now. */
    protected SessionServices services() {
        return store != null ? store.services() : shared.services;
    }

    protected EntityManagerFactory factory() {
        return store != null ? store.entityManagerFactory() : shared.factory;
    }

    protected Statistics statistics() {
        return factory().unwrap(SessionFactory.class).getStatistics();
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
