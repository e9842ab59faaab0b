package dev.ait42.session.store;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.function.Supplier;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * The data source Hibernate sees: hands out the write connection inside
 * {@link #whileWriting(Supplier)} and a read connection otherwise. Hibernate takes its connection
 * when a transaction begins, so the routing decision is made per transaction.
 */
final class RoutingDataSource implements DataSource {

    private static final ThreadLocal<Boolean> WRITING = ThreadLocal.withInitial(() -> Boolean.FALSE);

    private final DataSource writer;
    private final DataSource reader;

    RoutingDataSource(DataSource writer, DataSource reader) {
        this.writer = writer;
        this.reader = reader;
    }

    static <T> T whileWriting(Supplier<T> work) {
        boolean outer = WRITING.get();
        WRITING.set(Boolean.TRUE);
        try {
            return work.get();
        } finally {
            WRITING.set(outer);
        }
    }

    private DataSource current() {
        return WRITING.get() ? writer : reader;
    }

    @Override
    public Connection getConnection() throws SQLException {
        return current().getConnection();
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return current().getConnection(username, password);
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        return reader.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        reader.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        reader.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return reader.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        if (iface.isInstance(this)) {
            return iface.cast(this);
        }
        return current().unwrap(iface);
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) throws SQLException {
        return iface.isInstance(this) || current().isWrapperFor(iface);
    }
}
