package dev.ait42.session.store;

import dev.ait42.session.StoreConfig;
import dev.ait42.session.mapping.SessionMapping;
import dev.ait42.session.search.DeferredSyncDirectories;
import dev.ait42.session.search.ReadOnlyIndexDirectories;
import jakarta.persistence.EntityManagerFactory;
import org.hibernate.cfg.AvailableSettings;
import org.hibernate.community.dialect.SQLiteDialect;
import org.hibernate.jpa.HibernatePersistenceConfiguration;
import org.hibernate.search.engine.environment.bean.BeanReference;

/** Boots Hibernate on the store's pools, validating (never creating) the Liquibase schema. */
public final class HibernateBootstrap {

    /** JDBC batch size for inserts and updates of instances and messages. */
    static final int BATCH_SIZE = 50;

    private HibernateBootstrap() {
    }

    /** Runs {@code work} on the store's write connection (see {@link RoutingDataSource}). */
    public static <T> T whileWriting(java.util.function.Supplier<T> work) {
        return RoutingDataSource.whileWriting(work);
    }

    /**
     * @param indexWriter whether this process holds the search index writer; one without it
     *                    reads the index from its files (each search sees the writer's last
     *                    commit) and never creates or writes it, until it takes the writer over;
     *                    every node writes a shared (OpenSearch) index
     * @param indexFiles  the folders of a local index that may be written, or null (a read-only
     *                    store's, a shared index)
     * @param validate    whether Hibernate checks the mapping against the tables: after Liquibase
     *                    changed the schema; a schema the guard found current is the one the
     *                    changelog makes, which an open that migrated checked already (the check
     *                    reads the metadata of every table, a tenth of a read command's start-up)
     */
    public static EntityManagerFactory start(StoreConfig config, StorePools pools, boolean indexWriter,
                                             DeferredSyncDirectories indexFiles, boolean validate) {
        HibernatePersistenceConfiguration jpa = new HibernatePersistenceConfiguration("ait42-session")
                .managedClasses(SessionMapping.MANAGED_CLASSES)
                .property(AvailableSettings.JAKARTA_NON_JTA_DATASOURCE, pools.forHibernate())
                // The column types that differ per database follow the dialect (ColumnTypes);
                // PostgreSQL's is detected from the connection, SQLite's community dialect named.
                // Liquibase owns the schema: Hibernate's DDL on SQLite would lose keys and FKs.
                .property(AvailableSettings.HBM2DDL_AUTO, validate ? "validate" : "none")
                // FTS5 virtual tables (later) break bulk metadata extraction.
                .property(AvailableSettings.HBM2DDL_JDBC_METADATA_EXTRACTOR_STRATEGY, "individually")
                .property(AvailableSettings.STATEMENT_BATCH_SIZE, BATCH_SIZE)
                .property(AvailableSettings.ORDER_INSERTS, true)
                .property(AvailableSettings.ORDER_UPDATES, true)
                .property(AvailableSettings.FAIL_ON_PAGINATION_OVER_COLLECTION_FETCH, true)
                // Criteria queries (every search and listing) reuse their SQL translation when
                // built the same way again: measured 0.71 -> 0.50 ms for a page of 50 summaries.
                .property(AvailableSettings.CRITERIA_PLAN_CACHE_ENABLED, true)
                // JPA bootstrapping copies every criteria query when it is created (a few percent of
                // a page of summaries); the library builds each one afresh and never changes it after.
                .property(AvailableSettings.CRITERIA_COPY_TREE, false)
                .property(AvailableSettings.GENERATE_STATISTICS, config.statistics())
                .property(AvailableSettings.LOG_SESSION_METRICS, false)
                // Enhanced entities (the build's): no proxy classes to generate at boot.
                .property(EnhancedEntities.SETTING, EnhancedEntities.available());
        if (!config.serverDatabase()) {
            jpa.property(AvailableSettings.DIALECT, SQLiteDialect.class.getName());
        }
        if (!config.fullTextSearch()) {
            // No search engine to boot: a listing's start-up pays only for the ORM.
            jpa.property("hibernate.search.enabled", false);
            config.hibernateProperties().forEach(jpa::property);
            return jpa.createEntityManagerFactory();
        }
        // Full-text index: Lucene files in the store's index folder, or the nodes' shared OpenSearch.
        SessionMapping.searchProperties(config.search(), config.indexDirectory()).forEach(jpa::property);
        // The store's unit holds only the library's entities, indexed from the recorded work
        // (IndexCatchUp): no listener needs to track their changes in the writing transaction.
        jpa.property("hibernate.search.indexing.listeners.enabled", false);
        if (!indexWriter && !config.search().shared()) {
            // Readers straight from the files, no writer (a near-real-time reader needs one).
            jpa.property("hibernate.search.backend.io.strategy", "debug");
            jpa.property("hibernate.search.schema_management.strategy", "none");
        }
        if (config.readOnly() && config.search().shared()) {
            jpa.property("hibernate.search.schema_management.strategy", "none"); // a reader creates nothing
        } else if (config.readOnly()) {
            jpa.property("hibernate.search.backend.directory.type", ReadOnlyIndexDirectories.class.getName());
        } else if (indexFiles != null) {
            jpa.property("hibernate.search.backend.directory.type", BeanReference.ofInstance(indexFiles));
        }
        config.hibernateProperties().forEach(jpa::property);
        return jpa.createEntityManagerFactory();
    }
}
