package dev.ait42.session;

import dev.ait42.session.maintenance.Maintenance;
import dev.ait42.session.repository.SessionRepository;
import dev.ait42.session.schema.SchemaGuard;
import dev.ait42.session.schema.SchemaMigrator;
import dev.ait42.session.search.DeferredSyncDirectories;
import dev.ait42.session.search.FullTextSearch;
import dev.ait42.session.search.IndexCatchUp;
import dev.ait42.session.search.SearchIndexDirectory;
import dev.ait42.session.store.ErrorTranslator;
import dev.ait42.session.store.HibernateBootstrap;
import dev.ait42.session.store.OwnerOnlyFiles;
import dev.ait42.session.store.ServerPool;
import dev.ait42.session.store.SqlitePools;
import dev.ait42.session.store.StorePools;
import dev.ait42.session.schema.SessionSchema;
import java.util.function.Supplier;
import jakarta.persistence.EntityManagerFactory;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The entry point: one SQLite file (or a PostgreSQL database, {@link StoreConfig#builder(String)})
 * with its schema, connection pools and Hibernate.
 *
 * <pre>{@code
 * try (SessionStore store = SessionStore.open(Path.of("sessions.db"))) {
 *     SessionRepository sessions = store.sessions();
 *     ...
 * }
 * }</pre>
 *
 * Opening creates the file if missing (readable by its owner only: chat history may hold
 * secrets), refuses a file migrated by a newer build, migrates the schema with Liquibase and
 * boots Hibernate. Thread-safe; open one per database file and share it.
 */
public final class SessionStore implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SessionStore.class);

    private final StoreConfig config;
    private final StorePools pools;
    private final SearchIndexDirectory index;
    private final EntityManagerFactory factory;
    private final IndexCatchUp catchUp;
    private final SessionServices services;

    private SessionStore(StoreConfig config, StorePools pools, SearchIndexDirectory index,
                         DeferredSyncDirectories indexFiles, EntityManagerFactory factory) {
        this.config = config;
        this.pools = pools;
        this.index = index;
        this.factory = factory;
        UnitOfWork unit = new ResourceLocalUnitOfWork(factory, new ResourceLocalUnitOfWork.WriteScope() {
            @Override
            public <T> T around(Supplier<T> work) {
                if (config.readOnly()) {
                    throw new StorageException(config.databaseName() + " is open read-only: nothing can be written");
                }
                return HibernateBootstrap.whileWriting(work);
            }
        });
        // A shared index has no writer to hold: every node applies the work it claims.
        this.catchUp = config.search().shared() ? IndexCatchUp.shared(unit, config.readOnly())
                : new IndexCatchUp(unit, this::holdIndexWriter, indexFiles);
        this.services = SessionServices.on(unit, new Maintenance(pools.reader(), pools.writer()), catchUp);
    }

    /**
     * Whether this store holds the search index writer, taking it if another process released
     * it: the index is then checked (and rebuilt if it is unreadable) before work is applied.
     */
    private boolean holdIndexWriter() {
        if (index == null) {
            return false; // opened without full-text search (a shared index has no writer to hold)
        }
        if (index.holdsWriter()) {
            return true;
        }
        if (config.readOnly() || !index.tryTakeWriter()) {
            return false;
        }
        LOG.debug("Took over the search index writer of {}", index.path());
        rebuildIfNeeded(index.rebuildReason());
        return true;
    }

    private void rebuildIfNeeded(String rebuildReason) {
        if (rebuildReason == null) {
            return;
        }
        if (rebuildReason.equals(SearchIndexDirectory.NEW_INDEX)) {
            // every new store does this: worth a line only when asked for
            if (config.libraryLogging()) {
                LOG.info("Building the search index {} from the database", index.path());
            } else {
                LOG.debug("Building the search index {} from the database", index.path());
            }
        } else {
            LOG.warn("Rebuilding the search index {} from the database: {}", index.path(), rebuildReason);
        }
        index.createMissingIndexFolders();
        services.fullText().reindex();
        index.markFormat();
    }

    /** {@code ~/.ait42/sessions.db}, the command line's default. */
    public static Path defaultDatabaseFile() {
        return Path.of(System.getProperty("user.home"), ".ait42", "sessions.db");
    }

    public static SessionStore open(Path databaseFile) {
        return open(StoreConfig.of(databaseFile));
    }

    public static SessionStore open(StoreConfig config) {
        String file = config.databaseName();
        long start = System.nanoTime();
        StorePools pools;
        boolean schemaCurrent;
        if (config.serverDatabase()) {
            pools = ServerPool.open(config);
            try {
                schemaCurrent = SessionSchema.current(pools.writer());
            } catch (RuntimeException e) {
                pools.close();
                throw ErrorTranslator.translate("open " + file, e);
            }
        } else {
            requireUsableDatabaseFile(config.databaseFile());
            if (!config.readOnly()) {
                SqliteMigrations.createIfMissing(config);
            }
            schemaCurrent = SchemaGuard.check(config.databaseFile());
            if (!config.readOnly() && ReadOnlyStore.cannotWrite(config.databaseFile())) {
                LOG.info("{} cannot be written: opening it read-only", config.databaseFile());
                config = config.asReadOnly();
            }
            if (config.readOnly()) {
                ReadOnlyStore.requireReadable(config.databaseFile(), schemaCurrent);
            }
            pools = SqlitePools.open(config);
        }
        SearchIndexDirectory index = null;
        EntityManagerFactory factory = null;
        try {
            long guarded = System.nanoTime();
            if (!schemaCurrent && config.serverDatabase()) {
                SchemaMigrator.migrate(pools.writer(), config.libraryLogging());
            } else if (!schemaCurrent) {
                SqliteMigrations.migrate(config, pools.writer());
            }
            long migrated = System.nanoTime();
            if (config.fullTextSearch() && config.search().shared()) {
                return openOnSharedIndex(config, pools, start, !schemaCurrent);
            }
            boolean indexWriter = false;
            String rebuildReason = null;
            if (config.fullTextSearch()) { // otherwise the index folder is not even looked at
                index = SearchIndexDirectory.open(config.indexDirectory(), config.readOnly(),
                        // where the database is, and the run that created it (a copy elsewhere rebuilds its index)
                        (config.serverDatabase() ? config.databaseName() : config.databaseFile().toAbsolutePath().toString())
                                + " " + SessionSchema.identity(pools.reader()));
                indexWriter = !config.readOnly() && index.tryTakeWriter();
                if (!indexWriter) {
                    index.requireSameDatabase();
                }
                rebuildReason = indexWriter ? index.rebuildReason() : null;
                if (indexWriter) {
                    index.createMissingIndexFolders();
                }
            }
            long indexChecked = System.nanoTime();
            // Each search of a process without the writer opens the index afresh, so its files
            // are read there, not memory-mapped: mapping every file and undoing it at the end of
            // each search made opening the three indexes about four times slower (90 against
            // 20 ms, 8 segments each).
            DeferredSyncDirectories indexFiles = index == null || config.readOnly() ? null
                    : new DeferredSyncDirectories(indexWriter);
            factory = HibernateBootstrap.start(config, pools, indexWriter, indexFiles, !schemaCurrent);
            long booted = System.nanoTime();
            LOG.debug("Opened {} in {} ms: schema guard and pools {} ms, Liquibase {} ms, index check {} ms,"
                            + " Hibernate ORM{} {} ms", file, (booted - start) / 1_000_000,
                    (guarded - start) / 1_000_000, (migrated - guarded) / 1_000_000,
                    (indexChecked - migrated) / 1_000_000, index == null ? "" : " and Search",
                    (booted - indexChecked) / 1_000_000);
            SessionStore store = new SessionStore(config, pools, index, indexFiles, factory);
            if (index != null) {
                store.rebuildIfNeeded(rebuildReason);
                // What a crash or another process left unapplied is applied in the background:
                // reads answer meanwhile, and a search first catches up with it.
                store.catchUp.start(config.searchCatchUpPeriod());
            }
            return store;
        } catch (RuntimeException e) {
            closeQuietly(factory, index, pools, e);
            throw ErrorTranslator.translate("open " + file, e);
        }
    }

    /**
     * The store on a shared (OpenSearch) index: no index folder and no writer to take; Hibernate
     * Search creates the indexes that are missing, and the first node to find them empty while
     * the database has sessions builds them.
     */
    private static SessionStore openOnSharedIndex(StoreConfig config, StorePools pools, long start, boolean validate) {
        EntityManagerFactory factory = HibernateBootstrap.start(config, pools, true, null, validate);
        LOG.debug("Opened {} on the search index {} in {} ms", config.databaseName(), config.search(),
                (System.nanoTime() - start) / 1_000_000);
        SessionStore store;
        try {
            store = new SessionStore(config, pools, null, null, factory);
        } catch (RuntimeException e) {
            factory.close();
            throw e;
        }
        try {
            if (!config.readOnly()) {
                store.buildSharedIndexIfEmpty();
            }
            store.catchUp.start(config.searchCatchUpPeriod());
            return store;
        } catch (RuntimeException e) {
            store.catchUp.stopBackground();
            factory.close();
            throw e;
        }
    }

    private void buildSharedIndexIfEmpty() {
        var counts = services.fullText().counts();
        boolean indexEmpty = counts.sessionDocuments() + counts.instanceDocuments() + counts.messageDocuments() == 0;
        if (indexEmpty && counts.sessionRows() > 0) {
            LOG.info("Building the search index {} from the database", config.search());
            services.fullText().reindex();
        }
    }

    /**
     * A database path that is a folder, or a symbolic link to a file that does not exist (SQLite
     * would create it wherever the link points), is refused before anything is opened.
     */
    private static void requireUsableDatabaseFile(Path file) {
        String what = "cannot use " + file + " as the database";
        if (Files.isDirectory(file)) {
            throw new StorageException(what + ": it is a directory");
        }
        OwnerOnlyFiles.refuseDanglingLink(file, what);
    }

    private static void closeQuietly(EntityManagerFactory factory, SearchIndexDirectory index, StorePools pools,
                                     RuntimeException cause) {
        try {
            if (factory != null) {
                factory.close();
            }
            if (index != null) {
                index.close();
            }
        } catch (RuntimeException e) {
            cause.addSuppressed(e);
        } finally {
            pools.close();
        }
    }

    /** Sessions, instances and messages of every workspace. */
    public SessionRepository sessions() {
        return services.sessions();
    }

    /**
     * Full-text search over tasks, agent outputs and chat history; reindexing.
     *
     * @throws StorageException if the store was opened without it ({@link StoreConfig#fullTextSearch()})
     */
    public FullTextSearch fullText() {
        if (!config.fullTextSearch()) {
            throw new StorageException(config.databaseName() + " was opened without full-text search"
                    + " (StoreConfig.Builder.fullTextSearch(false)): open it with search to search or reindex");
        }
        return services.fullText();
    }

    /** Integrity check, optimize, online backup. */
    public Maintenance maintenance() {
        return services.maintenance();
    }

    /** The same operations as one object (what the shared mode hands an application). */
    public SessionServices services() {
        return services;
    }

    /**
     * The underlying JPA factory, for applications that run their own queries (or count
     * statements with Hibernate statistics). Its entity managers read from the read pool.
     */
    public EntityManagerFactory entityManagerFactory() {
        return factory;
    }

    /** The SQLite file; null for a server database ({@link StoreConfig#jdbcUrl()}). */
    public Path databaseFile() {
        return config.databaseFile();
    }

    public StoreConfig config() {
        return config;
    }

    /**
     * Applies the index work left (if this store holds the index writer) and closes the index,
     * then the database. Releases the index writer for other stores and processes.
     */
    @Override
    public void close() {
        try {
            if (config.fullTextSearch()) { // without it there is no index work to apply
                catchUp.close();
            }
            factory.close();
        } finally {
            try {
                if (index != null) {
                    index.close();
                }
            } finally {
                pools.close();
            }
        }
    }
}
