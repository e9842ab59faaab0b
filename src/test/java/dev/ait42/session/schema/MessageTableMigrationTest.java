package dev.ait42.session.schema;

import dev.ait42.session.Fixtures;
import dev.ait42.session.SessionStore;
import dev.ait42.session.StoreConfig;
import dev.ait42.session.model.CanonicalTimeFunction;
import dev.ait42.session.model.ChatMessage;
import dev.ait42.session.model.Session;
import dev.ait42.session.search.FullTextQuery;
import dev.ait42.session.store.SqlitePools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Changeset 006 on a store made at the schema before it: chat_messages copied into a WITHOUT
 * ROWID table keeps every row as it was, the store reads each history in its order (message ids
 * do not sort as the history does), and writes and searches go on.
 */
class MessageTableMigrationTest {

    @TempDir
    Path dir;

    @Test
    void aStoreWithDataAtThePreviousSchemaMigratesWithEveryMessageAsItWas() throws Exception {
        Path file = dir.resolve("s.db");
        String ws;
        List<String> historyBefore;
        try (SessionStore store = SessionStore.open(file)) {
            ws = store.sessions().registerWorkspace(dir.resolve("project")).getHash();
            for (int i = 0; i < 3; i++) {
                Session s = Fixtures.sessionWithGraph("platypus migration " + i, 2, 12); // ids msg-0..msg-11, the same in each
                s.addMessage(Fixtures.message("日本語", "移行のテスト platypus", Instant.parse("2025-05-02T09:00:00.123Z")));
                store.sessions().create(ws, s);
            }
            historyBefore = history(store, ws);
        }
        try (SqlitePools pools = SqlitePools.open(StoreConfig.of(file))) {
            SchemaMigrator.rollback(pools.writer(), 2); // back to before 006 (and 007), its data copied back
        }
        assertFalse(messageTableSql(file).contains("WITHOUT ROWID"), "the previous schema");
        List<List<String>> rowsBefore = rows(file, "SELECT " + columns("timestamp") + " FROM chat_messages ORDER BY session_pk, id");

        try (SessionStore store = SessionStore.open(file)) { // migrates
            assertTrue(messageTableSql(file).endsWith("WITHOUT ROWID"), messageTableSql(file));
            // 007 made the times epoch milliseconds: compared as the text they were
            assertEquals(rowsBefore, rows(file, "SELECT " + columns(CanonicalTimeFunction.onSqlite("timestamp"))
                    + " FROM chat_messages ORDER BY session_pk, id"));
            assertEquals(historyBefore, history(store, ws), "every history in its order");

            String first = store.sessions().listAll(ws).get(0).getId();
            store.sessions().addChatMessage(ws, first, Fixtures.message("appended", "a wombat after the migration"));
            List<ChatMessage> messages = store.sessions().get(ws, first).getMessages();
            assertEquals("appended", messages.get(messages.size() - 1).getId());
            assertEquals(13, messages.get(messages.size() - 1).getSeq());
            assertEquals(1, store.fullText().search(FullTextQuery.matching("wombat").build()).totalSessions());
            assertEquals(3, store.fullText().search(FullTextQuery.matching("platypus").build()).totalSessions());
        }
    }

    /** Every session's messages as the store reads them: id, seq, role, content, time. */
    private static List<String> history(SessionStore store, String ws) {
        List<String> out = new ArrayList<>();
        for (Session s : store.sessions().listAll(ws)) {
            for (ChatMessage m : store.sessions().get(ws, s.getId()).getMessages()) {
                out.add(s.getId() + " " + m.getId() + " " + m.getSeq() + " " + m.getRole() + " " + m.getContent()
                        + " " + m.getTimestamp() + " " + m.getInstanceId());
            }
        }
        return out;
    }

    /** Every column of chat_messages, the time as {@code time}. */
    private static String columns(String time) {
        return "session_pk, id, seq, role, content, " + time + " AS timestamp, instance_id, extra";
    }

    private static List<List<String>> rows(Path file, String sql) throws SQLException {
        List<List<String>> rows = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery(sql)) {
            ResultSetMetaData meta = rs.getMetaData();
            while (rs.next()) {
                List<String> row = new ArrayList<>();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    row.add(meta.getColumnName(i) + "=" + rs.getString(i));
                }
                rows.add(row);
            }
        }
        assertFalse(rows.isEmpty());
        return rows;
    }

    private static String messageTableSql(Path file) throws SQLException {
        return rows(file, "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'chat_messages'")
                .get(0).get(0).substring("sql=".length()).strip();
    }
}
