package dev.ait42.session.spring.boot;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.nio.file.Path;

/**
 * Settings of the library in a Spring Boot application, under {@code ait42.session}.
 */
@ConfigurationProperties("ait42.session")
public class SessionProperties {

    /**
     * The SQLite file of the embedded store, for an application without a DataSource of its own:
     * setting it gives the application a SessionStore and its services as beans.
     */
    private Path databaseFile;

    /** Whether the library's entities join the application's persistence unit (the shared mode). */
    private boolean contributeMapping = true;

    /** Whether the library applies its Liquibase changelog to the application's database at start-up. */
    private boolean migrateSchema = true;

    private final Search search = new Search();

    public Path getDatabaseFile() {
        return databaseFile;
    }

    public void setDatabaseFile(Path databaseFile) {
        this.databaseFile = databaseFile;
    }

    public boolean isContributeMapping() {
        return contributeMapping;
    }

    public void setContributeMapping(boolean contributeMapping) {
        this.contributeMapping = contributeMapping;
    }

    public boolean isMigrateSchema() {
        return migrateSchema;
    }

    public void setMigrateSchema(boolean migrateSchema) {
        this.migrateSchema = migrateSchema;
    }

    public Search getSearch() {
        return search;
    }

    /** The full-text index. */
    public static class Search {

        /**
         * The folder of the Lucene index. Defaults to {@code <database file>.index} next to the SQLite
         * file of the application's DataSource (or of the embedded store); required for other databases.
         */
        private Path indexDirectory;

        public Path getIndexDirectory() {
            return indexDirectory;
        }

        public void setIndexDirectory(Path indexDirectory) {
            this.indexDirectory = indexDirectory;
        }
    }
}
