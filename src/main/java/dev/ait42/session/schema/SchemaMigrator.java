package dev.ait42.session.schema;

import dev.ait42.session.StorageException;
import liquibase.Contexts;
import liquibase.LabelExpression;
import liquibase.Liquibase;
import liquibase.UpdateSummaryOutputEnum;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;

import java.sql.Connection;
import javax.sql.DataSource;

/** Brings the schema up to date with Liquibase before Hibernate boots (Hibernate only validates). */
public final class SchemaMigrator {

    private SchemaMigrator() {
    }

    public static void migrate(DataSource writer) {
        migrate(writer, false);
    }

    /**
     * Applies the missing changesets; {@code libraryLogging} logs Liquibase's INFO lines (each
     * changeset, the summary) at INFO, as Liquibase does, rather than at FINE.
     */
    public static void migrate(DataSource writer, boolean libraryLogging) {
        run(writer, libraryLogging, liquibase -> liquibase.update(new Contexts(), new LabelExpression()));
    }

    /**
     * {@link #migrate(DataSource, boolean)}, first releasing Liquibase's lock in the database. Only
     * for a caller that knows no other migration runs (it holds a lock of its own): then a
     * Liquibase lock left there is a killed process's, and would otherwise keep every later open out.
     */
    public static void migrateReleasingStaleLock(DataSource writer, boolean libraryLogging) {
        run(writer, libraryLogging, liquibase -> {
            liquibase.forceReleaseLocks();
            liquibase.update(new Contexts(), new LabelExpression());
        });
    }

    /** Rolls back the last {@code count} changesets (each has a rollback); for tooling and tests. */
    public static void rollback(DataSource writer, int count) {
        run(writer, false, liquibase -> liquibase.rollback(count, null));
    }

    @FunctionalInterface
    private interface LiquibaseWork {
        void run(Liquibase liquibase) throws Exception;
    }

    private static void run(DataSource writer, boolean libraryLogging, LiquibaseWork work) {
        try (Connection connection = writer.getConnection()) {
            Changelog.inScope(() -> {
                Database database = DatabaseFactory.getInstance()
                        .findCorrectDatabaseImplementation(new JdbcConnection(connection));
                Changelog.requireCovered(database.getShortName(), database.getDatabaseProductName());
                Liquibase liquibase = new Liquibase(Changelog.MASTER, Changelog.resources(), database);
                liquibase.setShowSummaryOutput(UpdateSummaryOutputEnum.LOG); // a library keeps stdout clean
                work.run(liquibase);
                return null;
            }, libraryLogging);
        } catch (StorageException e) {
            throw e;
        } catch (Exception e) {
            throw new StorageException("schema migration failed: " + e.getMessage(), e);
        }
    }
}
