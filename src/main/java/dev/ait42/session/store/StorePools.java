package dev.ait42.session.store;

import javax.sql.DataSource;

/** The connections of an embedded store: SQLite's single writer beside its readers, or one server pool. */
public interface StorePools extends AutoCloseable {

    /** Where writes (and Liquibase) run. */
    DataSource writer();

    /** Where reads run; the same pool as {@link #writer()} on a server database. */
    DataSource reader();

    /** What Hibernate gets: reads and writes routed to their pools, or the one pool. */
    DataSource forHibernate();

    @Override
    void close();
}
