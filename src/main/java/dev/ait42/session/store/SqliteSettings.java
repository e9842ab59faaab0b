package dev.ait42.session.store;

import dev.ait42.session.StorageException;
import org.sqlite.SQLiteConfig;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;
import javax.sql.DataSource;

/**
 * What every connection to a session database on SQLite needs, in the embedded store and in an
 * application's own pool alike. SQLite pragmas are per connection, so a pool must set them on each
 * connection it opens:
 *
 * <ul>
 * <li>{@code foreign_keys=true}: off by default in SQLite, and without it no
 *     {@code ON DELETE CASCADE} happens (deleting a session would leave its messages behind);</li>
 * <li>{@code journal_mode=WAL} and {@code synchronous=NORMAL}: readers beside one writer;</li>
 * <li>{@code busy_timeout}: a writer waits for another's lock instead of failing at once;</li>
 * <li>{@code transaction_mode=IMMEDIATE}: every transaction takes the write lock at {@code BEGIN},
 *     so one that reads and then writes cannot fail with {@code SQLITE_BUSY_SNAPSHOT}.</li>
 * </ul>
 *
 * With HikariCP: {@code connectionProperties(timeout).forEach((k, v) -> hikari.addDataSourceProperty((String) k, v))};
 * or as parameters of the JDBC URL ({@link #urlParameters(Duration)}).
 */
public final class SqliteSettings {

    /** The busy timeout the library uses unless told otherwise. */
    public static final Duration DEFAULT_BUSY_TIMEOUT = Duration.ofSeconds(10);

    private SqliteSettings() {
    }

    /** The pragmas of every connection (the embedded store adds its page cache and transaction mode). */
    static SQLiteConfig pragmas(Duration busyTimeout) {
        SQLiteConfig sqlite = new SQLiteConfig();
        sqlite.setJournalMode(SQLiteConfig.JournalMode.WAL);
        sqlite.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
        sqlite.enforceForeignKeys(true);
        sqlite.setBusyTimeout((int) Math.min(Integer.MAX_VALUE, busyTimeout.toMillis()));
        sqlite.setTempStore(SQLiteConfig.TempStore.MEMORY);
        return sqlite;
    }

    /** sqlite-jdbc connection properties for an application's pool (every transaction IMMEDIATE). */
    public static Properties connectionProperties(Duration busyTimeout) {
        SQLiteConfig sqlite = pragmas(busyTimeout);
        sqlite.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        return sqlite.toProperties();
    }

    /** The same settings as JDBC URL parameters: {@code jdbc:sqlite:/path/sessions.db?} followed by these. */
    public static String urlParameters(Duration busyTimeout) {
        return "foreign_keys=true&journal_mode=WAL&synchronous=NORMAL&busy_timeout=" + busyTimeout.toMillis()
                + "&transaction_mode=IMMEDIATE";
    }

    /**
     * Checks a connection of {@code dataSource} for the settings that protect the data (foreign
     * keys, a busy timeout), and fails naming what is missing: better than orphan rows later.
     */
    public static void verify(DataSource dataSource) {
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            StringBuilder missing = new StringBuilder();
            if (pragma(st, "foreign_keys") != 1) {
                missing.append(" foreign_keys=true");
            }
            if (pragma(st, "busy_timeout") <= 0) {
                missing.append(" busy_timeout");
            }
            if (missing.length() > 0) {
                throw new StorageException("the SQLite connections of this data source lack" + missing
                        + "; set them on every connection (see SqliteSettings.connectionProperties)");
            }
        } catch (SQLException e) {
            throw new StorageException("cannot check the SQLite connection settings: " + e.getMessage(), e);
        }
    }

    private static long pragma(Statement st, String name) throws SQLException {
        try (ResultSet rs = st.executeQuery("PRAGMA " + name)) {
            return rs.next() ? rs.getLong(1) : 0;
        }
    }

    /** The JDBC URL of a data source's database, read from one of its connections. */
    public static String urlOf(DataSource dataSource) {
        try (Connection c = dataSource.getConnection()) {
            return c.getMetaData().getURL();
        } catch (SQLException e) {
            throw new StorageException("cannot read the database URL of the data source: " + e.getMessage(), e);
        }
    }

    /** Whether a JDBC URL names a SQLite database. */
    public static boolean isSqliteUrl(String jdbcUrl) {
        return jdbcUrl != null && jdbcUrl.startsWith("jdbc:sqlite:");
    }

    /**
     * The JDBC URL of a database file. On a medium that cannot be written (its folder is not
     * writable) SQLite cannot make the shared-memory file of WAL mode, so the file is opened as
     * immutable: nothing can change it there anyway.
     */
    public static String urlOfFile(java.nio.file.Path databaseFile) {
        java.nio.file.Path absolute = databaseFile.toAbsolutePath();
        if (java.nio.file.Files.isRegularFile(absolute) && !java.nio.file.Files.isWritable(absolute.getParent())) {
            String path = absolute.toString().replace("%", "%25").replace("?", "%3f").replace("#", "%23");
            return "jdbc:sqlite:file:" + path + "?immutable=1";
        }
        return "jdbc:sqlite:" + absolute;
    }
}
