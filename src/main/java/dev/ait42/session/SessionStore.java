package dev.ait42.session;

import dev.ait42.session.maintenance.Maintenance;
import dev.ait42.session.repository.SessionRepository;
import dev.ait42.session.schema.SchemaGuard;
import dev.ait42.session.schema.SchemaMigrator;
import dev.ait42.session.store.ErrorTranslator;
import dev.ait42.session.store.HibernateBootstrap;
import dev.ait42.session.store.OwnerOnlyFiles;
import dev.ait42.session.store.SqlitePools;
import dev.ait42.session.store.Transactions;
import jakarta.persistence.EntityManagerFactory;

import java.nio.file.Path;

/**
 * The entry point: one SQLite file with its schema, connection pools and Hibernate.
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

    private final StoreConfig config;
    private final SqlitePools pools;
    private final EntityManagerFactory factory;
    private final SessionRepository sessions;
    private final Maintenance maintenance;

    private SessionStore(StoreConfig config, SqlitePools pools, EntityManagerFactory factory) {
        this.config = config;
        this.pools = pools;
        this.factory = factory;
        this.sessions = SessionRepository.create(new Transactions(factory));
        this.maintenance = new Maintenance(pools);
    }

    /** {@code ~/.ait42/sessions.db}, the command line's default. */
    public static Path defaultDatabaseFile() {
        return Path.of(System.getProperty("user.home"), ".ait42", "sessions.db");
    }

    public static SessionStore open(Path databaseFile) {
        return open(StoreConfig.of(databaseFile));
    }

    public static SessionStore open(StoreConfig config) {
        Path file = config.databaseFile();
        SchemaGuard.check(file);
        OwnerOnlyFiles.createFile(file);
        SqlitePools pools = SqlitePools.open(config);
        try {
            SchemaMigrator.migrate(pools.writer());
            return new SessionStore(config, pools, HibernateBootstrap.start(config, pools));
        } catch (RuntimeException e) {
            pools.close();
            throw ErrorTranslator.translate("open " + file, e);
        }
    }

    /** Sessions, instances and messages of every workspace. */
    public SessionRepository sessions() {
        return sessions;
    }

    /** Integrity check, optimize, online backup. */
    public Maintenance maintenance() {
        return maintenance;
    }

    /**
     * The underlying JPA factory, for applications that run their own queries (or count
     * statements with Hibernate statistics). Its entity managers read from the read pool.
     */
    public EntityManagerFactory entityManagerFactory() {
        return factory;
    }

    public Path databaseFile() {
        return config.databaseFile();
    }

    public StoreConfig config() {
        return config;
    }

    @Override
    public void close() {
        try {
            factory.close();
        } finally {
            pools.close();
        }
    }
}
