package dev.ait42.session;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * How to open a {@link SessionStore}. {@code StoreConfig.of(path)} gives the defaults; the
 * builder changes them.
 *
 * @param databaseFile        the SQLite file; created (owner-only) if missing
 * @param indexDirectory      the full-text index folder; by default {@code <databaseFile>.index} next to it
 * @param readPoolSize        connections for reads; writes use one more, dedicated connection
 * @param busyTimeout         how long a write waits for another process's write lock
 * @param cacheSizeKib        SQLite page cache per connection
 * @param statistics          Hibernate statistics (statement counts), off by default
 * @param hibernateProperties extra Hibernate settings, applied last
 * @param libraryLogging      Liquibase's INFO lines at INFO, as Liquibase logs them; off by default
 *                            (they go out at FINE/DEBUG), see {@link Builder#libraryLogging}
 */
public record StoreConfig(Path databaseFile, Path indexDirectory, int readPoolSize, Duration busyTimeout, int cacheSizeKib,
                          boolean statistics, Map<String, Object> hibernateProperties, boolean libraryLogging) {

    public StoreConfig {
        Objects.requireNonNull(databaseFile, "databaseFile");
        Objects.requireNonNull(indexDirectory, "indexDirectory");
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
        hibernateProperties = Map.copyOf(hibernateProperties);
    }

    /** A configuration without {@code libraryLogging}. */
    public StoreConfig(Path databaseFile, Path indexDirectory, int readPoolSize, Duration busyTimeout, int cacheSizeKib,
                       boolean statistics, Map<String, Object> hibernateProperties) {
        this(databaseFile, indexDirectory, readPoolSize, busyTimeout, cacheSizeKib, statistics, hibernateProperties, false);
    }

    public static StoreConfig of(Path databaseFile) {
        return builder(databaseFile).build();
    }

    public static Builder builder(Path databaseFile) {
        return new Builder(databaseFile);
    }

    /** Fluent construction of a {@link StoreConfig}. */
    public static final class Builder {
        private final Path databaseFile;
        private Path indexDirectory;
        private int readPoolSize = 4;
        private Duration busyTimeout = Duration.ofSeconds(10);
        private int cacheSizeKib = 16 * 1024;
        private boolean statistics;
        private final Map<String, Object> hibernateProperties = new LinkedHashMap<>();
        private boolean libraryLogging;

        private Builder(Path databaseFile) {
            this.databaseFile = databaseFile;
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

        public StoreConfig build() {
            Path index = indexDirectory != null || databaseFile == null ? indexDirectory
                    : databaseFile.resolveSibling(databaseFile.getFileName() + ".index");
            return new StoreConfig(databaseFile, index, readPoolSize, busyTimeout, cacheSizeKib, statistics,
                    hibernateProperties, libraryLogging);
        }
    }
}
