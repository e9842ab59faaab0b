package dev.ait42.session.model;

import org.hibernate.boot.model.FunctionContributions;
import org.hibernate.boot.model.FunctionContributor;
import org.hibernate.community.dialect.SQLiteDialect;

/**
 * The query function {@value #NAME}{@code (t)}: a timestamp column of the library's
 * ({@link ColumnTypes#TIMESTAMP}) as its canonical UTC text, {@code 2025-05-02T09:00:00.000Z}, on
 * every database: {@code strftime} of the stored epoch milliseconds on SQLite ({@link #onSqlite}),
 * {@code to_char} of the {@code timestamptz} in UTC on PostgreSQL. For queries that carry times as
 * text (the statistics by group aggregate start and end times into one string). A name of its own, so no dialect function is replaced;
 * found by Hibernate through {@code META-INF/services}.
 */
public final class CanonicalTimeFunction implements FunctionContributor {

    public static final String NAME = "ait42_canonical_time";

    /**
     * SQLite's expression for the canonical text of the epoch milliseconds {@code millis}: seconds
     * as a real number, which SQLite rounds back to the millisecond it started from ({@code %f}
     * prints seconds with three decimals), before 1970 too.
     */
    public static String onSqlite(String millis) {
        return "strftime('%Y-%m-%dT%H:%M:%fZ', (" + millis + ") / 1000.0, 'unixepoch')";
    }

    /** PostgreSQL's expression for the canonical text of the {@code timestamptz} {@code time}. */
    public static String onPostgresql(String time) {
        return "to_char((" + time + ") at time zone 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"')";
    }

    @Override
    public void contributeFunctions(FunctionContributions functions) {
        String pattern = functions.getDialect() instanceof SQLiteDialect ? onSqlite("?1") : onPostgresql("?1");
        functions.getFunctionRegistry().patternDescriptorBuilder(NAME, pattern)
                .setExactArgumentCount(1)
                .setInvariantType(functions.getTypeConfiguration().getBasicTypeForJavaType(String.class))
                .register();
    }
}
