package dev.ait42.session.schema;

import dev.ait42.session.StorageException;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * The library's schema in an application's database (the shared mode): the library's own
 * changelog ({@link #CHANGELOG}), run beside the application's, never instead of it.
 *
 * <pre>{@code
 * SessionSchema.migrate(dataSource);   // before the EntityManagerFactory starts (it validates)
 * }</pre>
 *
 * An application that prefers its own Liquibase run may include {@link #CHANGELOG} in its master
 * changelog instead ({@code - include: {file: dev/ait42/session/db/ait42-session-changelog.yaml}}).
 */
public final class SessionSchema {

    /** Classpath location of the library's master changelog. */
    public static final String CHANGELOG = Changelog.MASTER;

    private SessionSchema() {
    }

    /**
     * Applies the library's changesets that are missing. Refuses, changing nothing, a database
     * migrated by a newer version of the library; the application's own changesets in the same
     * {@code DATABASECHANGELOG} are left alone.
     */
    public static void migrate(DataSource dataSource) {
        if (!current(dataSource)) {
            SchemaMigrator.migrate(dataSource);
        }
    }

    /** Whether every changeset of this library is applied (and none of a newer one). */
    public static boolean current(DataSource dataSource) {
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            String dbms = Changelog.dbmsOf(c);
            Changelog.requireCovered(dbms, c.getMetaData().getDatabaseProductName());
            if (!hasChangelogTable(c)) {
                return false;
            }
            return SchemaGuard.ourChangeSetsCurrent(st, c.getMetaData().getURL(), dbms);
        } catch (SQLException e) {
            throw new StorageException("cannot read the schema version: " + e.getMessage(), e);
        }
    }

    private static boolean hasChangelogTable(Connection c) throws SQLException {
        for (String name : new String[] {"DATABASECHANGELOG", "databasechangelog"}) {
            try (ResultSet rs = c.getMetaData().getTables(null, null, name, new String[] {"TABLE"})) {
                if (rs.next()) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * What tells this database from another: the deployment id Liquibase gave the run that
     * created its first table (a copy of the file keeps it). Empty if the schema is not there.
     */
    public static String identity(DataSource dataSource) {
        String sql = "select deployment_id from DATABASECHANGELOG where author = 'ait42' order by orderexecuted limit 1";
        try (java.sql.Connection c = dataSource.getConnection(); java.sql.Statement s = c.createStatement();
             java.sql.ResultSet rows = s.executeQuery(sql)) {
            return rows.next() ? String.valueOf(rows.getString(1)) : "";
        } catch (java.sql.SQLException e) {
            throw new dev.ait42.session.StorageException("cannot read the database's identity: " + e.getMessage(), e);
        }
    }
}
