package dev.ait42.session.bench;

import dev.ait42.session.StoreConfig;
import dev.ait42.session.model.CanonicalTimeFunction;
import dev.ait42.session.model.ColumnTypes;
import dev.ait42.session.store.ServerPool;
import dev.ait42.session.store.SqlitePools;
import dev.ait42.session.store.SqliteSettings;
import dev.ait42.session.store.StorePools;
import org.sqlite.SQLiteConfig;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * The one place where the benchmarks differ between databases: where the database is and how
 * raw JDBC connects to it (the store's settings), the full-text baseline (an FTS5 table on SQLite,
 * a {@code tsvector} column with a GIN index on PostgreSQL), how its size is measured, and the few
 * statements written in each database's own SQL. Everything else the benchmarks run is the same
 * SQL on both.
 */
abstract sealed class BenchDatabase {

    /** The store's configuration on this database. */
    abstract StoreConfig config();

    /** The store's own connection pools on this database, without a store: for a schema and raw JDBC. */
    abstract StorePools pools();

    /** A plain connection (auto-commit), with no settings of the store: for the generator and the sizes. */
    abstract Connection connect() throws SQLException;

    /**
     * A connection as the store's own: the same settings; {@code forWrites} is the writer's
     * (SQLite: IMMEDIATE transactions; PostgreSQL: no difference).
     */
    abstract Connection connect(StoreConfig config, boolean forWrites) throws SQLException;

    /** What is printed in the report: "SQLite 3.x" or "PostgreSQL 15.x". */
    final String product() throws SQLException {
        try (Connection c = connect()) {
            return c.getMetaData().getDatabaseProductName() + " " + c.getMetaData().getDatabaseProductVersion();
        }
    }

    /** Whether the database has one writer at a time (the baseline's writer threads then share one connection). */
    abstract boolean singleWriter();

    /** Where the history is empty before the benchmark writes it; the store's folders stay where they are. */
    abstract void clear() throws SQLException;

    /** After rows were written with explicit keys: the next generated key follows them. */
    abstract void keysWritten(Connection c) throws SQLException;

    /** Bytes the history takes (tables and their indexes), after the writes settled. */
    abstract long size(Connection c) throws SQLException;

    /** Bytes the full-text baseline's table takes; {@code historyBytes}: {@link #size} before it was built. */
    abstract long fullTextSize(Connection c, long historyBytes) throws SQLException;

    /**
     * Another database of the same kind, new and empty, named {@code name}, its files (and index
     * folder) in {@code dir}: the import benchmark's runs.
     */
    abstract BenchDatabase fresh(Path dir, String name) throws SQLException;

    /** The command-line options that name this database ({@code --db ...}, and its index folder). */
    abstract List<String> cliOptions();

    /** The full-text baseline: its name, the table it builds and its ranked top-20 query. */
    abstract FullTextBaseline fullText();

    /** Statistics by runtime written by hand, percentiles included, in this database's SQL. */
    abstract String statisticsByRuntime();

    /** The store's own statement for statistics by runtime, written by hand (the start and end times as one string). */
    abstract String statisticsByRuntimeAsTheStoreDoes();

    /** What {@code list --limit 20} reads: the 21 newest sessions with their agents. */
    abstract String firstQuery();

    /** How plain JDBC binds times on this database. */
    final ColumnTypes.JdbcValues values() {
        return this instanceof Postgresql ? ColumnTypes.JdbcValues.POSTGRESQL : ColumnTypes.JdbcValues.SQLITE;
    }

    /** The ranked top-20 full-text baseline beside the store's Lucene index. */
    record FullTextBaseline(String name, List<String> build, String top, String count) {

        /** The parameter of {@link #top} and {@link #count} for one word. */
        static String phrase(String word) {
            return "\"" + word + "\"";
        }

        void create(Connection c) throws SQLException {
            try (Statement st = c.createStatement()) {
                for (String sql : build) {
                    st.execute(sql);
                }
            }
        }
    }

    static final int TOP = 20;

    /** The LIKE baseline as specified: newest matches first (walks the timestamp index); the same SQL on both. */
    static final String LIKE_TOP = "select session_pk, id from chat_messages"
            + " where content like ? order by timestamp desc limit " + TOP;

    /** A SQLite file in {@code dir}, or the PostgreSQL database of {@code jdbcUrl} with its index in {@code dir}. */
    static BenchDatabase in(Path dir, String jdbcUrl) {
        return jdbcUrl == null ? new Sqlite(dir.resolve("bench.db")) : new Postgresql(jdbcUrl, dir.resolve("bench.index"));
    }

    /** The database a command-line argument names: a PostgreSQL URL, else a SQLite file. */
    static BenchDatabase named(String database, Path indexDirectory) {
        return database.startsWith(StoreConfig.POSTGRESQL_URL_PREFIX) ? new Postgresql(database, indexDirectory)
                : new Sqlite(Path.of(database));
    }

    /** A SQLite file. */
    static final class Sqlite extends BenchDatabase {

        private final Path file;

        Sqlite(Path file) {
            this.file = file;
        }

        @Override
        StoreConfig config() {
            return StoreConfig.of(file);
        }

        @Override
        StorePools pools() {
            return SqlitePools.open(config());
        }

        @Override
        Connection connect() throws SQLException {
            return DriverManager.getConnection("jdbc:sqlite:" + file);
        }

        @Override
        Connection connect(StoreConfig config, boolean forWrites) throws SQLException {
            // The store's pragmas: the library's connection settings, its page cache, this transaction mode.
            Properties sqlite = SqliteSettings.connectionProperties(config.busyTimeout());
            sqlite.setProperty(SQLiteConfig.Pragma.CACHE_SIZE.pragmaName, String.valueOf(-config.cacheSizeKib()));
            sqlite.setProperty(SQLiteConfig.Pragma.TRANSACTION_MODE.pragmaName,
                    (forWrites ? SQLiteConfig.TransactionMode.IMMEDIATE : SQLiteConfig.TransactionMode.DEFERRED).name());
            return DriverManager.getConnection("jdbc:sqlite:" + config.databaseFile().toAbsolutePath(), sqlite);
        }

        @Override
        boolean singleWriter() {
            return true;
        }

        @Override
        void clear() {
            // the file is new: its folder was emptied
        }

        @Override
        void keysWritten(Connection c) {
            // AUTOINCREMENT follows the largest key written
        }

        @Override
        long size(Connection c) throws SQLException {
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("pragma wal_checkpoint(TRUNCATE)")) {
                rs.next();
            }
            // Pages in use: free pages (rows deleted since) are the file's, not the data's.
            return (pragma(c, "page_count") - pragma(c, "freelist_count")) * pragma(c, "page_size");
        }

        private static long pragma(Connection c, String name) throws SQLException {
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("pragma " + name)) {
                rs.next();
                return rs.getLong(1);
            }
        }

        @Override
        long fullTextSize(Connection c, long historyBytes) throws SQLException {
            return size(c) - historyBytes; // the same file
        }

        @Override
        BenchDatabase fresh(Path dir, String name) {
            return new Sqlite(dir.resolve(name + ".db"));
        }

        @Override
        List<String> cliOptions() {
            return List.of("--db", file.toString());
        }

        @Override
        FullTextBaseline fullText() {
            return new FullTextBaseline("FTS5", List.of(
                    "create virtual table bench_fts using fts5(content, session_pk unindexed, id unindexed)",
                    "insert into bench_fts (content, session_pk, id) select content, session_pk, id from chat_messages"),
                    "select session_pk, id from bench_fts where bench_fts match ? order by rank limit " + TOP,
                    "select count(*) from bench_fts where bench_fts match ?");
        }

        @Override
        String statisticsByRuntime() {
            return """
                    with r as (
                      select nullif(i.runtime, '') as g, s.pk as spk, s.session_type = 'competition' as comp,
                             s.session_type = 'competition' and s.winner_id = i.instance_id as won,
                             i.status, i.files_changed, i.lines_added, i.lines_deleted,
                             case when i.start_time is not null and i.end_time is not null
                                  then i.end_time - i.start_time end as ms
                      from instances i join sessions s on s.pk = i.session_pk where s.workspace_hash = ?),
                    %s
                    select r.g, count(*) as runs, count(distinct case when comp then spk end) as competitions,
                           sum(won) as wins, sum(status = 'completed'), sum(status = 'failed'),
                           avg(files_changed), avg(lines_added), avg(lines_deleted), p.finished, p.p50, p.p90
                    from r left join pct p on p.g is r.g
                    group by r.g
                    order by wins desc, 1.0 * wins / nullif(competitions, 0) desc nulls last, r.g is null, r.g"""
                    .formatted(PERCENTILES);
        }

        @Override
        String statisticsByRuntimeAsTheStoreDoes() {
            return storeStatement(CanonicalTimeFunction.onSqlite("i.start_time") + " || " + CanonicalTimeFunction.onSqlite("i.end_time"));
        }

        @Override
        String firstQuery() {
            return newest("group_concat(i.agent_name, ',')");
        }
    }

    /** A PostgreSQL database; the store's index folder is local. */
    static final class Postgresql extends BenchDatabase {

        /** A table that says the database is the benchmark's: only then does {@link #clear} drop what is in it. */
        private static final String MARK = "ait42_bench_database";

        private final String url;
        private final Path indexDirectory;

        Postgresql(String url, Path indexDirectory) {
            this.url = url;
            this.indexDirectory = indexDirectory;
        }

        @Override
        StoreConfig config() {
            return StoreConfig.builder(url).indexDirectory(indexDirectory).build();
        }

        @Override
        StorePools pools() {
            return ServerPool.open(config());
        }

        @Override
        Connection connect() throws SQLException {
            return DriverManager.getConnection(url, batched());
        }

        @Override
        Connection connect(StoreConfig config, boolean forWrites) throws SQLException {
            return DriverManager.getConnection(config.jdbcUrl(), batched());
        }

        /** The store's pool sends JDBC batches as multi-row inserts; so does the baseline. */
        private static Properties batched() {
            Properties p = new Properties();
            p.setProperty("reWriteBatchedInserts", "true");
            return p;
        }

        @Override
        boolean singleWriter() {
            return false;
        }

        /**
         * Drops every table and function of the current schema, but only in a database that is
         * empty or that an earlier run marked as the benchmark's: anything else is refused.
         */
        @Override
        void clear() throws SQLException {
            try (Connection c = connect(); Statement st = c.createStatement()) {
                List<String> tables = names(st, "select quote_ident(tablename) from pg_tables where schemaname = current_schema()");
                if (!tables.isEmpty() && !tables.contains(MARK)) {
                    throw new IllegalStateException("the database of " + config().databaseName() + " holds tables ("
                            + String.join(", ", tables) + "): the benchmark drops and writes whatever it holds;"
                            + " give it an empty database of its own");
                }
                for (String table : tables) {
                    st.execute("drop table if exists " + table + " cascade");
                }
                for (String function : names(st, "select p.oid::regprocedure::text from pg_proc p"
                        + " where p.pronamespace = current_schema()::regnamespace and p.prokind = 'f'")) {
                    st.execute("drop function if exists " + function + " cascade");
                }
                st.execute("create table " + MARK + " (written_at timestamptz not null default now())");
                st.execute("insert into " + MARK + " default values");
            }
        }

        private static List<String> names(Statement st, String sql) throws SQLException {
            List<String> names = new ArrayList<>();
            try (ResultSet rs = st.executeQuery(sql)) {
                while (rs.next()) {
                    names.add(rs.getString(1));
                }
            }
            return names;
        }

        @Override
        void keysWritten(Connection c) throws SQLException {
            try (Statement st = c.createStatement()) {
                st.execute("select setval(pg_get_serial_sequence('sessions', 'pk'), (select max(pk) from sessions))");
            }
        }

        @Override
        long size(Connection c) throws SQLException {
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("select sum(pg_total_relation_size(t))"
                    + " from unnest(array['workspaces', 'sessions', 'instances', 'chat_messages']::regclass[]) t")) {
                rs.next();
                return rs.getLong(1);
            }
        }

        @Override
        long fullTextSize(Connection c, long historyBytes) throws SQLException {
            try (Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("select pg_total_relation_size('bench_fts')")) {
                rs.next();
                return rs.getLong(1);
            }
        }

        /** A new database on the same server (the user needs CREATEDB), the same user and password. */
        @Override
        BenchDatabase fresh(Path dir, String name) throws SQLException {
            String database = "ait42_bench_" + name.replaceAll("[^A-Za-z0-9]", "_").toLowerCase(java.util.Locale.ROOT);
            try (Connection c = connect(); Statement st = c.createStatement()) {
                st.execute("drop database if exists " + database + " with (force)");
                st.execute("create database " + database);
            }
            return new Postgresql(url.replaceFirst("^(jdbc:postgresql://[^/]+/)[^?]*", "$1" + database),
                    dir.resolve(name + ".index"));
        }

        @Override
        List<String> cliOptions() {
            return List.of("--db", url, "--index-dir", indexDirectory.toString());
        }

        /**
         * The messages' words in a {@code tsvector} column of a table of its own (as FTS5's is), the
         * {@code simple} configuration (no stemming, as FTS5's default tokenizer), a GIN index, ranked
         * by {@code ts_rank}.
         */
        @Override
        FullTextBaseline fullText() {
            String match = " from bench_fts, phraseto_tsquery('simple', trim(both '\"' from ?)) q where doc @@ q";
            return new FullTextBaseline("tsvector + GIN", List.of(
                    "create table bench_fts as select session_pk, id, to_tsvector('simple', content) as doc from chat_messages",
                    "create index bench_fts_doc on bench_fts using gin (doc)",
                    "analyze bench_fts"),
                    "select session_pk, id" + match + " order by ts_rank(doc, q) desc limit " + TOP,
                    "select count(*)" + match);
        }

        @Override
        String statisticsByRuntime() {
            return """
                    with r as (
                      select nullif(i.runtime, '') as g, s.pk as spk, s.session_type = 'competition' as comp,
                             s.session_type = 'competition' and s.winner_id = i.instance_id as won,
                             i.status, i.files_changed, i.lines_added, i.lines_deleted,
                             round(extract(epoch from i.end_time - i.start_time) * 1000)::bigint as ms
                      from instances i join sessions s on s.pk = i.session_pk where s.workspace_hash = ?),
                    %s
                    select r.g, count(*) as runs, count(distinct case when comp then spk end) as competitions,
                           count(*) filter (where won) as wins, count(*) filter (where status = 'completed'),
                           count(*) filter (where status = 'failed'),
                           avg(files_changed), avg(lines_added), avg(lines_deleted), p.finished, p.p50, p.p90
                    from r left join pct p on p.g is not distinct from r.g
                    group by r.g, p.finished, p.p50, p.p90
                    order by wins desc, 1.0 * count(*) filter (where won)
                             / nullif(count(distinct case when comp then spk end), 0) desc nulls last, r.g is null, r.g"""
                    .formatted(PERCENTILES);
        }

        @Override
        String statisticsByRuntimeAsTheStoreDoes() {
            return storeStatement("i.start_time::text || i.end_time::text");
        }

        @Override
        String firstQuery() {
            return newest("string_agg(i.agent_name, ',')");
        }
    }

    /**
     * The nearest-rank median and 90th percentile of the durations {@code ms} per group {@code g}
     * of the rows {@code r}: the same SQL on both databases.
     */
    private static final String PERCENTILES = """
            ranked as (
              select g, ms, row_number() over (partition by g order by ms) as k, count(*) over (partition by g) as n
              from r where ms >= 0),
            pct as (
              select g, max(n) as finished, max(case when k = (50 * n + 99) / 100 then ms end) as p50,
                     max(case when k = (90 * n + 99) / 100 then ms end) as p90
              from ranked group by g)""";

    /** The store's statement for statistics by runtime, {@code times} being how the two times become one string. */
    private static String storeStatement(String times) {
        return """
                select nullif(i.runtime, ''), count(*), count(distinct case when s.session_type = 'competition' then s.pk end),
                       count(*) filter (where s.session_type = 'competition' and s.winner_id = i.instance_id),
                       count(*) filter (where i.status = 'completed'), count(*) filter (where i.status = 'failed'),
                       avg(i.files_changed), avg(i.lines_added), avg(i.lines_deleted),
                       string_agg(%s, ',') filter (where i.start_time is not null and i.end_time is not null)
                from instances i join sessions s on s.pk = i.session_pk where s.workspace_hash = ?
                group by nullif(i.runtime, '')""".formatted(times);
    }

    private static String newest(String agents) {
        return "SELECT s.id, s.session_type, s.status, s.created_at, s.total_duration, s.task,"
                + " (SELECT " + agents + " FROM instances i WHERE i.session_pk = s.pk)"
                + " FROM sessions s ORDER BY s.created_at DESC, s.pk DESC LIMIT 21";
    }
}
