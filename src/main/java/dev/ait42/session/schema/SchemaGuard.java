package dev.ait42.session.schema;

import dev.ait42.session.IncompatibleSchemaException;
import dev.ait42.session.StorageException;
import org.sqlite.SQLiteConfig;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Looks at an existing file through a read-only connection before anything writes to it
 * (setting WAL mode or running Liquibase would already change the file). Refuses a file that a
 * newer build migrated, and a SQLite file that is not ours.
 */
public final class SchemaGuard {

    private SchemaGuard() {
    }

    public static void check(Path databaseFile) {
        try {
            if (!Files.exists(databaseFile) || Files.size(databaseFile) == 0) {
                return; // a new database: Liquibase creates everything
            }
        } catch (java.io.IOException e) {
            throw new StorageException("cannot read " + databaseFile + ": " + e.getMessage(), e);
        }
        SQLiteConfig readOnly = new SQLiteConfig();
        readOnly.setReadOnly(true);
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + databaseFile.toAbsolutePath(),
                readOnly.toProperties()); Statement st = c.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = st.executeQuery(
                    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            if (tables.isEmpty()) {
                return;
            }
            if (tables.stream().noneMatch("DATABASECHANGELOG"::equalsIgnoreCase)) {
                throw new StorageException(databaseFile + " is a SQLite database of something else (tables "
                        + tables + ", no Liquibase changelog); refusing to touch it");
            }
            List<String> unknown = unknownChangeSets(st, Changelog.knownChangeSets());
            if (!unknown.isEmpty()) {
                throw new IncompatibleSchemaException(databaseFile + " was migrated by a newer version of "
                        + "ait42-session (unknown changesets " + unknown + "); the file was left untouched, "
                        + "upgrade ait42-session to open it");
            }
        } catch (SQLException e) {
            throw new StorageException("cannot open " + databaseFile + " as a session database: "
                    + e.getMessage(), e);
        }
    }

    private static List<String> unknownChangeSets(Statement st, Set<String> known) throws SQLException {
        List<String> unknown = new ArrayList<>();
        try (ResultSet rs = st.executeQuery("SELECT ID, AUTHOR FROM DATABASECHANGELOG ORDER BY ORDEREXECUTED")) {
            while (rs.next()) {
                String key = Changelog.key(rs.getString(1), rs.getString(2));
                if (!known.contains(key)) {
                    unknown.add(key);
                }
            }
        }
        return unknown;
    }
}
