package dev.ait42.session.cli;

import dev.ait42.session.NotFoundException;
import dev.ait42.session.SessionStore;
import dev.ait42.session.StorageException;
import dev.ait42.session.StoreConfig;
import dev.ait42.session.ValidationException;
import dev.ait42.session.search.SearchBackend;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * {@code --db FILE|URL} and {@code --index-dir DIR}, shared by every command that opens the store.
 * Only {@code import} (and {@code demo}, through it) creates a missing database (a file, or the
 * tables in a server database); every other command refuses to, so that a mistyped path is an
 * error rather than an empty history.
 */
final class StoreOptions {

    /** Where --search-user's password is read from (never an argument: others could read it with ps). */
    static final String SEARCH_PASSWORD_ENV = "AIT42_SEARCH_PASSWORD";

    @Option(names = "--db", paramLabel = "FILE|URL",
            description = "The database: a SQLite file (default: ~/.ait42/sessions.db) or a PostgreSQL JDBC URL "
                    + "(jdbc:postgresql://host:5432/db?user=...&password=..., then --index-dir is required); "
                    + "only import creates it.")
    String database = SessionStore.defaultDatabaseFile().toString();

    @Option(names = "--index-dir", paramLabel = "DIR",
            description = "The full-text index folder (default for a file: FILE.index beside it; required with a URL).")
    Path indexDirectory;

    @Option(names = "--search-uri", paramLabel = "URL", split = ",",
            description = "Search an OpenSearch cluster shared by every node of the database instead of the local"
                    + " Lucene index (http://host:9200; repeat or comma-separate for several); --index-dir is then unused.")
    java.util.List<String> searchUris = new java.util.ArrayList<>();

    @Option(names = "--search-user", paramLabel = "NAME", description = "OpenSearch user (basic authentication);"
            + " the password comes from the environment variable " + SEARCH_PASSWORD_ENV + ".")
    String searchUser;

    @Option(names = "--search-index-prefix", paramLabel = "PREFIX",
            description = "Put before the OpenSearch index names (sessions, instances, messages), so several"
                    + " databases can share a cluster.")
    String searchIndexPrefix;

    @Option(names = "--read-only", description = "Open without writing anything (chosen by itself when the"
            + " database cannot be written); list, show, search, stats and export work.")
    boolean readOnly;

    @Option(names = "--utc", description = "Print times in UTC (2025-05-02 09:00Z) instead of local time with its offset.")
    void utc(boolean value) {
        Times.utc(value);
    }

    /** Opens an existing database; a missing one is a {@link NotFoundException} and is not created. */
    SessionStore open() {
        Target target = target(database, indexDirectory, readOnly, search());
        if (!target.exists()) {
            throw new NotFoundException("no database at " + target.name() + "; run import first");
        }
        return target.open();
    }

    /**
     * {@link #open()} for a command that only reads sessions (list, show, stats): without the
     * full-text search engine, whose boot was most of such a command's start-up.
     */
    SessionStore openWithoutSearch() {
        Target target = target(database, indexDirectory, readOnly, search());
        if (!target.exists()) {
            throw new NotFoundException("no database at " + target.name() + "; run import first");
        }
        return SessionStore.open(target.config().withoutFullTextSearch());
    }

    /** Opens the database, creating it (its file and folder, or its tables on a server) if missing. */
    SessionStore openOrCreate() {
        return target(database, indexDirectory, readOnly, search()).open();
    }

    /** The search backend the options name: OpenSearch with --search-uri, the Lucene folder otherwise. */
    SearchBackend search() {
        if (searchUris.isEmpty()) {
            if (searchUser != null || searchIndexPrefix != null) {
                throw new ValidationException("--search-user", "and --search-index-prefix need --search-uri");
            }
            return SearchBackend.lucene();
        }
        SearchBackend backend = SearchBackend.openSearch(searchUris.toArray(String[]::new));
        if (searchUser != null) {
            String password = System.getenv(SEARCH_PASSWORD_ENV);
            if (password == null) {
                throw new ValidationException("--search-user", "needs the password in the environment variable "
                        + SEARCH_PASSWORD_ENV);
            }
            backend = backend.withCredentials(searchUser, password);
        }
        return searchIndexPrefix == null ? backend : backend.withIndexPrefix(searchIndexPrefix);
    }

    /** Whether the database exists (the file, or the library's tables in the server database). */
    boolean exists() {
        return target(database, indexDirectory, readOnly, search()).exists();
    }

    /** What to call the database in messages (a URL without its password). */
    String name() {
        return target(database, indexDirectory).name();
    }

    /** Whether {@code --db} names a server database rather than a file. */
    boolean server() {
        return isUrl(database);
    }

    static boolean isUrl(String database) {
        return database.startsWith("jdbc:");
    }

    /**
     * The store a {@code --db} value and an optional index folder name: a file (its index beside
     * it by default) or a server URL, which needs the index folder: it is local to this machine,
     * and a folder guessed from the URL would be shared by every database of that name.
     */
    static Target target(String database, Path indexDirectory) {
        return target(database, indexDirectory, false, SearchBackend.lucene());
    }

    /** {@link #target(String, Path)}, opened read-only if {@code readOnly}, searching {@code search}. */
    static Target target(String database, Path indexDirectory, boolean readOnly, SearchBackend search) {
        if (isUrl(database)) {
            if (search.shared()) {
                return new Target(StoreConfig.builder(database).indexDirectory(indexDirectory).readOnly(readOnly)
                        .search(search).build());
            }
            if (indexDirectory == null) {
                throw new ValidationException("--index-dir", "is required with a database URL: the full-text index is a"
                        + " folder on this machine (e.g. --index-dir ~/.ait42/server.index)");
            }
            StoreConfig config = StoreConfig.builder(database).indexDirectory(indexDirectory).readOnly(readOnly).build();
            return new Target(config);
        }
        Path file;
        try {
            file = Path.of(database);
        } catch (InvalidPathException e) {
            throw new ValidationException("--db", "not a file name or a jdbc: URL: " + database);
        }
        if (Files.isDirectory(file)) {
            throw new StorageException("cannot use " + file + " as the database: it is a directory");
        }
        StoreConfig.Builder config = StoreConfig.builder(file).readOnly(readOnly).search(search);
        if (indexDirectory != null) {
            config.indexDirectory(indexDirectory);
        }
        return new Target(config.build());
    }

    /** One database the command line opens. */
    record Target(StoreConfig config) {

        String name() {
            return config.databaseName();
        }

        boolean exists() {
            return config.serverDatabase() ? ServerDatabase.hasSessionTables(config) : Files.exists(config.databaseFile());
        }

        SessionStore open() {
            return SessionStore.open(config);
        }
    }
}
