package dev.ait42.session.cli;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code bench-search-backends}'s usage errors: refused before it empties any database. */
class BenchSearchBackendsCommandTest {

    private static final String PG = "jdbc:postgresql://127.0.0.1:1/none?user=x";
    private final Cli cli = new Cli();

    @Test
    void sessionsAndScaleTogetherAreAUsageError() {
        assertEquals(2, cli.run("bench-search-backends", "--db", PG, "--search-uri", "http://127.0.0.1:1",
                "--sessions", "100", "--scale", "full"), cli::describe);
        assertTrue(cli.err().contains("--sessions and --scale"), cli::describe);
    }

    @Test
    void anUnknownScaleIsAUsageError() {
        assertEquals(2, cli.run("bench-search-backends", "--db", PG, "--search-uri", "http://127.0.0.1:1",
                "--scale", "huge"), cli::describe);
        assertTrue(cli.err().contains("expected tiny, small, medium or full, was 'huge'"), cli::describe);
    }

    @Test
    void noSessionsIsAUsageError() {
        assertEquals(2, cli.run("bench-search-backends", "--db", PG, "--search-uri", "http://127.0.0.1:1",
                "--sessions", "0"), cli::describe);
    }
}
