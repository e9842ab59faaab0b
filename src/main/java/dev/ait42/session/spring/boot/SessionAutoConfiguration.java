package dev.ait42.session.spring.boot;

import dev.ait42.session.SessionServices;
import dev.ait42.session.SessionStore;
import dev.ait42.session.StoreConfig;
import dev.ait42.session.UnitOfWork;
import dev.ait42.session.spring.SpringUnitOfWork;
import jakarta.persistence.EntityManagerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration;
import org.springframework.boot.hibernate.autoconfigure.HibernatePropertiesCustomizer;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jpa.autoconfigure.EntityManagerFactoryDependsOnPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.orm.jpa.LocalContainerEntityManagerFactoryBean;
import org.springframework.transaction.PlatformTransactionManager;

import javax.sql.DataSource;

/**
 * ait42-session in a Spring Boot application, one of two ways:
 *
 * <ul>
 * <li><b>shared</b>, when the application has a {@link DataSource} (and JPA): the library's
 *     entities join Boot's persistence unit next to the application's own, its changelog runs
 *     beside the application's Liquibase, its full-text index is configured, and its operations
 *     run inside the application's transactions;</li>
 * <li><b>embedded</b>, when the application has no DataSource and sets
 *     {@code ait42.session.database-file}: a {@link SessionStore} of its own on that SQLite file.</li>
 * </ul>
 *
 * Either way the services ({@code SessionServices}, {@code SessionRepository},
 * {@code FullTextSearch}, {@code LegacyHistory}, {@code Maintenance}) are beans, each replaceable
 * by one of the application's (see {@link SessionServicesAutoConfiguration}).
 */
@AutoConfiguration(after = DataSourceAutoConfiguration.class, before = HibernateJpaAutoConfiguration.class)
@EnableConfigurationProperties(SessionProperties.class)
public class SessionAutoConfiguration {

    /** The shared mode: the application's DataSource, persistence unit and transactions. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass({LocalContainerEntityManagerFactoryBean.class, HibernatePropertiesCustomizer.class})
    @ConditionalOnBean(DataSource.class)
    @ConditionalOnExpression("'${ait42.session.database-file:}' == ''")
    @ConditionalOnProperty(prefix = "ait42.session", name = "contribute-mapping", havingValue = "true",
            matchIfMissing = true)
    static class Shared {

        static final String SCHEMA_BEAN = "ait42SessionSchema";

        @Bean
        static SqliteDataSourceSettings ait42SessionSqliteDataSourceSettings() {
            return new SqliteDataSourceSettings();
        }

        @Bean(SCHEMA_BEAN)
        SessionSchemaInitializer ait42SessionSchema(DataSource dataSource, SessionProperties properties) {
            return new SessionSchemaInitializer(dataSource, properties.isMigrateSchema());
        }

        /** Hibernate validates the schema (or the application queries it): the changelog runs first. */
        @Bean
        static EntityManagerFactoryDependsOnPostProcessor ait42SessionSchemaBeforeJpa() {
            return new EntityManagerFactoryDependsOnPostProcessor(SCHEMA_BEAN);
        }

        @Bean
        HibernatePropertiesCustomizer ait42SessionHibernateProperties(DataSource dataSource,
                                                                     SessionProperties properties) {
            return new SessionHibernateProperties(dataSource, properties.getSearch().getIndexDirectory(),
                    properties.getSearch().toBackend());
        }

        @Bean
        @ConditionalOnMissingBean
        UnitOfWork ait42SessionUnitOfWork(EntityManagerFactory factory,
                                          ObjectProvider<PlatformTransactionManager> transactionManager) {
            return new SpringUnitOfWork(factory, transactionManager.getObject());
        }

        @Bean
        @ConditionalOnMissingBean
        SessionServices sessionServices(UnitOfWork unit, DataSource dataSource) {
            return SessionServices.on(unit, dataSource);
        }
    }

    /** The embedded mode: a store of its own on {@code ait42.session.database-file}. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(prefix = "ait42.session", name = "database-file")
    static class Embedded {

        @Bean(destroyMethod = "close")
        @ConditionalOnMissingBean
        SessionStore sessionStore(SessionProperties properties) {
            StoreConfig.Builder config = StoreConfig.builder(properties.getDatabaseFile())
                    .search(properties.getSearch().toBackend());
            if (properties.getSearch().getIndexDirectory() != null) {
                config.indexDirectory(properties.getSearch().getIndexDirectory());
            }
            return SessionStore.open(config.build());
        }

        @Bean
        @ConditionalOnMissingBean
        SessionServices sessionServices(SessionStore store) {
            return store.services();
        }
    }
}
