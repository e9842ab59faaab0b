package dev.ait42.session.jakarta;

import com.arjuna.ats.internal.jta.transaction.arjunacore.TransactionSynchronizationRegistryImple;
import dev.ait42.session.mapping.SessionMapping;
import dev.ait42.session.schema.SessionSchema;
import dev.ait42.session.store.SqliteSettings;
import io.agroal.api.AgroalDataSource;
import io.agroal.api.configuration.supplier.AgroalDataSourceConfigurationSupplier;
import io.agroal.narayana.NarayanaTransactionIntegration;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.AfterBeanDiscovery;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.Persistence;
import jakarta.transaction.TransactionManager;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.UserTransaction;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;
import org.sqlite.SQLiteDataSource;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;

/**
 * Plays a Jakarta EE container for the tests: Narayana as the JTA transaction manager, an Agroal
 * pool that enlists its (non-XA) SQLite connections in the current transaction, a JTA
 * persistence unit with the library's mapping, and a Weld container whose beans are the
 * application's transaction-scoped {@code @PersistenceContext} entity manager and the built-in
 * {@code UserTransaction}. The library's beans come from its own CDI extension, found on the
 * class path as in any container.
 */
final class JtaTestContainer implements AutoCloseable {

    static {
        // Narayana's transaction log, out of the working directory.
        String store = Path.of("target", "narayana-object-store").toAbsolutePath().toString();
        System.setProperty("ObjectStoreEnvironmentBean.objectStoreDir", store);
        System.setProperty("com.arjuna.ats.arjuna.objectstore.objectStoreDir", store);
        System.setProperty("CoreEnvironmentBean.nodeIdentifier", "ait42-session-tests");
    }

    final String jdbcUrl;
    final TransactionManager transactionManager = com.arjuna.ats.jta.TransactionManager.transactionManager();
    final UserTransaction userTransaction = com.arjuna.ats.jta.UserTransaction.userTransaction();
    final TransactionSynchronizationRegistry registry = new TransactionSynchronizationRegistryImple();
    final AgroalDataSource dataSource;
    final EntityManagerFactory factory;
    final EntityManager entityManager;
    final WeldContainer weld;

    JtaTestContainer(Path dir) throws SQLException {
        Path db = dir.resolve("app.db");
        // The pragmas every connection needs: foreign keys (cascades), WAL, a busy timeout, and
        // transactions that take the write lock at BEGIN.
        jdbcUrl = "jdbc:sqlite:" + db + "?" + SqliteSettings.urlParameters(SqliteSettings.DEFAULT_BUSY_TIMEOUT);

        // The schema first, on a plain data source: the library's changelog, then the
        // application's own table.
        SQLiteDataSource plain = new SQLiteDataSource();
        plain.setUrl(jdbcUrl);
        SessionSchema.migrate(plain);
        try (Connection c = plain.getConnection(); Statement st = c.createStatement()) {
            st.execute(AppNote.DDL);
        }

        dataSource = AgroalDataSource.from(new AgroalDataSourceConfigurationSupplier()
                .connectionPoolConfiguration(pool -> pool
                        .initialSize(0).minSize(0).maxSize(4)
                        .transactionIntegration(new NarayanaTransactionIntegration(transactionManager, registry))
                        .connectionFactoryConfiguration(connection -> connection
                                .jdbcUrl(jdbcUrl)
                                .connectionProviderClass(org.sqlite.JDBC.class))));
        SqliteSettings.verify(dataSource);

        Map<String, Object> settings = new HashMap<>(SessionMapping.searchProperties(dir.resolve("index")));
        settings.put("jakarta.persistence.jtaDataSource", dataSource);
        factory = Persistence.createEntityManagerFactory("jta-app", settings);
        entityManager = TransactionScopedEntityManager.create(factory, transactionManager, registry);

        weld = new Weld("jta-test-" + System.nanoTime())
                .addExtension(new ContainerBeans(entityManager, userTransaction))
                .initialize();
    }

    <T> T bean(Class<T> type) {
        return weld.select(type).get();
    }

    @Override
    public void close() {
        try {
            weld.shutdown();
        } finally {
            try {
                factory.close();
            } finally {
                dataSource.close();
            }
        }
    }

    /**
     * The container's beans: the {@code @Produces @PersistenceContext EntityManager} an
     * application declares, and the built-in {@code UserTransaction}.
     */
    static final class ContainerBeans implements Extension {

        private final EntityManager entityManager;
        private final UserTransaction userTransaction;

        ContainerBeans(EntityManager entityManager, UserTransaction userTransaction) {
            this.entityManager = entityManager;
            this.userTransaction = userTransaction;
        }

        void register(@Observes AfterBeanDiscovery discovery) {
            discovery.addBean().types(EntityManager.class, Object.class).scope(Dependent.class)
                    .createWith(c -> entityManager);
            discovery.addBean().types(UserTransaction.class, Object.class).scope(Dependent.class)
                    .createWith(c -> userTransaction);
        }
    }
}
