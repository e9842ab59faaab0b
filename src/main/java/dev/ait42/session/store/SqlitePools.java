package dev.ait42.session.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.ait42.session.StorageException;
import dev.ait42.session.StoreConfig;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

import javax.sql.DataSource;

/**
 * The two connection pools of a store. SQLite has one writer at a time, so writes go through a
 * single connection whose transactions begin IMMEDIATE (taking the write lock up front, which
 * avoids SQLITE_BUSY_SNAPSHOT when a transaction reads and then writes); reads share a pool of
 * deferred connections that run in parallel under WAL. Every pragma is set on every connection
 * as it opens, since SQLite pragmas are per connection.
 */
public final class SqlitePools implements StorePools {

    private final HikariDataSource writer;
    private final HikariDataSource reader;

    private SqlitePools(HikariDataSource writer, HikariDataSource reader) {
        this.writer = writer;
        this.reader = reader;
    }

    public static SqlitePools open(StoreConfig config) {
        HikariDataSource writer = pool(config, "ait42-writer", 1, SQLiteConfig.TransactionMode.IMMEDIATE);
        try {
            return new SqlitePools(writer, pool(config, "ait42-reader", config.readPoolSize(),
                    SQLiteConfig.TransactionMode.DEFERRED));
        } catch (RuntimeException e) {
            writer.close();
            throw e;
        }
    }

    /** The pragmas of every connection of the store's pools, before the transaction mode. */
    static SQLiteConfig pragmas(StoreConfig config) {
        SQLiteConfig sqlite = SqliteSettings.pragmas(config.busyTimeout());
        sqlite.setCacheSize(-config.cacheSizeKib()); // negative: KiB, not pages
        return sqlite;
    }

    private static HikariDataSource pool(StoreConfig config, String name, int size,
                                         SQLiteConfig.TransactionMode mode) {
        SQLiteConfig sqlite = pragmas(config);
        sqlite.setTransactionMode(mode);
        if (config.readOnly()) {
            sqlite.setReadOnly(true);
        }
        SQLiteDataSource sqliteSource = new SQLiteDataSource(sqlite);
        sqliteSource.setUrl(SqliteSettings.urlOfFile(config.databaseFile()));
        // The write connection's transactions are our own BEGIN IMMEDIATE (see ExplicitTransactions).
        DataSource source = mode == SQLiteConfig.TransactionMode.IMMEDIATE
                ? ExplicitTransactions.around(sqliteSource) : sqliteSource;

        HikariConfig hikari = new HikariConfig();
        hikari.setPoolName(name);
        hikari.setDataSource(source);
        hikari.setMaximumPoolSize(size);
        hikari.setMinimumIdle(1);
        hikari.setConnectionTimeout(Math.max(30_000, config.busyTimeout().toMillis()));
        hikari.setReadOnly(config.readOnly());
        try {
            return new HikariDataSource(hikari);
        } catch (RuntimeException e) {
            throw new StorageException("cannot open " + config.databaseFile() + ": " + rootMessage(e), e);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getMessage();
    }

    /** Reads on the read pool, writes (inside {@link RoutingDataSource#whileWriting}) on the write connection. */
    @Override
    public DataSource forHibernate() {
        return new RoutingDataSource(writer, reader);
    }

    /** The single write connection. */
    @Override
    public DataSource writer() {
        return writer;
    }

    /** The pool of read connections. */
    @Override
    public DataSource reader() {
        return reader;
    }

    @Override
    public void close() {
        reader.close();
        writer.close();
    }
}
