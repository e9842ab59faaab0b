package dev.ait42.session.schema;

import dev.ait42.session.SessionStore;
import dev.ait42.session.StoreConfig;
import dev.ait42.session.store.SqlitePools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SchemaMigrationTest {

    private static final List<String> TABLES = List.of("chat_messages", "instances", "search_index_work", "sessions", "workspaces");

    @TempDir
    Path dir;

    @Test
    void freshDatabaseGetsTheFourTablesAndMigratingAgainChangesNothing() throws Exception {
        try (SqlitePools pools = SqlitePools.open(StoreConfig.of(dir.resolve("s.db")))) {
            SchemaMigrator.migrate(pools.writer());
            assertEquals(TABLES, ourTables(pools));
            int ran = changeSetsRun(pools);
            SchemaMigrator.migrate(pools.writer());
            assertEquals(ran, changeSetsRun(pools));
            assertEquals(Changelog.changeSetsFor(Changelog.SQLITE).size(), ran);
        }
    }

    @Test
    void changeSetsReadFromTheChangelogHeadersAreExactlyThoseLiquibaseParses() {
        Map<String, Set<String>> quick = Changelog.knownChangeSets();

        assertEquals(Changelog.parsedByLiquibase(), quick);
        assertEquals(Set.of("sqlite"), quick.get("001-workspaces::ait42"), quick.toString());
        assertEquals(Set.of("sqlite"), quick.get("002-chat-messages-extra::ait42"), quick.toString());
        assertEquals(Set.of("postgresql"), quick.get("pg-001-workspaces::ait42"), quick.toString());
        assertEquals(Set.of("postgresql"), quick.get("pg-003-sessions-ws-status-type::ait42"), quick.toString());
        assertEquals(Set.of("postgresql", "sqlite"), Changelog.coveredDatabases());
        // The same schema on both: one changeset on PostgreSQL for each of SQLite's, except the
        // index work's triggers (SQLite: one per event; PostgreSQL: one function per table) and
        // SQLite's timestamps as integers (PostgreSQL's timestamptz stays as it was).
        assertEquals(Changelog.changeSetsFor(Changelog.SQLITE).stream().filter(key -> !isTrigger(key))
                        .filter(key -> !key.equals("007-timestamps-as-epoch-millis::ait42"))
                        .map(key -> "pg-" + key).toList(),
                Changelog.changeSetsFor(Changelog.POSTGRESQL).stream().filter(key -> !isTrigger(key)).toList());
        assertEquals(10, Changelog.changeSetsFor(Changelog.SQLITE).stream().filter(SchemaMigrationTest::isTrigger).count());
        assertEquals(6, Changelog.changeSetsFor(Changelog.POSTGRESQL).stream().filter(SchemaMigrationTest::isTrigger).count());
    }

    @Test
    void aDatabaseTheChangelogDoesNotCoverIsRefusedByName() {
        var refused = assertThrows(dev.ait42.session.StorageException.class,
                () -> Changelog.requireCovered("h2", "H2"));
        assertTrue(refused.getMessage().contains("no schema for H2"), refused.getMessage());
        assertTrue(refused.getMessage().contains("postgresql and sqlite"), refused.getMessage());
    }

    @Test
    void migratingAnH2DatabaseFailsNamingItInsteadOfSkippingEveryChangeSet() throws Exception {
        org.h2.jdbcx.JdbcDataSource h2 = new org.h2.jdbcx.JdbcDataSource();
        h2.setURL("jdbc:h2:mem:refused;DB_CLOSE_DELAY=-1");
        var refused = assertThrows(dev.ait42.session.StorageException.class, () -> SessionSchema.migrate(h2));
        assertTrue(refused.getMessage().contains("H2"), refused.getMessage());
        refused = assertThrows(dev.ait42.session.StorageException.class, () -> SchemaMigrator.migrate(h2));
        assertTrue(refused.getMessage().contains("H2"), refused.getMessage());
        try (Connection c = h2.getConnection(); ResultSet rs = c.getMetaData().getTables(null, "PUBLIC", "%", null)) {
            assertFalse(rs.next(), "nothing created");
        }
    }

    @Test
    void openingAnUpToDateFileSkipsLiquibaseButAnOlderFileIsMigrated() throws Exception {
        Path file = dir.resolve("s.db");
        try (SessionStore store = SessionStore.open(file)) {
            assertTrue(store.sessions().listWorkspaces().isEmpty());
        }
        assertTrue(SchemaGuard.check(file), "every changeset applied: nothing for Liquibase to do");
        // Liquibase recreates its lock table whenever it runs: drop it and see whether it comes back.
        execute(file, "DROP TABLE DATABASECHANGELOGLOCK");
        try (SessionStore store = SessionStore.open(file)) {
            assertTrue(store.sessions().listWorkspaces().isEmpty());
        }
        assertFalse(hasLockTable(file), "Liquibase did not run");

        try (SqlitePools pools = SqlitePools.open(StoreConfig.of(file))) {
            SchemaMigrator.rollback(pools.writer(), 1);
        }
        assertFalse(SchemaGuard.check(file), "a changeset is missing");
        try (SessionStore store = SessionStore.open(file)) {
            assertTrue(store.sessions().listWorkspaces().isEmpty());
        }
        assertTrue(SchemaGuard.check(file), "the missing changeset was applied on open");
        assertTrue(hasLockTable(file), "Liquibase ran");
    }

    private static void execute(Path file, String sql) throws SQLException {
        try (Connection c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + file);
             Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }

    private static boolean hasLockTable(Path file) throws SQLException {
        try (Connection c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + file);
             Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT count(*) FROM sqlite_master WHERE name = 'DATABASECHANGELOGLOCK'")) {
            return rs.next() && rs.getInt(1) == 1;
        }
    }

    @Test
    void changeSetsRecordTheFilePathsOfTheFirstReleaseSoExistingDatabasesStayCurrent() throws Exception {
        Path file = dir.resolve("s.db");
        try (SqlitePools pools = SqlitePools.open(StoreConfig.of(file))) {
            SchemaMigrator.migrate(pools.writer());
        }
        try (Connection c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + file);
             Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT DISTINCT FILENAME FROM DATABASECHANGELOG ORDER BY 1")) {
            List<String> paths = new ArrayList<>();
            while (rs.next()) {
                paths.add(rs.getString(1));
            }
            assertEquals(List.of("db/changelog/sqlite/001-initial-schema.sql",
                    "db/changelog/sqlite/002-legacy-extra-fields.sql",
                    "db/changelog/sqlite/003-sessions-type-status-index.sql",
                    "db/changelog/sqlite/004-search-index-work.sql",
                    "db/changelog/sqlite/005-drop-message-timestamp-index.sql",
                    "db/changelog/sqlite/006-chat-messages-without-rowid.sql",
                    "db/changelog/sqlite/007-timestamps-as-epoch-millis.sql"), paths);
        }
    }

    @Test
    void anApplicationsOwnChangeSetsInTheSameTableAreNotMistakenForANewerLibrary() throws Exception {
        Path file = dir.resolve("s.db");
        try (SessionStore store = SessionStore.open(file)) {
            assertTrue(store.sessions().listWorkspaces().isEmpty());
        }
        execute(file, "INSERT INTO DATABASECHANGELOG (ID, AUTHOR, FILENAME, DATEEXECUTED, ORDEREXECUTED, EXECTYPE)"
                + " VALUES ('1-orders', 'shop', 'db/changelog/db.changelog-master.yaml', '2025-01-01', 99, 'EXECUTED')");
        assertTrue(SchemaGuard.check(file), "the application's changeset is not ours");
        try (SessionStore store = SessionStore.open(file)) {
            assertTrue(store.sessions().listWorkspaces().isEmpty());
        }

        execute(file, "INSERT INTO DATABASECHANGELOG (ID, AUTHOR, FILENAME, DATEEXECUTED, ORDEREXECUTED, EXECTYPE)"
                + " VALUES ('099-future', 'ait42', 'db/changelog/sqlite/099-future.sql', '2030-01-01', 100, 'EXECUTED')");
        var refused = assertThrows(dev.ait42.session.IncompatibleSchemaException.class, () -> SchemaGuard.check(file));
        assertTrue(refused.getMessage().contains("099-future::ait42"), refused.getMessage());
    }

    @Test
    void everyChangeSetRollsBackAndTheSchemaCanBeRebuilt() throws Exception {
        try (SqlitePools pools = SqlitePools.open(StoreConfig.of(dir.resolve("s.db")))) {
            SchemaMigrator.migrate(pools.writer());
            SchemaMigrator.rollback(pools.writer(), Changelog.changeSetsFor(Changelog.SQLITE).size());
            assertEquals(List.of(), ourTables(pools));
            assertEquals(0, changeSetsRun(pools));
            SchemaMigrator.migrate(pools.writer());
            assertEquals(TABLES, ourTables(pools));
        }
    }

    @Test
    void legacyExtraColumnsRollBackAloneAndComeBack() throws Exception {
        try (SqlitePools pools = SqlitePools.open(StoreConfig.of(dir.resolve("s.db")))) {
            SchemaMigrator.migrate(pools.writer());
            for (String table : List.of("sessions", "instances", "chat_messages")) {
                assertTrue(columns(pools, table).contains("extra"), table);
            }
            // 007's and 006's table copies, 005's dropped index, 004's table and ten triggers, 003's index,
            // then 002's three
            SchemaMigrator.rollback(pools.writer(), 18);
            assertEquals(TABLES.stream().filter(table -> !table.equals("search_index_work")).toList(), ourTables(pools));
            for (String table : List.of("sessions", "instances", "chat_messages")) {
                assertFalse(columns(pools, table).contains("extra"), table);
            }
            SchemaMigrator.migrate(pools.writer());
            assertTrue(columns(pools, "chat_messages").contains("extra"));
            assertEquals(Changelog.changeSetsFor(Changelog.SQLITE).size(), changeSetsRun(pools));
        }
    }

    @Test
    void chatMessagesAreStoredInTheirKeysOrderWithNoOtherIndexAndTheRollbacksRestoreTheDroppedOnes() throws Exception {
        try (SqlitePools pools = SqlitePools.open(StoreConfig.of(dir.resolve("s.db")))) {
            SchemaMigrator.migrate(pools.writer());
            assertEquals(List.of(), messageIndexes(pools));
            assertTrue(messageTableSql(pools).endsWith("WITHOUT ROWID"), messageTableSql(pools));
            assertEquals(MESSAGE_TRIGGERS, messageTriggers(pools));

            SchemaMigrator.rollback(pools.writer(), 1); // 007: the timestamps as text again, nothing else
            assertTrue(messageTableSql(pools).endsWith("WITHOUT ROWID"), messageTableSql(pools));
            assertEquals(List.of(), messageIndexes(pools));
            assertEquals(MESSAGE_TRIGGERS, messageTriggers(pools));

            SchemaMigrator.rollback(pools.writer(), 1);
            assertEquals(List.of("idx_messages_session_seq", "sqlite_autoindex_chat_messages_1"), messageIndexes(pools));
            assertFalse(messageTableSql(pools).contains("WITHOUT ROWID"), messageTableSql(pools));
            assertEquals(MESSAGE_TRIGGERS, messageTriggers(pools));

            SchemaMigrator.rollback(pools.writer(), 1);
            assertEquals(List.of("idx_messages_session_seq", "idx_messages_timestamp", "sqlite_autoindex_chat_messages_1"),
                    messageIndexes(pools));

            SchemaMigrator.migrate(pools.writer());
            assertEquals(List.of(), messageIndexes(pools));
            assertEquals(MESSAGE_TRIGGERS, messageTriggers(pools));
        }
    }

    private static final List<String> MESSAGE_TRIGGERS = List.of("search_work_message_delete",
            "search_work_message_insert", "search_work_message_update");

    private static String messageTableSql(SqlitePools pools) throws SQLException {
        try (Connection c = pools.reader().getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'chat_messages'")) {
            rs.next();
            return rs.getString(1).strip();
        }
    }

    private static List<String> messageTriggers(SqlitePools pools) throws SQLException {
        return names(pools, "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'chat_messages' ORDER BY name");
    }

    private static List<String> messageIndexes(SqlitePools pools) throws SQLException {
        return names(pools, "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'chat_messages' ORDER BY name");
    }

    private static List<String> names(SqlitePools pools, String sql) throws SQLException {
        List<String> names = new ArrayList<>();
        try (Connection c = pools.reader().getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        }
        return names;
    }

    @Test
    void checkConstraintsAndForeignKeysAreInTheSqliteSchema() throws Exception {
        try (SqlitePools pools = SqlitePools.open(StoreConfig.of(dir.resolve("s.db")))) {
            SchemaMigrator.migrate(pools.writer());
            try (Connection c = pools.writer().getConnection(); Statement st = c.createStatement()) {
                st.execute("INSERT INTO workspaces VALUES ('0123456789abcdef', '/p', 1746176400000)");
                String session = "INSERT INTO sessions (workspace_hash, id, session_type, task, status, created_at,"
                        + " updated_at) VALUES ('%s', 's1', '%s', 't', '%s', %s, 1746176400000)";
                assertThrows(SQLException.class, () -> st.execute(String.format(session,
                        "0123456789abcdef", "debate", "done", "1746176400000")), "unknown status");
                assertThrows(SQLException.class, () -> st.execute(String.format(session,
                        "0123456789abcdef", "solo", "running", "1746176400000")), "unknown type");
                for (String time : List.of("'2025-05-02T09:00:00.000Z'", "'1746176400000x'", "1746176400000.5", "NULL",
                        "-62167219200001", "253402300800000")) { // text, a real, none, before 0000, after 9999
                    assertThrows(SQLException.class, () -> st.execute(String.format(session,
                            "0123456789abcdef", "debate", "running", time)), "not epoch milliseconds: " + time);
                }
                assertThrows(SQLException.class, () -> st.execute(String.format(session,
                        "ffffffffffffffff", "debate", "running", "1746176400000")), "missing workspace");
                st.execute(String.format(session, "0123456789abcdef", "debate", "running", "-62167219200000"));
                assertThrows(SQLException.class, () -> st.execute("INSERT INTO instances (session_pk, instance_id,"
                        + " worktree_path, branch, agent_name, tmux_session_id, status) VALUES (1, 0, 'w', 'b', 'a',"
                        + " 't', 'sleeping')"), "unknown instance status");
                for (String status : List.of("idle", "running", "completed", "failed", "paused", "archived")) {
                    st.execute("INSERT INTO instances (session_pk, instance_id, worktree_path, branch, agent_name,"
                            + " tmux_session_id, status) VALUES (1, (SELECT count(*) FROM instances), 'w', 'b', 'a',"
                            + " 't', '" + status + "')");
                }
                String bigContent = "x".repeat(2_000_000); // no length cap on content
                try (PreparedStatement insert = c.prepareStatement("INSERT INTO chat_messages (session_pk, id, seq,"
                        + " role, content, timestamp, instance_id)"
                        + " VALUES (1, 'm1', 0, 'assistant', ?, 1746176400000, 0)")) {
                    insert.setString(1, bigContent);
                    insert.execute();
                }
                st.execute("INSERT INTO sessions (workspace_hash, id, session_type, task, status, created_at, updated_at)"
                        + " VALUES ('0123456789abcdef', 's2', 'debate', 't', 'running', 1746176400000,"
                        + " 1746176400000)");
                st.execute("INSERT INTO chat_messages (session_pk, id, seq, role, content, timestamp, instance_id)"
                        + " VALUES (2, 'm1', 0, 'user', 'same id, other session',"
                        + " 1746176400000, NULL)");
            }
        }
    }

    private static List<String> ourTables(SqlitePools pools) throws SQLException {
        List<String> tables = new ArrayList<>();
        try (Connection c = pools.reader().getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT name FROM sqlite_master WHERE type = 'table'"
                     + " AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'DATABASECHANGELOG%' ORDER BY name")) {
            while (rs.next()) {
                tables.add(rs.getString(1));
            }
        }
        return tables;
    }

    private static List<String> columns(SqlitePools pools, String table) throws SQLException {
        List<String> columns = new ArrayList<>();
        try (Connection c = pools.reader().getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT name FROM pragma_table_info('" + table + "')")) {
            while (rs.next()) {
                columns.add(rs.getString(1));
            }
        }
        return columns;
    }

    private static int changeSetsRun(SqlitePools pools) throws SQLException {
        try (Connection c = pools.reader().getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT count(*) FROM DATABASECHANGELOG")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    /** A changeset of 004 other than its table. */
    private static boolean isTrigger(String key) {
        return key.matches("(pg-)?004-.*") && !key.matches("(pg-)?004-search-index-work::.*");
    }
}
