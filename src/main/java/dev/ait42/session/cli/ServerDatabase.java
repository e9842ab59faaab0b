package dev.ait42.session.cli;

import dev.ait42.session.StorageException;
import dev.ait42.session.StoreConfig;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** What the command line asks a server database before opening a store on it. */
final class ServerDatabase {

    private ServerDatabase() {
    }

    /**
     * Whether the server database holds this library's tables (on its search path): a database
     * without them is "missing" to every command but {@code import}, as a missing file is.
     */
    static boolean hasSessionTables(StoreConfig config) {
        try (Connection c = DriverManager.getConnection(config.jdbcUrl()); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT to_regclass('sessions') IS NOT NULL")) {
            return rs.next() && rs.getBoolean(1);
        } catch (SQLException e) {
            throw new StorageException("cannot connect to " + config.databaseName() + ": " + e.getMessage(), e);
        }
    }
}
