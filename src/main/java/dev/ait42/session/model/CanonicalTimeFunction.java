package dev.ait42.session.model;

import org.hibernate.boot.model.FunctionContributions;
import org.hibernate.boot.model.FunctionContributor;
import org.hibernate.community.dialect.SQLiteDialect;

/**
 * The query function {@value #NAME}{@code (t)}: a timestamp column of the library's
 * ({@link ColumnTypes#TIMESTAMP}) as its canonical UTC text, {@code 2025-05-02T09:00:00.000Z}, on
 * every database: the stored text itself on SQLite, {@code to_char} of the {@code timestamptz} in
 * UTC on PostgreSQL. For queries that carry times as text (the statistics by group aggregate
 * start and end times into one string). A name of its own, so no dialect function is replaced;
 * found by Hibernate through {@code META-INF/services}.
 */
public final class CanonicalTimeFunction implements FunctionContributor {

    public static final String NAME = "ait42_canonical_time";

    @Override
    public void contributeFunctions(FunctionContributions functions) {
        String pattern = functions.getDialect() instanceof SQLiteDialect ? "(?1)"
                : "to_char((?1) at time zone 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"')";
        functions.getFunctionRegistry().patternDescriptorBuilder(NAME, pattern)
                .setExactArgumentCount(1)
                .setInvariantType(functions.getTypeConfiguration().getBasicTypeForJavaType(String.class))
                .register();
    }
}
