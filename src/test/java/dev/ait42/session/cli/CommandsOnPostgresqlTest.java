package dev.ait42.session.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ait42.session.PostgresqlTestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every command on a PostgreSQL database given by its URL ({@code --db jdbc:postgresql://...
 * --index-dir DIR}), on a database of its own on the server of {@code -Dait42.test.database};
 * skipped without one.
 */
class CommandsOnPostgresqlTest {

    @TempDir
    Path dir;
    private PostgresqlTestDatabase pg;
    private final Cli cli = new Cli();

    @BeforeEach
    void createDatabase() {
        pg = PostgresqlTestDatabase.create();
    }

    @AfterEach
    void dropDatabase() {
        if (pg != null) {
            pg.close();
        }
    }

    private String[] on(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--db", pg.url(), "--index-dir", dir.resolve("index").toString()));
        return all.toArray(String[]::new);
    }

    private void importExample() {
        assertTrue(cli.ok(on("import", "examples/ait42-home", "--verify"))
                .contains("verification: 6 consistent, 0 inconsistent"), cli::describe);
    }

    @Test
    void importListSearchShowAndStatsWorkOnTheServer() {
        importExample();

        assertEquals(6, cli.json(on("list", "--json")).get("sessions").size(), cli::describe);
        assertTrue(cli.ok(on("search", "トークン")).contains("7f3b2a10-9c4d-4e21-b8a7-55d0c3e1f9a2"), cli::describe);
        JsonNode shown = cli.json(on("show", "debate-77aa", "--workspace", "c28347c764e96805", "--json"));
        assertEquals("debate-77aa", shown.get("id").asText(), cli::describe);
        assertEquals(6, cli.json(on("stats", "--json")).get("total").asInt(), cli::describe);
        assertTrue(cli.ok(on("import", "examples/ait42-home")).contains("0 sessions created, 0 updated, 6 unchanged"),
                cli::describe);
    }

    @Test
    void exportReindexCheckAndOptimizeWorkOnTheServer() {
        importExample();

        cli.ok(on("export", dir.resolve("out").toString()));
        assertTrue(Files.isRegularFile(dir.resolve("out/sessions/c28347c764e96805.json")), cli::describe);
        assertTrue(cli.ok(on("reindex")).contains("reindexed 28 documents"), cli::describe);
        assertEquals("ok: database and search index are consistent", cli.ok(on("check")).strip(), cli::describe);
        assertEquals("optimized (ANALYZE)", cli.ok(on("optimize")).strip(), cli::describe);
    }

    @Test
    void checkReportsAConstraintTheServerHasNotValidated() throws Exception {
        importExample();
        try (Connection c = DriverManager.getConnection(pg.url()); Statement st = c.createStatement()) {
            st.execute("ALTER TABLE sessions ADD CONSTRAINT task_short CHECK (length(task) < 10) NOT VALID");
        }

        assertEquals(1, cli.run(on("check")), cli::describe);

        assertTrue(cli.out().contains("constraint task_short of sessions is not validated"), cli::describe);
    }

    @Test
    void backupOnTheServerPointsToPgDumpAndExport() {
        importExample();

        assertEquals(1, cli.run(on("backup", dir.resolve("copy.db").toString())), cli::describe);

        cli.assertOneLineError();
        assertTrue(cli.err().contains("pg_dump") && cli.err().contains("export DIR"), cli::describe);
        assertFalse(cli.err().contains("password=" + pg.url().replaceAll(".*password=", "")), cli::describe);
        assertFalse(Files.exists(dir.resolve("copy.db")), cli::describe);
    }

    @Test
    void readingCommandsOnADatabaseWithoutTheTablesFailAndCreateNothing() throws Exception {
        for (List<String> args : List.of(List.of("list"), List.of("stats"), List.of("check"), List.of("reindex"),
                List.of("export", dir.resolve("out").toString()))) {
            assertEquals(1, cli.run(on(args.toArray(String[]::new))), cli::describe);

            cli.assertOneLineError();
            assertTrue(cli.err().contains("no database at jdbc:postgresql://") && cli.err().contains("run import first"),
                    cli::describe);
        }
        try (Connection c = DriverManager.getConnection(pg.url()); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")) {
            rs.next();
            assertEquals(0, rs.getInt(1), "tables created");
        }
        assertFalse(Files.exists(dir.resolve("index")));
        assertFalse(Files.exists(dir.resolve("out")));
    }
}
