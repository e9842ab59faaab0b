package dev.ait42.session.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.ait42.session.StorageException;
import dev.ait42.session.StoreConfig;

import javax.sql.DataSource;

/**
 * The one ordinary connection pool of a server database (PostgreSQL): the server has row locks
 * and runs writers side by side, so none of SQLite's single writer and read/write routing.
 */
public final class ServerPool implements StorePools {

    private final HikariDataSource pool;

    private ServerPool(HikariDataSource pool) {
        this.pool = pool;
    }

    public static ServerPool open(StoreConfig config) {
        HikariConfig hikari = new HikariConfig();
        hikari.setPoolName("ait42-server");
        hikari.setJdbcUrl(config.jdbcUrl());
        // readPoolSize is the size of the whole pool here; one more than it, as SQLite's writer is.
        hikari.setMaximumPoolSize(config.readPoolSize() + 1);
        hikari.setMinimumIdle(1);
        hikari.setConnectionTimeout(Math.max(30_000, config.busyTimeout().toMillis()));
        // JDBC batches (the import's bulk inserts) go to the server as multi-row inserts, not row by row.
        hikari.addDataSourceProperty("reWriteBatchedInserts", "true");
        try {
            return new ServerPool(new HikariDataSource(hikari));
        } catch (RuntimeException e) {
            Throwable root = e;
            while (root.getCause() != null) {
                root = root.getCause();
            }
            throw new StorageException("cannot connect to " + config.databaseName() + ": " + root.getMessage(), e);
        }
    }

    @Override
    public DataSource writer() {
        return pool;
    }

    @Override
    public DataSource reader() {
        return pool;
    }

    @Override
    public DataSource forHibernate() {
        return pool;
    }

    @Override
    public void close() {
        pool.close();
    }
}
