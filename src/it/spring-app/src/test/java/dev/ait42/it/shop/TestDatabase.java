package dev.ait42.it.shop;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * The PostgreSQL server the build names ({@code -Dait42.test.database=jdbc:postgresql://...}, handed
 * down by the invoker), on which a test class gets a new, empty database of its own.
 */
final class TestDatabase {

    private TestDatabase() {
    }

    /** The server URL of this build, or null when it names none. */
    static String serverUrl() {
        String url = System.getProperty("ait42.test.database", "");
        return url.isBlank() || url.startsWith("${") ? null : url;
    }

    /** A new database on the server (the server URL's user and password); null without a server. */
    static String newPostgresqlDatabase() {
        String server = serverUrl();
        if (server == null) {
            return null;
        }
        String name = "shop_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection c = DriverManager.getConnection(server); Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create a database on " + server.replaceAll("password=[^&]*", "password=***"), e);
        }
        return server.replaceFirst("^(jdbc:postgresql://[^/]+/)[^?]*", "$1" + name);
    }

    static String sqliteUrl(Path file) {
        return "jdbc:sqlite:" + file;
    }
}
