package dev.ait42.session.spring.boot;

import dev.ait42.session.search.SearchBackend;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

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

        /** {@code lucene} (a local folder, the default) or {@code opensearch} (a cluster every node shares). */
        private SearchBackend.Kind backend = SearchBackend.Kind.LUCENE;

        /** OpenSearch's HTTP addresses ({@code http://host:9200}), with {@code backend=opensearch}. */
        private List<URI> uris = new ArrayList<>();

        /** OpenSearch's user (basic authentication), if it has one. */
        private String username;

        /** That user's password. */
        private String password;

        /** Put before the OpenSearch index names, so that several databases can share one cluster. */
        private String indexPrefix = "";

        /** The backend these settings name. */
        public SearchBackend toBackend() {
            if (backend == SearchBackend.Kind.LUCENE) {
                return SearchBackend.lucene();
            }
            return new SearchBackend(backend, uris, username, password, indexPrefix);
        }

        public SearchBackend.Kind getBackend() {
            return backend;
        }

        public void setBackend(SearchBackend.Kind backend) {
            this.backend = backend;
        }

        public List<URI> getUris() {
            return uris;
        }

        public void setUris(List<URI> uris) {
            this.uris = uris;
        }

        public String getUsername() {
            return username;
        }

        public void setUsername(String username) {
            this.username = username;
        }

        public String getPassword() {
            return password;
        }

        public void setPassword(String password) {
            this.password = password;
        }

        public String getIndexPrefix() {
            return indexPrefix;
        }

        public void setIndexPrefix(String indexPrefix) {
            this.indexPrefix = indexPrefix;
        }

        public Path getIndexDirectory() {
            return indexDirectory;
        }

        public void setIndexDirectory(Path indexDirectory) {
            this.indexDirectory = indexDirectory;
        }
    }
}
