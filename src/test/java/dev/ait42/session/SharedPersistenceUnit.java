package dev.ait42.session;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.ait42.session.mapping.SessionMapping;
import dev.ait42.session.schema.SessionSchema;
import dev.ait42.session.store.SqliteSettings;
import jakarta.persistence.EntityManagerFactory;
import org.hibernate.cfg.AvailableSettings;
import org.hibernate.jpa.HibernatePersistenceConfiguration;

import java.nio.file.Path;
import java.util.Map;

/**
 * The shared mode as a plain JPA application has it: its own Hikari pool on the SQLite file (with
 * the library's connection settings), its own persistence unit that gets the library's entities
 * through the mapping contributor, the library's schema run beside it, and the library's services
 * on a resource-local unit of work (or on another unit, such as Spring's, over {@link #factory}).
 */
public final class SharedPersistenceUnit implements AutoCloseable {

    public final HikariDataSource dataSource;
    public final EntityManagerFactory factory;
    public final SessionServices services;

    public SharedPersistenceUnit(Path databaseFile, boolean statistics, Map<String, Object> hibernateProperties) {
        HikariConfig hikari = new HikariConfig();
        hikari.setJdbcUrl("jdbc:sqlite:" + databaseFile.toAbsolutePath());
        SqliteSettings.connectionProperties(SqliteSettings.DEFAULT_BUSY_TIMEOUT)
                .forEach((name, value) -> hikari.addDataSourceProperty((String) name, value));
        hikari.setMaximumPoolSize(4);
        dataSource = new HikariDataSource(hikari);
        try {
            SessionSchema.migrate(dataSource);
            HibernatePersistenceConfiguration unit = new HibernatePersistenceConfiguration("application")
                    .property(AvailableSettings.JAKARTA_NON_JTA_DATASOURCE, dataSource)
                    .property(SessionMapping.CONTRIBUTE, true)
                    .property(AvailableSettings.HBM2DDL_AUTO, "validate")
                    .property(AvailableSettings.HBM2DDL_JDBC_METADATA_EXTRACTOR_STRATEGY, "individually")
                    .property(AvailableSettings.STATEMENT_BATCH_SIZE, 50)
                    .property(AvailableSettings.ORDER_INSERTS, true)
                    .property(AvailableSettings.ORDER_UPDATES, true)
                    .property(AvailableSettings.GENERATE_STATISTICS, statistics);
            SessionMapping.searchProperties(StoreConfig.of(databaseFile).indexDirectory()).forEach(unit::property);
            hibernateProperties.forEach(unit::property);
            factory = unit.createEntityManagerFactory();
        } catch (RuntimeException e) {
            dataSource.close();
            throw e;
        }
        services = SessionServices.on(UnitOfWork.resourceLocal(factory), dataSource);
        services.fullText().catchUp().stopBackground(); // statement counts would include its work
    }

    @Override
    public void close() {
        try {
            factory.close();
        } finally {
            dataSource.close();
        }
    }
}
