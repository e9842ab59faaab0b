package dev.ait42.session.spring.boot;

import dev.ait42.session.schema.SessionSchema;
import dev.ait42.session.store.SqliteSettings;
import org.springframework.beans.factory.InitializingBean;

import javax.sql.DataSource;

/**
 * Applies the library's changelog to the application's database before the persistence unit
 * starts, beside the application's own Liquibase (which it never replaces), and checks that a
 * SQLite pool has the settings the library needs.
 */
final class SessionSchemaInitializer implements InitializingBean {

    private final DataSource dataSource;
    private final boolean migrate;

    SessionSchemaInitializer(DataSource dataSource, boolean migrate) {
        this.dataSource = dataSource;
        this.migrate = migrate;
    }

    @Override
    public void afterPropertiesSet() {
        if (SqliteSettings.isSqliteUrl(SqliteSettings.urlOf(dataSource))) {
            SqliteSettings.verify(dataSource);
        }
        if (migrate) {
            SessionSchema.migrate(dataSource);
        }
    }
}
