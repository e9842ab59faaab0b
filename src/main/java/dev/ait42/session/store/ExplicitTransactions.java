package dev.ait42.session.store;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * SQLite write connections whose transactions are plain {@code BEGIN IMMEDIATE} / {@code COMMIT} /
 * {@code ROLLBACK} statements, begun when the first statement of a transaction is prepared.
 *
 * <p>Why not sqlite-jdbc's own transactions: outside auto-commit, its {@code commit()} runs
 * {@code commit;} and then, at once, {@code begin immediate;} for the next transaction. So an idle
 * connection holds SQLite's write lock until the pool resets it, and when another process holds
 * the lock at that moment the {@code begin} fails: {@code commit()} throws although the data was
 * committed, the driver's idea of the transaction no longer matches SQLite's, and every later
 * call on that connection fails ("cannot rollback - no transaction is active") while its
 * statements commit one by one. Here the real connection stays in auto-commit, and the JDBC
 * transaction calls map one-to-one onto SQLite's, so a failed call leaves no transaction behind.
 */
final class ExplicitTransactions implements InvocationHandler {

    private final Connection sqlite;
    /** What the caller set with {@code setAutoCommit}. */
    private boolean autoCommit = true;
    /** Whether SQLite has a transaction of ours open. */
    private boolean inTransaction;

    private ExplicitTransactions(Connection sqlite) {
        this.sqlite = sqlite;
    }

    /** A data source whose connections behave so. */
    static DataSource around(DataSource source) {
        return new Source(source);
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        switch (method.getName()) {
            case "getAutoCommit":
                return autoCommit;
            case "setAutoCommit":
                setAutoCommit((Boolean) args[0]);
                return null;
            case "commit":
                end("COMMIT");
                return null;
            case "rollback":
                if (args == null || args.length == 0) {
                    rollback();
                    return null;
                }
                break;
            case "close":
                if (inTransaction) {
                    rollback();
                }
                break;
            case "prepareStatement", "prepareCall", "createStatement":
                beginIfDue();
                break;
            case "unwrap":
                if (((Class<?>) args[0]).isInstance(proxy)) {
                    return proxy;
                }
                return sqlite.unwrap((Class<?>) args[0]);
            case "isWrapperFor":
                return ((Class<?>) args[0]).isInstance(proxy) || sqlite.isWrapperFor((Class<?>) args[0]);
            default:
                break;
        }
        try {
            return method.invoke(sqlite, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private void setAutoCommit(boolean on) throws SQLException {
        if (on && inTransaction) {
            end("COMMIT"); // JDBC: switching auto-commit on commits
        }
        autoCommit = on;
    }

    private void beginIfDue() throws SQLException {
        if (!autoCommit && !inTransaction) {
            execute("BEGIN IMMEDIATE"); // waits for the write lock up to the busy timeout
            inTransaction = true;
        }
    }

    private void end(String statement) throws SQLException {
        if (inTransaction) {
            execute(statement);
            inTransaction = false;
        }
    }

    private void rollback() throws SQLException {
        if (!inTransaction) {
            return;
        }
        inTransaction = false;
        try {
            execute("ROLLBACK");
        } catch (SQLException e) {
            // SQLite already rolled back by itself (a full disk, an I/O error): nothing is left open
            if (sqlite.getAutoCommit() && !String.valueOf(e.getMessage()).contains("no transaction is active")) {
                throw e;
            }
        }
    }

    private void execute(String sql) throws SQLException {
        try (Statement statement = sqlite.createStatement()) {
            statement.execute(sql);
        }
    }

    private static final class Source extends DataSourceWrapper {
        private final DataSource sqlite;

        Source(DataSource sqlite) {
            this.sqlite = sqlite;
        }

        @Override
        DataSource delegate() {
            return sqlite;
        }

        @Override
        public Connection getConnection() throws SQLException {
            return wrap(sqlite.getConnection());
        }

        @Override
        public Connection getConnection(String username, String password) throws SQLException {
            return wrap(sqlite.getConnection(username, password));
        }

        private static Connection wrap(Connection sqlite) throws SQLException {
            if (!sqlite.getAutoCommit()) {
                sqlite.setAutoCommit(true);
            }
            return (Connection) Proxy.newProxyInstance(ExplicitTransactions.class.getClassLoader(),
                    new Class<?>[] {Connection.class}, new ExplicitTransactions(sqlite));
        }
    }
}
