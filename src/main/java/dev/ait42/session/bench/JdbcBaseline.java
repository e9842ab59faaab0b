package dev.ait42.session.bench;

import dev.ait42.session.model.ColumnTypes;
import dev.ait42.session.model.ChatMessage;
import dev.ait42.session.model.Instance;
import dev.ait42.session.model.Session;
import dev.ait42.session.model.Timestamps;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The raw JDBC baseline: the store's operations written by hand on the same database, with the
 * same connection settings (SQLite: pragmas), one transaction per operation and statements
 * prepared per call (as the ORM does), every column of every row read. Writes run on a connection
 * of their own (SQLite: IMMEDIATE, serialized like the store's). The SQL is the same on SQLite and
 * PostgreSQL but for the statements {@link BenchDatabase} holds.
 */
final class JdbcBaseline implements AutoCloseable {

    private static final String SESSION_ROWS = "select s.*, w.path, w.last_accessed from sessions s"
            + " join workspaces w on w.hash = s.workspace_hash where s.workspace_hash = ?";
    private static final String NEWEST_FIRST = " order by s.updated_at desc, s.pk desc limit ?";

    private final Connection read;
    private final Connection write;
    private final String workspace;
    private final BenchDatabase database;
    private final ColumnTypes.JdbcValues values;

    JdbcBaseline(BenchDatabase database, String workspace) throws SQLException {
        this.workspace = workspace;
        this.database = database;
        this.values = database.values();
        this.read = database.connect(database.config(), false);
        this.read.setAutoCommit(false); // SQLite: deferred, no snapshot is taken until the first read
        this.write = database.connect(database.config(), true);
    }

    // ---- reads ----

    /** One session by id with its instances and messages. */
    int graph(String sessionId) throws SQLException {
        try (PreparedStatement ps = read.prepareStatement(SESSION_ROWS + " and s.id = ?")) {
            ps.setString(1, workspace);
            ps.setString(2, sessionId);
            List<Long> keys = new ArrayList<>(1);
            int values = rows(ps, keys);
            return values + graphs(keys);
        } finally {
            read.commit();
        }
    }

    /** The newest {@code limit} sessions with their graphs (one more row asked: is there a next page?). */
    int newest(int limit) throws SQLException {
        try (PreparedStatement ps = read.prepareStatement(SESSION_ROWS + NEWEST_FIRST)) {
            ps.setString(1, workspace);
            ps.setInt(2, limit + 1);
            List<Long> keys = new ArrayList<>(limit + 1);
            int values = rows(ps, keys);
            return values + graphs(keys.subList(0, Math.min(limit, keys.size())));
        } finally {
            read.commit();
        }
    }

    /** A page of sessions of one type and status, newest first, with the total count. */
    int byTypeAndStatus(String type, String status, int limit) throws SQLException {
        return pageWithTotal(" and s.session_type = ? and s.status = ?", List.of(type, status), limit);
    }

    /** The first page of the workspace, newest first, with the total count. */
    int firstPage(int limit) throws SQLException {
        return pageWithTotal("", List.of(), limit);
    }

    private int pageWithTotal(String filter, List<String> values, int limit) throws SQLException {
        try (PreparedStatement ps = read.prepareStatement(SESSION_ROWS + filter + NEWEST_FIRST);
             PreparedStatement count = read.prepareStatement("select count(*) from sessions s"
                     + " where s.workspace_hash = ?" + filter)) {
            ps.setString(1, workspace);
            count.setString(1, workspace);
            for (int i = 0; i < values.size(); i++) {
                ps.setString(i + 2, values.get(i));
                count.setString(i + 2, values.get(i));
            }
            ps.setInt(values.size() + 2, limit);
            return rows(ps, new ArrayList<>()) + rows(count, null);
        } finally {
            read.commit();
        }
    }

    /** The page after (updatedAt, pk), newest first. */
    int keysetPage(Instant updatedAt, long pk, int limit) throws SQLException {
        try (PreparedStatement ps = read.prepareStatement(SESSION_ROWS
                + " and (s.updated_at < ? or (s.updated_at = ? and s.pk < ?))" + NEWEST_FIRST)) {
            ps.setString(1, workspace);
            values.time(ps, 2, updatedAt);
            values.time(ps, 3, updatedAt);
            ps.setLong(4, pk);
            ps.setInt(5, limit + 1);
            return rows(ps, new ArrayList<>());
        } finally {
            read.commit();
        }
    }

    /** The statistics: counts by status and by type, then the sums. */
    int statistics() throws SQLException {
        String where = " from sessions where workspace_hash = ?";
        try (PreparedStatement byStatus = read.prepareStatement("select status, count(*)" + where + " group by status");
             PreparedStatement byType = read.prepareStatement("select session_type, count(*)" + where
                     + " group by session_type");
             PreparedStatement sums = read.prepareStatement("select avg(total_duration),"
                     + " sum(coalesce(total_files_changed, 0)), sum(coalesce(total_lines_added, 0)),"
                     + " sum(coalesce(total_lines_deleted, 0))" + where)) {
            int values = 0;
            for (PreparedStatement ps : List.of(byStatus, byType, sums)) {
                ps.setString(1, workspace);
                values += rows(ps, null);
            }
            return values;
        } finally {
            read.commit();
        }
    }

    int statisticsByRuntime() throws SQLException {
        return statisticsByRuntime(database.statisticsByRuntime());
    }

    int statisticsByRuntimeAsTheStoreDoes() throws SQLException {
        return statisticsByRuntime(database.statisticsByRuntimeAsTheStoreDoes());
    }

    private int statisticsByRuntime(String sql) throws SQLException {
        try (PreparedStatement ps = read.prepareStatement(sql)) {
            ps.setString(1, workspace);
            return rows(ps, null);
        } finally {
            read.commit();
        }
    }

    /** The database row key and version of a session, for the update baseline. */
    long[] keyAndVersion(String sessionId) throws SQLException {
        try (PreparedStatement ps = read.prepareStatement("select pk, version from sessions"
                + " where workspace_hash = ? and id = ?")) {
            ps.setString(1, workspace);
            ps.setString(2, sessionId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new long[] {rs.getLong(1), rs.getLong(2)};
            }
        } finally {
            read.commit();
        }
    }

    /** A full-text baseline query (LIKE, FTS5 or tsvector) on the read connection. */
    int top(String sql, String parameter) throws SQLException {
        try (PreparedStatement ps = read.prepareStatement(sql)) {
            return SearchBenchmark.jdbcTop(ps, parameter);
        } finally {
            read.commit();
        }
    }

    // ---- writes ----

    /** Inserts a session with its instances and messages (batched). */
    synchronized void insert(Session s) throws SQLException {
        inTransaction(() -> {
            long pk;
            try (PreparedStatement ps = write.prepareStatement("insert into sessions (workspace_hash, id, version,"
                    + " session_type, task, status, created_at, updated_at, model) values (?,?,0,?,?,?,?,?,?)",
                    Statement.RETURN_GENERATED_KEYS)) {
                ps.setString(1, workspace);
                ps.setString(2, s.getId());
                ps.setString(3, s.getType().wire());
                ps.setString(4, s.getTask());
                ps.setString(5, s.getStatus().wire());
                values.time(ps, 6, s.getCreatedAt());
                values.time(ps, 7, s.getUpdatedAt());
                ps.setString(8, s.getModel());
                ps.executeUpdate();
                try (ResultSet keys = ps.getGeneratedKeys()) {
                    keys.next();
                    pk = keys.getLong(1);
                }
            }
            try (PreparedStatement ps = write.prepareStatement("insert into instances (session_pk, instance_id,"
                    + " worktree_path, branch, agent_name, tmux_session_id, status) values (?,?,?,?,?,?,?)")) {
                for (Instance i : s.getInstances()) {
                    ps.setLong(1, pk);
                    ps.setInt(2, i.getInstanceId());
                    ps.setString(3, i.getWorktreePath());
                    ps.setString(4, i.getBranch());
                    ps.setString(5, i.getAgentName());
                    ps.setString(6, i.getTmuxSessionId());
                    ps.setString(7, i.getStatus().wire());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            try (PreparedStatement ps = write.prepareStatement(MessageInsert.SQL)) {
                int seq = 0;
                for (ChatMessage m : s.getMessages()) {
                    MessageInsert.bind(ps, values, pk, m, seq++);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
        });
    }

    /** Changes the task of a session read earlier, checking its version as optimistic locking does. */
    synchronized void updateTask(long pk, long version, String task) throws SQLException {
        inTransaction(() -> {
            try (PreparedStatement ps = write.prepareStatement("update sessions set task = ?, updated_at = ?,"
                    + " version = version + 1 where pk = ? and version = ?")) {
                ps.setString(1, task);
                values.time(ps, 2, Timestamps.now());
                ps.setLong(3, pk);
                ps.setLong(4, version);
                if (ps.executeUpdate() != 1) {
                    throw new SQLException("stale version " + version + " of session " + pk);
                }
            }
        });
    }

    /** Appends a message after the last one and touches the session. */
    synchronized void append(String sessionId, ChatMessage m) throws SQLException {
        inTransaction(() -> {
            long pk;
            try (PreparedStatement ps = write.prepareStatement("select pk from sessions where workspace_hash = ? and id = ?")) {
                ps.setString(1, workspace);
                ps.setString(2, sessionId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        throw new SQLException("no session " + sessionId);
                    }
                    pk = rs.getLong(1);
                }
            }
            int seq;
            try (PreparedStatement ps = write.prepareStatement("select max(seq) from chat_messages where session_pk = ?")) {
                ps.setLong(1, pk);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    seq = rs.getInt(1) + 1;
                }
            }
            try (PreparedStatement ps = write.prepareStatement(MessageInsert.SQL)) {
                MessageInsert.bind(ps, values, pk, m, seq);
                ps.executeUpdate();
            }
            try (PreparedStatement ps = write.prepareStatement("update sessions set updated_at = ?,"
                    + " version = version + 1 where pk = ?")) {
                values.time(ps, 1, Timestamps.now());
                ps.setLong(2, pk);
                ps.executeUpdate();
            }
        });
    }

    private interface Work {
        void run() throws SQLException;
    }

    private void inTransaction(Work work) throws SQLException {
        write.setAutoCommit(false); // BEGIN IMMEDIATE
        try {
            work.run();
            write.setAutoCommit(true); // commits
        } catch (SQLException | RuntimeException e) {
            write.rollback();
            write.setAutoCommit(true);
            throw e;
        }
    }

    /** The message insert, shared by insert and append. */
    private static final class MessageInsert {
        static final String SQL = "insert into chat_messages (session_pk, id, seq, role, content, timestamp,"
                + " instance_id) values (?,?,?,?,?,?,?)";

        static void bind(PreparedStatement ps, ColumnTypes.JdbcValues values, long pk, ChatMessage m, int seq)
                throws SQLException {
            ps.setLong(1, pk);
            ps.setString(2, m.getId());
            ps.setInt(3, seq);
            ps.setString(4, m.getRole().wire());
            ps.setString(5, m.getContent());
            values.time(ps, 6, m.getTimestamp() == null ? Instant.now() : m.getTimestamp());
            if (m.getInstanceId() == null) {
                ps.setNull(7, Types.INTEGER);
            } else {
                ps.setInt(7, m.getInstanceId());
            }
        }
    }

    // ---- helpers ----

    /** The instances and messages of these sessions: one statement each, like the store. */
    private int graphs(List<Long> keys) throws SQLException {
        if (keys.isEmpty()) {
            return 0;
        }
        String in = " where session_pk in (" + String.join(",", Collections.nCopies(keys.size(), "?")) + ")";
        int values = 0;
        for (String sql : List.of("select * from instances" + in + " order by session_pk, instance_id",
                "select * from chat_messages" + in + " order by session_pk, seq")) {
            try (PreparedStatement ps = read.prepareStatement(sql)) {
                for (int i = 0; i < keys.size(); i++) {
                    ps.setLong(i + 1, keys.get(i));
                }
                values += rows(ps, null);
            }
        }
        return values;
    }

    /** Reads every column of every row (as an entity load does); collects the first column as keys. */
    private static int rows(PreparedStatement ps, List<Long> keys) throws SQLException {
        int values = 0;
        try (ResultSet rs = ps.executeQuery()) {
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                if (keys != null) {
                    keys.add(rs.getLong(1));
                }
                for (int c = 1; c <= columns; c++) {
                    if (rs.getObject(c) != null) {
                        values++;
                    }
                }
            }
        }
        return values;
    }

    @Override
    public void close() throws SQLException {
        try {
            read.close();
        } finally {
            write.close();
        }
    }
}
