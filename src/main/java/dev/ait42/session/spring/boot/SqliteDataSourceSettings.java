package dev.ait42.session.spring.boot;

import com.zaxxer.hikari.HikariDataSource;
import dev.ait42.session.store.SqliteSettings;
import org.springframework.beans.factory.config.BeanPostProcessor;

import java.util.Properties;

/**
 * Gives Boot's Hikari pool on a SQLite file what the library needs on every connection (foreign
 * keys, WAL, busy timeout, IMMEDIATE transactions: see {@link SqliteSettings}). Settings the
 * application made itself (in {@code spring.datasource.hikari.data-source-properties} or the URL)
 * are kept. Another pool on SQLite is checked at start-up instead ({@link SessionSchemaInitializer}).
 */
final class SqliteDataSourceSettings implements BeanPostProcessor {

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof HikariDataSource hikari && !hikari.isRunning()
                && SqliteSettings.isSqliteUrl(hikari.getJdbcUrl())) {
            Properties own = hikari.getDataSourceProperties();
            String url = hikari.getJdbcUrl();
            SqliteSettings.connectionProperties(SqliteSettings.DEFAULT_BUSY_TIMEOUT).forEach((name, value) -> {
                if (!own.containsKey(name) && !url.contains(name + "=")) {
                    hikari.addDataSourceProperty((String) name, value);
                }
            });
        }
        return bean;
    }
}
