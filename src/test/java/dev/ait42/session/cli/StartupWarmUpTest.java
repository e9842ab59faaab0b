package dev.ait42.session.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StartupWarmUpTest {

    @TempDir
    Path dir;

    @Test
    void eachReadCommandGetsADaemonWarmUpThatEndsOnItsOwn() throws InterruptedException {
        for (String command : StartupWarmUp.READ_COMMANDS) {
            Thread warmUp = StartupWarmUp.begin(command);

            assertNotNull(warmUp, command);
            assertTrue(warmUp.isDaemon(), command + ": a warm-up must never keep the JVM from exiting");
            warmUp.join(60_000);
            assertFalse(warmUp.isAlive(), command + ": the warm-up did not end");
        }
    }

    @Test
    void otherCommandsOptionsAndNoCommandGetNone() {
        for (String first : new String[] {"import", "demo", "reindex", "bench-startup", "--help", "-V", "List", ""}) {
            assertNull(StartupWarmUp.begin(first), first);
        }
        assertNull(StartupWarmUp.begin(null));
    }

    @Test
    void theWarmUpLeavesTheSqliteDriverRegisteredAndUsable() throws Exception {
        StartupWarmUp.run(true);

        assertEquals("org.sqlite.JDBC", DriverManager.getDriver("jdbc:sqlite:").getClass().getName());
        try (var connection = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("warm.db"));
             var rows = connection.createStatement().executeQuery("SELECT 1 + 1")) {
            assertTrue(rows.next());
            assertEquals(2, rows.getInt(1));
        }
    }

    @Test
    void aCommandRunWhileTheWarmUpIsUnderWayPrintsWhatItPrintsWithout() throws InterruptedException {
        String db = dir.resolve("sessions.db").toString();
        assertEquals(0, run("demo", "--db", db).status());
        String plain = run("list", "--db", db).output();

        Thread warmUp = StartupWarmUp.begin("list");
        Result warm = run("list", "--db", db);
        warmUp.join(60_000);

        assertEquals(0, warm.status(), warm.output());
        assertEquals(plain, warm.output());
        assertTrue(plain.contains("debate-91bc"), plain);
    }

    private record Result(int status, String output) {
    }

    private static Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Main.run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(status, out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8));
    }
}
