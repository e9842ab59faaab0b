package dev.ait42.session.cli;

import dev.ait42.session.PostgresqlTestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code bench-concurrency} as the fault suite runs it: two child JVMs of four writing threads
 * each for 30 s on one PostgreSQL database, or one SQLite file, lose no acknowledged write and
 * fail with no untyped error.
 */
class BenchConcurrencyCommandTest {

    @TempDir
    Path dir;
    private final Cli cli = new Cli();
    private static final String SECONDS = "30";

    @Test
    void twoProcessesOfFourThreadsOnPostgresqlLoseNoAcknowledgedWrite() {
        try (PostgresqlTestDatabase pg = PostgresqlTestDatabase.create()) {
            int status = cli.run("bench-concurrency", "--db", pg.url(), "--seconds", SECONDS, "--dir", dir.toString());

            assertEquals(0, status, cli::describe);
            String out = cli.out();
            assertTrue(out.contains(", lost: 0,") && out.strip().endsWith("ok"), cli::describe);
            assertTrue(acknowledged(out) > 0, cli::describe);
            assertTrue(out.lines().filter(l -> l.matches("p[01] .*")).count() == 2, cli::describe);
        }
    }

    @Test
    void twoProcessesOfFourThreadsOnOneSqliteFileLoseNoAcknowledgedWrite() {
        int status = cli.run("bench-concurrency", "--db", dir.resolve("store.db").toString(), "--seconds", SECONDS,
                "--dir", dir.resolve("work").toString());

        assertEquals(0, status, cli::describe);
        String out = cli.out();
        assertTrue(out.contains(", lost: 0,") && out.strip().endsWith("ok"), cli::describe);
        assertTrue(acknowledged(out) > 0, cli::describe);
        assertTrue(out.lines().filter(l -> l.matches("p[01] .*")).count() == 2, cli::describe);
    }

    private static long acknowledged(String out) {
        Matcher acknowledged = Pattern.compile("acknowledged writes: (\\d+)").matcher(out);
        return acknowledged.find() ? Long.parseLong(acknowledged.group(1)) : -1;
    }

    @Test
    void badCountsAreUsageErrors() {
        assertEquals(2, cli.run("bench-concurrency", "--db", dir.resolve("s.db").toString(), "--threads", "0"), cli::describe);
        assertEquals(2, cli.run("bench-concurrency", "--db", "jdbc:mysql://x/y"), cli::describe);
    }
}
