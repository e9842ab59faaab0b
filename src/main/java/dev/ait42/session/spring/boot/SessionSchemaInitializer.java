package dev.ait42.session.spring.boot;

import dev.ait42.session.schema.SessionSchema;
import dev.ait42.session.store.SqliteSettings;
import org.springframework.beans.factory.InitializingBean;

import java.sql.Connection;
import java.sql.SQLException;
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
    public void afterPropertiesSet() throws SQLException {
        if (isSqlite()) {
            SqliteSettings.verify(dataSource);
        }
        if (migrate) {
            SessionSchema.migrate(dataSource);
        }
    }

    private boolean isSqlite() throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            return SqliteSettings.isSqliteUrl(c.getMetaData().getURL());
        }
    }
}
