package dev.ait42.session.store;

import java.util.function.Supplier;
import javax.sql.DataSource;

/**
 * The data source Hibernate sees: hands out the write connection inside
 * {@link #whileWriting(Supplier)} and a read connection otherwise. Hibernate takes its connection
 * when a transaction begins, so the routing decision is made per transaction.
 */
final class RoutingDataSource extends DataSourceWrapper {

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

    /** The write connection's pool inside {@link #whileWriting}, the read pool otherwise. */
    @Override
    DataSource delegate() {
        return WRITING.get() ? writer : reader;
    }
}
