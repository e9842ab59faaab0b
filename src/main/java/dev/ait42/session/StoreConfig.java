package dev.ait42.session;

import dev.ait42.session.search.SearchBackend;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * How to open a {@link SessionStore}. {@code StoreConfig.of(path)} gives the defaults; the
 * builder changes them.
 *
 * @param databaseFile        the SQLite file; created (owner-only) if missing; null for a server database
 * @param indexDirectory      the full-text index folder; by default {@code <databaseFile>.index} next to it
 *                            (required for a server database with Lucene: there is no file to put it
 *                            beside; unused with OpenSearch)
 * @param readPoolSize        connections for reads; writes use one more, dedicated connection (a
 *                            server database: the size of its one pool)
 * @param busyTimeout         how long a write waits for another process's write lock
 * @param cacheSizeKib        SQLite page cache per connection
 * @param statistics          Hibernate statistics (statement counts), off by default
 * @param hibernateProperties extra Hibernate settings, applied last
 * @param libraryLogging      Liquibase's INFO lines at INFO, as Liquibase logs them; off by default
 *                            (they go out at FINE/DEBUG), see {@link Builder#libraryLogging}
 * @param jdbcUrl             a PostgreSQL server's JDBC URL
 *                            ({@code jdbc:postgresql://host:5432/db?user=...&password=...}) instead of a file; null for SQLite
 * @param searchCatchUpPeriod how often the store holding the search index writer applies, in the
 *                            background, what other processes wrote (and takes a released writer
 *                            over); zero: only before its own searches and on close
 * @param readOnly            open without writing anything (a read-only file or medium): reads and
 *                            searches work, writes fail, the index is read as another process left it
 * @param search              where the full-text index lives: Lucene files in {@code indexDirectory}
 *                            (the default), or an OpenSearch cluster every node of the database shares
 * @param fullTextSearch      whether the store boots its full-text search (on by default); without it
 *                            the store opens faster (no search engine, no index folder), reads and
 *                            writes as usual (writes still record their index work, applied by the
 *                            next store that searches), and {@link SessionStore#fullText()} refuses
 */
public record StoreConfig(Path databaseFile, Path indexDirectory, int readPoolSize, Duration busyTimeout, int cacheSizeKib,
                          boolean statistics, Map<String, Object> hibernateProperties, boolean libraryLogging,
                          String jdbcUrl, Duration searchCatchUpPeriod, boolean readOnly, SearchBackend search,
                          boolean fullTextSearch) {

    /** The JDBC URL prefix of the server database this version supports. */
    public static final String POSTGRESQL_URL_PREFIX = "jdbc:postgresql:";
    /**
     * How often the index writer's holder looks for recorded writes, its own and other processes':
     * a write is searchable everywhere a round later. A look with nothing to do is one query.
     */
    public static final Duration DEFAULT_CATCH_UP_PERIOD = Duration.ofMillis(100);

    public StoreConfig {
        search = search == null ? SearchBackend.lucene() : search;
        if (jdbcUrl == null) {
            Objects.requireNonNull(databaseFile, "databaseFile");
        } else {
            if (!jdbcUrl.startsWith(POSTGRESQL_URL_PREFIX)) {
                throw new ValidationException("jdbcUrl", "must be a PostgreSQL URL (" + POSTGRESQL_URL_PREFIX
                        + "//host:port/database?user=...), was " + redacted(jdbcUrl) + "; open a SQLite database by its file");
            }
            if (databaseFile != null) {
                throw new ValidationException("databaseFile", "must be null with a JDBC URL");
            }
            if (indexDirectory == null && !search.shared()) {
                throw new ValidationException("indexDirectory", "is required for a server database with the Lucene"
                        + " index: the full-text index is a local folder of this node (or use OpenSearch, shared by all)");
            }
        }
        if (!search.shared()) {
            Objects.requireNonNull(indexDirectory, "indexDirectory");
        }
        Objects.requireNonNull(busyTimeout, "busyTimeout");
        if (readPoolSize < 1) {
            throw new ValidationException("readPoolSize", "must be at least 1, was " + readPoolSize);
        }
        if (busyTimeout.isNegative()) {
            throw new ValidationException("busyTimeout", "must not be negative, was " + busyTimeout);
        }
        if (cacheSizeKib < 0) {
            throw new ValidationException("cacheSizeKib", "must not be negative, was " + cacheSizeKib);
        }
        Objects.requireNonNull(searchCatchUpPeriod, "searchCatchUpPeriod");
        if (searchCatchUpPeriod.isNegative()) {
            throw new ValidationException("searchCatchUpPeriod", "must not be negative, was " + searchCatchUpPeriod);
        }
        hibernateProperties = Map.copyOf(hibernateProperties);
    }

    /** Constructor of the versions before the choice of search backend (Lucene). */
    public StoreConfig(Path databaseFile, Path indexDirectory, int readPoolSize, Duration busyTimeout, int cacheSizeKib,
                       boolean statistics, Map<String, Object> hibernateProperties, boolean libraryLogging,
                       String jdbcUrl, Duration searchCatchUpPeriod, boolean readOnly) {
        this(databaseFile, indexDirectory, readPoolSize, busyTimeout, cacheSizeKib, statistics, hibernateProperties,
                libraryLogging, jdbcUrl, searchCatchUpPeriod, readOnly, SearchBackend.lucene(), true);
    }

    /** Constructor of the versions before the index work record. */
    public StoreConfig(Path databaseFile, Path indexDirectory, int readPoolSize, Duration busyTimeout, int cacheSizeKib,
                       boolean statistics, Map<String, Object> hibernateProperties, boolean libraryLogging,
                       String jdbcUrl) {
        this(databaseFile, indexDirectory, readPoolSize, busyTimeout, cacheSizeKib, statistics, hibernateProperties,
                libraryLogging, jdbcUrl, DEFAULT_CATCH_UP_PERIOD, false);
    }

    /** Constructor of the first versions, for a SQLite file. */
    public StoreConfig(Path databaseFile, Path indexDirectory, int readPoolSize, Duration busyTimeout, int cacheSizeKib,
                       boolean statistics, Map<String, Object> hibernateProperties) {
        this(databaseFile, indexDirectory, readPoolSize, busyTimeout, cacheSizeKib, statistics, hibernateProperties,
                false, null);
    }

    public static StoreConfig of(Path databaseFile) {
        return builder(databaseFile).build();
    }

    /** This configuration, read-only. */
    public StoreConfig asReadOnly() {
        return new StoreConfig(databaseFile, indexDirectory, readPoolSize, busyTimeout, cacheSizeKib, statistics,
                hibernateProperties, libraryLogging, jdbcUrl, searchCatchUpPeriod, true, search, fullTextSearch);
    }

    /** This configuration without full-text search ({@link #fullTextSearch()}). */
    public StoreConfig withoutFullTextSearch() {
        return new StoreConfig(databaseFile, indexDirectory, readPoolSize, busyTimeout, cacheSizeKib, statistics,
                hibernateProperties, libraryLogging, jdbcUrl, searchCatchUpPeriod, readOnly, search, false);
    }

    /** A SQLite file. */
    public static Builder builder(Path databaseFile) {
        return new Builder(databaseFile, null);
    }

    /**
     * A PostgreSQL server database by its JDBC URL
     * ({@code jdbc:postgresql://127.0.0.1:5432/ait42?user=...&password=...}); the builder then
     * needs an {@link Builder#indexDirectory index folder}.
     */
    public static Builder builder(String jdbcUrl) {
        return new Builder(null, Objects.requireNonNull(jdbcUrl, "jdbcUrl"));
    }

    /** Whether this is a server database (a JDBC URL) rather than a SQLite file. */
    public boolean serverDatabase() {
        return jdbcUrl != null;
    }

    /** What to call the database in messages: the file, or the URL without its password. */
    public String databaseName() {
        return jdbcUrl != null ? redacted(jdbcUrl) : databaseFile.toString();
    }

    private static String redacted(String url) {
        return url.replaceAll("(?i)(password=)[^&]*", "$1***");
    }

    @Override
    public String toString() {
        return "StoreConfig[" + databaseName() + ", index " + (search.shared() ? search : indexDirectory) + "]";
    }

    /** Fluent construction of a {@link StoreConfig}. */
    public static final class Builder {
        private final Path databaseFile;
        private final String jdbcUrl;
        private Path indexDirectory;
        private int readPoolSize = 4;
        private Duration busyTimeout = Duration.ofSeconds(10);
        private int cacheSizeKib = 16 * 1024;
        private boolean statistics;
        private final Map<String, Object> hibernateProperties = new LinkedHashMap<>();
        private boolean libraryLogging;
        private Duration searchCatchUpPeriod = DEFAULT_CATCH_UP_PERIOD;
        private boolean readOnly;
        private SearchBackend search = SearchBackend.lucene();
        private boolean fullTextSearch = true;

        private Builder(Path databaseFile, String jdbcUrl) {
            this.databaseFile = databaseFile;
            this.jdbcUrl = jdbcUrl;
        }

        /** Where the full-text index lives; one open store at a time may use it. */
        public Builder indexDirectory(Path directory) {
            this.indexDirectory = directory;
            return this;
        }

        public Builder readPoolSize(int size) {
            this.readPoolSize = size;
            return this;
        }

        public Builder busyTimeout(Duration timeout) {
            this.busyTimeout = timeout;
            return this;
        }

        public Builder cacheSizeKib(int kib) {
            this.cacheSizeKib = kib;
            return this;
        }

        public Builder statistics(boolean enabled) {
            this.statistics = enabled;
            return this;
        }

        public Builder hibernateProperty(String name, Object value) {
            hibernateProperties.put(name, value);
            return this;
        }

        /**
         * Opening a store logs quietly by default: Liquibase's INFO lines (every changeset it runs,
         * its summary, the changelog lock) go out at FINE (DEBUG through SLF4J), as does the
         * library's own note that it builds a new search index. {@code true} logs them at INFO.
         * Hikari's and Hibernate's start-up lines are not the library's to change: they follow the
         * application's levels for {@code com.zaxxer.hikari}, {@code org.hibernate} and
         * {@code org.hibernate.search} (see the README).
         */
        public Builder libraryLogging(boolean enabled) {
            this.libraryLogging = enabled;
            return this;
        }

        /** See {@link StoreConfig#searchCatchUpPeriod()}; zero turns the background off. */
        public Builder searchCatchUpPeriod(Duration period) {
            this.searchCatchUpPeriod = period;
            return this;
        }

        /** See {@link StoreConfig#search()}: {@link SearchBackend#openSearch} for several nodes. */
        public Builder search(SearchBackend backend) {
            this.search = Objects.requireNonNull(backend, "backend");
            return this;
        }

        /** See {@link StoreConfig#readOnly()}. */
        public Builder readOnly(boolean readOnly) {
            this.readOnly = readOnly;
            return this;
        }

        /**
         * See {@link StoreConfig#fullTextSearch()}: {@code false} for a process that only lists,
         * shows or counts sessions (the command line's {@code list}, {@code show} and {@code stats}).
         */
        public Builder fullTextSearch(boolean enabled) {
            this.fullTextSearch = enabled;
            return this;
        }

        public StoreConfig build() {
            Path index = indexDirectory != null || databaseFile == null ? indexDirectory
                    : databaseFile.resolveSibling(databaseFile.getFileName() + ".index");
            return new StoreConfig(databaseFile, index, readPoolSize, busyTimeout, cacheSizeKib, statistics,
                    hibernateProperties, libraryLogging, jdbcUrl, searchCatchUpPeriod, readOnly, search, fullTextSearch);
        }
    }
}
