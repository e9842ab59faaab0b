package dev.ait42.session.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ait42.session.legacy.LegacyHomeGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An import stopped by SIGTERM (what Ctrl-C and {@code kill} do) says how many sessions it
 * committed and that running it again continues; and running it again does.
 */
class ImportInterruptedTest {

    private static final int SESSIONS = 1500;

    @TempDir
    Path dir;

    @Test
    void sigtermPrintsTheCommittedSessionsAndARerunContinues() throws Exception {
        Path home = dir.resolve("home");
        LegacyHomeGenerator.write(home, SESSIONS, 2, 7);
        Path db = dir.resolve("sessions.db");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Path out = dir.resolve("stdout.txt");
        Path err = dir.resolve("stderr.txt");
        // Files, not pipes: Process.destroy() closes the pipes, and what the hook prints would be lost.
        Process child = new ProcessBuilder(java, "-cp", classPath, Main.class.getName(),
                "import", home.toString(), "--db", db.toString())
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (!Files.readString(out).contains("progress: ")) {
            assertTrue(child.isAlive() && System.nanoTime() < deadline, "no progress line: " + Files.readString(out));
            Thread.sleep(20);
        }
        child.destroy(); // SIGTERM on Linux and macOS
        assertTrue(child.waitFor(60, TimeUnit.SECONDS), "the import did not stop");

        String stdout = Files.readString(out);
        String stderr = Files.readString(err);
        Matcher line = Pattern.compile("interrupted: (\\d+) sessions? committed \\(kept in " + Pattern.quote(db.toString())
                + "\\); run the same import again to continue").matcher(stderr);
        assertTrue(line.find(), "stdout:\n" + stdout + "\nstderr:\n" + stderr);
        assertTrue(!stdout.contains("sessions created"), "stopped before its summary: " + stdout);
        long committed = Long.parseLong(line.group(1));

        Cli cli = new Cli();
        JsonNode report = cli.json("import", home.toString(), "--db", db.toString(), "--json").get("import");

        assertEquals(SESSIONS, report.get("created").asInt() + report.get("unchanged").asInt(), cli.describe());
        assertTrue(report.get("unchanged").asLong() >= committed, "committed sessions are kept: " + cli.describe());
        assertEquals(SESSIONS, cli.json("stats", "--db", db.toString(), "--json").get("total").asInt());
    }
}
