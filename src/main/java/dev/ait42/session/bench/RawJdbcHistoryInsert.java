package dev.ait42.session.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ait42.session.model.ChatMessage;
import dev.ait42.session.model.ColumnTypes;
import dev.ait42.session.model.Instance;
import dev.ait42.session.model.Session;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.List;

/**
 * The baseline of the import benchmark: sessions already in memory written with plain JDBC
 * batches and hand-written SQL, one transaction per 100 sessions (the import's chunk size), no
 * ORM, no comparison with stored copies, no search index; times, JSON and flags bound as the
 * database holds them.
 */
final class RawJdbcHistoryInsert {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int SESSIONS_PER_TRANSACTION = 100;

    private RawJdbcHistoryInsert() {
    }

    /** Inserts {@code sessions} into workspace {@code hash} (created here); returns the nanoseconds the inserts took. */
    static long insert(Connection c, String hash, List<Session> sessions) throws SQLException {
        ColumnTypes.JdbcValues values = ColumnTypes.jdbcValues(c);
        c.setAutoCommit(false);
        try (PreparedStatement w = c.prepareStatement("INSERT INTO workspaces VALUES (?, NULL, ?)")) {
            w.setString(1, hash);
            values.time(w, 2, Instant.now());
            w.execute();
        }
        c.commit();
        long start = System.nanoTime();
        try (PreparedStatement s = c.prepareStatement("INSERT INTO sessions (pk, workspace_hash, id, version,"
                + " session_type, task, status, created_at, updated_at, completed_at, model, timeout_seconds,"
                + " preserve_worktrees, winner_id, runtime_mix, total_duration, total_files_changed,"
                + " total_lines_added, total_lines_deleted, integration_phase, integration_instance_id, extra)"
                + " VALUES (?,?,?,0,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
             PreparedStatement i = c.prepareStatement("INSERT INTO instances (session_pk, instance_id,"
                     + " worktree_path, branch, agent_name, tmux_session_id, status, output, start_time, end_time,"
                     + " files_changed, lines_added, lines_deleted, runtime, model, runtime_label, extra)"
                     + " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
             PreparedStatement m = c.prepareStatement("INSERT INTO chat_messages (session_pk, id, seq, role,"
                     + " content, timestamp, instance_id, extra) VALUES (?,?,?,?,?,?,?,?)")) {
            long pk = 0;
            for (Session x : sessions) {
                pk++;
                s.setLong(1, pk);
                s.setString(2, hash);
                s.setString(3, x.getId());
                s.setString(4, x.getType().wire());
                s.setString(5, x.getTask());
                s.setString(6, x.getStatus().wire());
                values.time(s, 7, x.getCreatedAt());
                values.time(s, 8, x.getUpdatedAt());
                values.time(s, 9, x.getCompletedAt());
                s.setString(10, x.getModel());
                setLong(s, 11, x.getTimeoutSeconds());
                values.flag(s, 12, x.getPreserveWorktrees());
                setLong(s, 13, x.getWinnerId());
                values.json(s, 14, json(x.getRuntimeMix()));
                setLong(s, 15, x.getTotalDuration());
                setLong(s, 16, x.getTotalFilesChanged());
                setLong(s, 17, x.getTotalLinesAdded());
                setLong(s, 18, x.getTotalLinesDeleted());
                s.setString(19, x.getIntegrationPhase() == null ? null : x.getIntegrationPhase().wire());
                setLong(s, 20, x.getIntegrationInstanceId());
                values.json(s, 21, json(x.getExtra()));
                s.addBatch();
                for (Instance n : x.getInstances()) {
                    i.setLong(1, pk);
                    i.setInt(2, n.getInstanceId());
                    i.setString(3, n.getWorktreePath());
                    i.setString(4, n.getBranch());
                    i.setString(5, n.getAgentName());
                    i.setString(6, n.getTmuxSessionId());
                    i.setString(7, n.getStatus().wire());
                    i.setString(8, n.getOutput());
                    values.time(i, 9, n.getStartTime());
                    values.time(i, 10, n.getEndTime());
                    setLong(i, 11, n.getFilesChanged());
                    setLong(i, 12, n.getLinesAdded());
                    setLong(i, 13, n.getLinesDeleted());
                    i.setString(14, n.getRuntime());
                    i.setString(15, n.getModel());
                    i.setString(16, n.getRuntimeLabel());
                    values.json(i, 17, json(n.getExtra()));
                    i.addBatch();
                }
                for (ChatMessage g : x.getMessages()) {
                    m.setLong(1, pk);
                    m.setString(2, g.getId());
                    m.setInt(3, g.getSeq());
                    m.setString(4, g.getRole().wire());
                    m.setString(5, g.getContent());
                    values.time(m, 6, g.getTimestamp());
                    setLong(m, 7, g.getInstanceId());
                    values.json(m, 8, json(g.getExtra()));
                    m.addBatch();
                }
                if (pk % SESSIONS_PER_TRANSACTION == 0 || pk == sessions.size()) {
                    s.executeBatch();
                    i.executeBatch();
                    m.executeBatch();
                    c.commit();
                }
            }
        }
        return System.nanoTime() - start;
    }

    private static String json(Object value) {
        try {
            return value == null ? null : JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void setLong(PreparedStatement st, int index, Number value) throws SQLException {
        if (value == null) {
            st.setNull(index, Types.BIGINT);
        } else {
            st.setLong(index, value.longValue());
        }
    }
}
