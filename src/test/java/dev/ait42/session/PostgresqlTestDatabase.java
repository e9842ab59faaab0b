package dev.ait42.session;

import org.junit.jupiter.api.Assumptions;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * A database of its own on the PostgreSQL server of this run ({@code -Dait42.test.database=jdbc:postgresql://...}),
 * created empty for a test and dropped after it, so tests never see each other's rows (nor the
 * suites' run on the server's own database). Without a server URL the test is skipped, visibly.
 *
 * <pre>{@code
 * try (PostgresqlTestDatabase pg = PostgresqlTestDatabase.create()) { ... pg.url() ... }
 * }</pre>
 */
public final class PostgresqlTestDatabase implements AutoCloseable {

    private final String serverUrl;
    private final String name;
    private final String url;

    private PostgresqlTestDatabase(String serverUrl, String name) {
        this.serverUrl = serverUrl;
        this.name = name;
        this.url = serverUrl.replaceFirst("^(jdbc:postgresql://[^/]+/)[^?]*", "$1" + name);
    }

    /** The server URL of this run, or null. */
    public static String serverUrl() {
        String url = System.getProperty("ait42.test.database", "");
        return url.isBlank() ? null : url;
    }

    /** Skips the calling test (visibly) unless a server URL is given. */
    public static void assumeServer() {
        Assumptions.assumeTrue(serverUrl() != null,
                "no PostgreSQL server given: run with -Dait42.test.database=jdbc:postgresql://... (.ci/postgres starts one)");
    }

    /** A new, empty database on the server; skips the test without one. */
    public static PostgresqlTestDatabase create() {
        assumeServer();
        String name = "ait42_t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        PostgresqlTestDatabase db = new PostgresqlTestDatabase(serverUrl(), name);
        db.execute("CREATE DATABASE " + name);
        return db;
    }

    /** The JDBC URL of this database (the server URL's user and password). */
    public String url() {
        return url;
    }

    private void execute(String sql) {
        try (Connection c = DriverManager.getConnection(serverUrl); Statement st = c.createStatement()) {
            st.execute(sql);
        } catch (SQLException e) {
            throw new AssertionError(sql + " failed on " + serverUrl, e);
        }
    }

    @Override
    public void close() {
        execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }
}
