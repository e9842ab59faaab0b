package dev.ait42.session.maintenance;

import dev.ait42.session.StorageException;
import dev.ait42.session.ValidationException;
import dev.ait42.session.store.OwnerOnlyFiles;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * Care of the database file: integrity check, optimize, online backup. Plain JDBC on connections
 * of its own in auto-commit mode (an online backup cannot run inside a transaction).
 */
public final class Maintenance {

    private final DataSource reads;
    private final DataSource writes;

    /** Maintenance through the database's data source. */
    public Maintenance(DataSource dataSource) {
        this(dataSource, dataSource);
    }

    /** @param writes where {@link #optimize()} runs (the embedded store's write connection) */
    public Maintenance(DataSource reads, DataSource writes) {
        this.reads = reads;
        this.writes = writes;
    }

    /**
     * Runs SQLite's integrity and foreign-key checks; reads only. On PostgreSQL the server keeps
     * its foreign keys itself and checks its own pages: the check asks what the catalog knows
     * cheaply ({@link #checkServerCatalog}).
     */
    public IntegrityReport checkIntegrity() {
        List<String> problems = new ArrayList<>();
        try (Connection c = reads.getConnection(); Statement st = c.createStatement()) {
            if (onPostgresql(c)) {
                checkServerCatalog(st, problems);
                return new IntegrityReport(problems);
            }
            try (ResultSet rs = st.executeQuery("PRAGMA integrity_check")) {
                while (rs.next()) {
                    String line = rs.getString(1);
                    if (!"ok".equals(line)) {
                        problems.add(line);
                    }
                }
            }
            try (ResultSet rs = st.executeQuery("PRAGMA foreign_key_check")) {
                while (rs.next()) {
                    problems.add("row " + rs.getLong(2) + " of " + rs.getString(1)
                            + " references a missing row of " + rs.getString(3));
                }
            }
        } catch (SQLException e) {
            throw new StorageException("integrity check failed to run: " + e.getMessage(), e);
        }
        return new IntegrityReport(problems);
    }

    /** Lets SQLite refresh its query-planner statistics where they are stale ({@code ANALYZE} of our tables on PostgreSQL). */
    public void optimize() {
        try (Connection c = writes.getConnection(); Statement st = c.createStatement()) {
            st.execute(onPostgresql(c) ? "ANALYZE workspaces, sessions, instances, chat_messages" : "PRAGMA optimize");
        } catch (SQLException e) {
            throw new StorageException("optimize failed: " + e.getMessage(), e);
        }
    }

    /**
     * Writes a consistent copy of the database to {@code target} while the store stays open
     * ({@code VACUUM INTO}: a compacted, self-contained file, readable by its owner only).
     *
     * @throws ValidationException if {@code target} already exists or its folder does not
     */
    public void backup(Path target) {
        Path absolute = target.toAbsolutePath();
        if (Files.isSymbolicLink(absolute)) {
            throw new ValidationException("target", absolute + " is a symbolic link (to "
                    + OwnerOnlyFiles.linkTarget(absolute) + "); backup never writes through a link");
        }
        if (Files.exists(absolute)) {
            throw new ValidationException("target", absolute + " already exists; backup never overwrites");
        }
        if (absolute.getParent() == null || !Files.isDirectory(absolute.getParent())) {
            throw new ValidationException("target", "folder of " + absolute + " does not exist");
        }
        try (Connection c = reads.getConnection()) {
            if (onPostgresql(c)) {
                throw new StorageException("backup copies a SQLite file; back a PostgreSQL database up with pg_dump");
            }
        } catch (SQLException e) {
            throw new StorageException("backup to " + absolute + " failed: " + e.getMessage(), e);
        }
        OwnerOnlyFiles.createFile(absolute); // VACUUM INTO accepts an empty file, so it never is world-readable
        try (Connection c = reads.getConnection();
             PreparedStatement st = c.prepareStatement("VACUUM INTO ?")) {
            st.setString(1, absolute.toString());
            st.execute();
        } catch (SQLException e) {
            deleteQuietly(absolute);
            throw new StorageException("backup to " + absolute + " failed: " + e.getMessage(), e);
        }
    }

    /**
     * PostgreSQL's cheap checks, from its catalog and statistics, no table scan: indexes left
     * invalid (a failed concurrent build: queries stop using them), constraints not validated
     * (rows may break them), and the page checksum failures the server has counted in this
     * database (null when checksums are off).
     */
    private static void checkServerCatalog(Statement st, List<String> problems) throws SQLException {
        try (ResultSet rs = st.executeQuery("SELECT i.indexrelid::regclass::text, i.indrelid::regclass::text"
                + " FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid"
                + " WHERE c.relnamespace = current_schema()::regnamespace AND NOT (i.indisvalid AND i.indisready)")) {
            while (rs.next()) {
                problems.add("index " + rs.getString(1) + " of " + rs.getString(2) + " is invalid; rebuild it (REINDEX INDEX)");
            }
        }
        try (ResultSet rs = st.executeQuery("SELECT conname, conrelid::regclass::text FROM pg_constraint"
                + " WHERE connamespace = current_schema()::regnamespace AND NOT convalidated")) {
            while (rs.next()) {
                problems.add("constraint " + rs.getString(1) + " of " + rs.getString(2)
                        + " is not validated; rows may break it (ALTER TABLE ... VALIDATE CONSTRAINT)");
            }
        }
        try (ResultSet rs = st.executeQuery("SELECT checksum_failures FROM pg_stat_database WHERE datname = current_database()")) {
            if (rs.next() && rs.getLong(1) > 0) {
                problems.add(rs.getLong(1) + " page checksum failures counted in this database: pages are corrupt");
            }
        }
    }

    private static boolean onPostgresql(Connection c) throws SQLException {
        return c.getMetaData().getDatabaseProductName().toLowerCase(java.util.Locale.ROOT).contains("postgres");
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // the error being reported matters more
        }
    }
}
