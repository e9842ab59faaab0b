package dev.ait42.session;

import dev.ait42.session.repository.SessionRepository;
import dev.ait42.session.search.FullTextQuery;
import dev.ait42.session.search.SearchBackend;
import dev.ait42.session.search.SessionHit;
import jakarta.persistence.EntityManagerFactory;
import org.hibernate.SessionFactory;
import org.hibernate.stat.Statistics;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import dev.ait42.session.model.CanonicalTimeFunction;
import dev.ait42.session.model.Timestamps;
import java.time.Duration;
import java.time.Instant;
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

    /**
     * The PostgreSQL database of this run ({@code -Dait42.test.database=jdbc:postgresql://...}), or
     * null for SQLite files. Each test class starts on a freshly created schema, each test on
     * empty tables.
     */
    protected static String serverDatabase() {
        String url = System.getProperty("ait42.test.server", ""); // set by the postgresql execution only
        return url.isBlank() ? null : url;
    }

    /**
     * The OpenSearch server of this run ({@code -Dait42.test.search=http://...}, set by the
     * opensearch execution only, on PostgreSQL), or null for the Lucene index.
     */
    protected static String openSearchServer() {
        String url = System.getProperty("ait42.test.opensearch", "");
        return url.isBlank() ? null : url;
    }

    /** Whether this run searches a shared OpenSearch index. */
    protected static boolean onOpenSearch() {
        return openSearchServer() != null;
    }

    /** Whether this run is on PostgreSQL. */
    protected static boolean onPostgresql() {
        return serverDatabase() != null;
    }

    private static Class<?> schemaCreatedFor;

    /** Drops the whole schema for a new test class, empties the tables for a new test. */
    private void cleanServerDatabase() {
        try (Connection c = DriverManager.getConnection(serverDatabase()); Statement st = c.createStatement()) {
            if (schemaCreatedFor != getClass()) {
                st.execute("DROP SCHEMA IF EXISTS public CASCADE");
                st.execute("CREATE SCHEMA public");
                schemaCreatedFor = getClass();
            } else {
                st.execute("TRUNCATE workspaces, sessions, instances, chat_messages RESTART IDENTITY CASCADE");
            }
        } catch (SQLException e) {
            throw new AssertionError("cannot clean " + serverDatabase(), e);
        }
    }

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
        if (onPostgresql()) {
            boolean fresh = store == null && shared == null && repo == null;
            if (fresh) {
                cleanServerDatabase();
            }
            StoreConfig.Builder config = StoreConfig.builder(serverDatabase())
                    .indexDirectory(dir.resolve("sessions.index")).statistics(true)
                    .searchCatchUpPeriod(Duration.ZERO);
            if (onOpenSearch()) {
                config.search(SearchBackend.openSearch(openSearchServer()).withIndexPrefix("ait42-test-"));
            }
            hibernateProperties.forEach(config::hibernateProperty);
            store = SessionStore.open(config.build());
            if (fresh && onOpenSearch()) {
                store.fullText().reindex(); // the empty tables' index: the last test's documents go
            }
        } else if (sharedMode()) {
            shared = new SharedPersistenceUnit(dbFile, true, hibernateProperties);
        } else {
            // No background catch-up: statement counts would include its work. Searches still
            // catch up first; the background has tests of its own (with other processes).
            StoreConfig.Builder config = StoreConfig.builder(dbFile).statistics(true).searchCatchUpPeriod(Duration.ZERO);
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
        return store != null ? store.entityManagerFactory() : shared != null ? shared.factory : null;
    }

    protected Statistics statistics() {
        return factory().unwrap(SessionFactory.class).getStatistics();
    }

    /** Statements prepared while {@code work} ran. */
    protected long statementsDuring(Runnable work) {
        services().fullText().catchUpNow(); // the writes before are not counted
        Statistics stats = statistics();
        stats.clear();
        work.run();
        return stats.getPrepareStatementCount();
    }

    /** A number read with plain JDBC on a connection of the store's own (bypassing the ORM). */
    protected long countRows(String sql) {
        return withConnection(sql, rs -> {
            rs.next();
            return rs.getLong(1);
        });
    }

    protected String queryString(String sql) {
        return withConnection(sql, rs -> rs.next() ? rs.getString(1) : null);
    }

    private interface RowsReader<T> {
        T read(ResultSet rs) throws SQLException;
    }

    /** Plain JDBC work on a connection of the store's own. */
    protected interface JdbcWork<T> {
        T run(Connection c) throws SQLException;
    }

    protected <T> T withJdbc(JdbcWork<T> work) {
        try (org.hibernate.Session session = factory().unwrap(SessionFactory.class).openSession()) {
            return session.doReturningWork(work::run);
        }
    }

    /**
     * What a failed call must leave as it was: every row of the session tables, the documents of
     * each search index, and what a full-text search for {@code words} finds (sessions, and which
     * task, instance or message matched).
     */
    protected String storeState(String words) {
        StringBuilder state = new StringBuilder(withJdbc(c -> DatabaseDump.of(c, onPostgresql())));
        state.append(services().fullText().counts()).append('\n');
        for (SessionHit hit : services().fullText().search(FullTextQuery.matching(words).page(0, 100).build()).hits()) {
            state.append(hit.session().getId());
            hit.matches().forEach(m -> state.append(' ').append(m.source()).append(':').append(m.messageId())
                    .append(':').append(m.instanceId()));
            state.append('\n');
        }
        return state.toString();
    }

    /** A time as a SQL literal of this run's database: epoch milliseconds on SQLite, text PostgreSQL casts. */
    protected static String timeLiteral(String iso) {
        Instant time = Instant.parse(iso);
        return onPostgresql() ? "'" + Timestamps.format(time) + "'" : String.valueOf(Timestamps.toMillis(time));
    }

    /** A timestamp column as its canonical text ({@code 2025-05-02T09:00:00.000Z}) in this run's SQL. */
    protected static String timeText(String column) {
        return onPostgresql() ? CanonicalTimeFunction.onPostgresql(column) : CanonicalTimeFunction.onSqlite(column);
    }

    /** Skips a test that checks something of SQLite's own (its file, rowids, pragmas, SQL functions). */
    protected static void assumeSqlite(String why) {
        org.junit.jupiter.api.Assumptions.assumeFalse(onPostgresql(), "SQLite only: " + why);
    }

    private <T> T withConnection(String sql, RowsReader<T> reader) {
        if (factory() == null) { // between close and reopen: the file itself
            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dbFile);
                 Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
                return reader.read(rs);
            } catch (SQLException e) {
                throw new AssertionError(sql, e);
            }
        }
        try (org.hibernate.Session session = factory().unwrap(SessionFactory.class).openSession()) {
            return session.doReturningWork(c -> {
                try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
                    return reader.read(rs);
                }
            });
        } catch (RuntimeException e) {
            throw new AssertionError(sql, e);
        }
    }
}
