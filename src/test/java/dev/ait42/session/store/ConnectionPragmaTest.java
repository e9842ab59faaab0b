package dev.ait42.session.store;

import dev.ait42.session.StoreConfig;
import dev.ait42.session.model.Timestamps;
import dev.ait42.session.schema.SchemaMigrator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Pragmas are per connection in SQLite: every pooled connection must carry them. */
class ConnectionPragmaTest {

    @TempDir
    Path dir;

    @Test
    void everyPooledConnectionHasForeignKeysWalNormalSyncBusyTimeoutAndCache() throws Exception {
        StoreConfig config = StoreConfig.builder(dir.resolve("sessions.db"))
                .readPoolSize(4).busyTimeout(Duration.ofMillis(7_500)).cacheSizeKib(8_192).build();
        try (SqlitePools pools = SqlitePools.open(config)) {
            List<Connection> held = new ArrayList<>();
            try {
                for (int i = 0; i < 4; i++) {
                    held.add(pools.reader().getConnection()); // held at once: four distinct connections
                }
                held.add(pools.writer().getConnection());
                for (Connection c : held) {
                    assertEquals("1", pragma(c, "foreign_keys"));
                    assertEquals("wal", pragma(c, "journal_mode"));
                    assertEquals("1", pragma(c, "synchronous")); // NORMAL
                    assertEquals("7500", pragma(c, "busy_timeout"));
                    assertEquals("-8192", pragma(c, "cache_size"));
                }
            } finally {
                for (Connection c : held) {
                    c.close();
                }
            }
        }
    }

    @Test
    void deletingASessionRowCascadesInTheDatabaseOnAnyPooledConnection() throws Exception {
        StoreConfig config = StoreConfig.of(dir.resolve("sessions.db"));
        try (SqlitePools pools = SqlitePools.open(config)) {
            SchemaMigrator.migrate(pools.writer());
            try (Connection c = pools.writer().getConnection(); Statement st = c.createStatement()) {
                st.execute("INSERT INTO workspaces VALUES ('0123456789abcdef', '/p', " + Timestamps.toMillis(Instant.parse("2025-05-02T09:00:00.000Z")) + ")");
                st.execute("INSERT INTO sessions (pk, workspace_hash, id, session_type, task, status, created_at,"
                        + " updated_at) VALUES (1, '0123456789abcdef', 's1', 'debate', 't', 'running',"
                        + " " + Timestamps.toMillis(Instant.parse("2025-05-02T09:00:00.000Z")) + ", " + Timestamps.toMillis(Instant.parse("2025-05-02T09:00:00.000Z")) + ")");
                st.execute("INSERT INTO instances (session_pk, instance_id, worktree_path, branch, agent_name,"
                        + " tmux_session_id, status) VALUES (1, 0, '/w', 'b', 'a', 't', 'idle')");
                st.execute("INSERT INTO chat_messages (session_pk, id, seq, role, content, timestamp, instance_id)"
                        + " VALUES (1, 'm1', 0, 'user', 'hi', " + Timestamps.toMillis(Instant.parse("2025-05-02T09:00:00.000Z")) + ", NULL)");
            }
            for (int i = 0; i < 3; i++) {
                try (Connection c = pools.reader().getConnection(); Statement st = c.createStatement()) {
                    assertEquals("1", pragma(c, "foreign_keys"));
                }
            }
            try (Connection c = pools.writer().getConnection(); Statement st = c.createStatement()) {
                st.execute("DELETE FROM workspaces");
                assertEquals("0", single(st, "SELECT count(*) FROM sessions"));
                assertEquals("0", single(st, "SELECT count(*) FROM instances"));
                assertEquals("0", single(st, "SELECT count(*) FROM chat_messages"));
            }
        }
    }

    private static String pragma(Connection c, String name) throws SQLException {
        try (Statement st = c.createStatement()) {
            return single(st, "PRAGMA " + name);
        }
    }

    private static String single(Statement st, String sql) throws SQLException {
        try (ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
