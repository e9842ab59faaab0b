package dev.ait42.session.schema;

import dev.ait42.session.IncompatibleSchemaException;
import dev.ait42.session.StorageException;
import org.sqlite.SQLiteConfig;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Looks at an existing file through a read-only connection before anything writes to it
 * (setting WAL mode or running Liquibase would already change the file). Refuses a file that a
 * newer build migrated, and a SQLite file that is not ours.
 */
public final class SchemaGuard {

    private SchemaGuard() {
    }

    /**
     * Checks the file and says whether its schema is already current: every changeset of this
     * build applied, none other. Then Liquibase has nothing to do and need not run (it costs a
     * few hundred milliseconds of every start).
     *
     * @return true if the schema is current, false if Liquibase must run (a new or older file)
     */
    public static boolean check(Path databaseFile) {
        try {
            if (!Files.exists(databaseFile) || Files.size(databaseFile) == 0) {
                return false; // a new database: Liquibase creates everything
            }
        } catch (java.io.IOException e) {
            throw new StorageException("cannot read " + databaseFile + ": " + e.getMessage(), e);
        }
        SQLiteConfig readOnly = new SQLiteConfig();
        readOnly.setReadOnly(true);
        try (Connection c = DriverManager.getConnection(dev.ait42.session.store.SqliteSettings.urlOfFile(databaseFile),
                readOnly.toProperties()); Statement st = c.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = st.executeQuery(
                    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            if (tables.isEmpty()) {
                return false;
            }
            if (tables.stream().noneMatch("DATABASECHANGELOG"::equalsIgnoreCase)) {
                throw new StorageException(databaseFile + " is a SQLite database of something else (tables "
                        + tables + ", no Liquibase changelog); refusing to touch it");
            }
            return ourChangeSetsCurrent(st, databaseFile.toString(), Changelog.SQLITE);
        } catch (SQLException e) {
            throw new StorageException("cannot open " + databaseFile + " as a session database: "
                    + e.getMessage(), e);
        }
    }

    /**
     * Refuses a database that a newer build of this library migrated (changesets of ours that
     * this build does not know), and says whether all of ours are applied. Changesets of an
     * application that shares the changelog table are not looked at.
     *
     * @param database names the database in the error
     * @param dbms     Liquibase's short name of the database: which of our changesets apply to it
     */
    static boolean ourChangeSetsCurrent(Statement st, String database, String dbms) throws SQLException {
        Map<String, Set<String>> known = Changelog.knownChangeSets();
        Set<String> forThisDatabase = Changelog.changeSetsFor(dbms);
        List<String> applied = appliedChangeSets(st);
        List<String> unknown = applied.stream().filter(key -> !known.containsKey(key)).toList();
        if (!unknown.isEmpty()) {
            throw new IncompatibleSchemaException(database + " was migrated by a newer version of "
                    + "ait42-session (its changesets " + unknown + " are unknown to this version); the database"
                    + " was left untouched, upgrade ait42-session to open it");
        }
        return applied.size() == forThisDatabase.size() && forThisDatabase.containsAll(applied);
    }

    private static List<String> appliedChangeSets(Statement st) throws SQLException {
        List<String> applied = new ArrayList<>();
        // Only our own rows: an application may record its changesets in the same table.
        try (PreparedStatement select = st.getConnection().prepareStatement(
                "SELECT ID, AUTHOR FROM DATABASECHANGELOG WHERE FILENAME LIKE ? OR FILENAME LIKE ?"
                        + " ORDER BY ORDEREXECUTED")) {
            select.setString(1, Changelog.RECORDED_PATH_PREFIXES.get(0) + "%");
            select.setString(2, Changelog.RECORDED_PATH_PREFIXES.get(1) + "%");
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    applied.add(Changelog.key(rs.getString(1), rs.getString(2)));
                }
            }
        }
        return applied;
    }
}
