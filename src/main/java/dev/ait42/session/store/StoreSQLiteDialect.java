package dev.ait42.session.store;

import org.hibernate.boot.model.FunctionContributions;
import org.hibernate.community.dialect.SQLiteDialect;
import org.hibernate.dialect.DatabaseVersion;
import org.hibernate.dialect.function.CommonFunctionFactory;
import org.hibernate.engine.jdbc.dialect.spi.DialectResolutionInfo;

/**
 * The community SQLite dialect with one rendering fixed: it writes {@code listagg} in MySQL's
 * syntax ({@code group_concat(x separator ',')}), a syntax error on SQLite. SQLite (3.44 and
 * later) has the standard {@code string_agg(x, ',')}, as PostgreSQL does, so queries that use
 * {@code listagg} stay portable.
 */
public class StoreSQLiteDialect extends SQLiteDialect {

    public StoreSQLiteDialect() {
    }

    public StoreSQLiteDialect(DatabaseVersion version) {
        super(version);
    }

    public StoreSQLiteDialect(DialectResolutionInfo info) {
        super(info);
    }

    @Override
    public void initializeFunctionRegistry(FunctionContributions functionContributions) {
        super.initializeFunctionRegistry(functionContributions);
        new CommonFunctionFactory(functionContributions).listagg_stringAgg("text");
    }
}
