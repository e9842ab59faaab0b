package dev.ait42.session.legacy;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A 300 MB string in a session, imported by a JVM of 256 MB heap: that session is reported, with
 * file, line, column and id, and the sessions before and after it in the file are imported;
 * the JVM does not die of an {@code OutOfMemoryError}. The file is streamed to disk, never held
 * in memory.
 */
class ValueLargerThanTheHeapTest {

    private static final String HASH = "4444444444444444";
    private static final long HUGE_CHARS = 300L << 20;

    @TempDir
    Path dir;

    @Test
    void threeHundredMegabyteStringCostsItsSessionOnlyInA256MegabyteHeap() throws Exception {
        Path home = dir.resolve("home");
        Path file = home.resolve("sessions").resolve(HASH + ".json");
        Files.createDirectories(file.getParent());
        String before = LegacyTestSupport.session("before", "Before the huge one");
        String huge = LegacyTestSupport.session("huge", "A terminal capture of 300 MB");
        String[] around = huge.split("message of huge", 2);
        String after = LegacyTestSupport.session("after", "After the huge one");
        String head = "[\n" + before + ",\n" + around[0];
        writeStreamed(file, head, HUGE_CHARS, around[1] + ",\n" + after + "\n]\n");
        assertTrue(Files.size(file) > HUGE_CHARS);
        Path database = dir.resolve("sessions.db");

        ImportInChildJvm.Result run = ImportInChildJvm.run("256m", home, database);

        assertFalse(run.stderr().contains("OutOfMemoryError"), run.describe());
        assertEquals(1, run.status(), run.describe()); // a problem in the files, the import itself done
        JsonNode report = run.json().get("import");
        assertEquals(2, report.get("created").asInt(), run.describe());
        assertEquals(1, report.get("failed").asInt(), run.describe());
        JsonNode problem = report.get("problems").get(0);
        assertEquals(1, report.get("problems").size(), run.describe());
        assertEquals(file.toString(), problem.get("file").asText());
        assertEquals("huge", problem.get("sessionId").asText());
        String[] headLines = head.split("\n", -1); // it ends with the opening quote of the huge value
        assertEquals(headLines.length, problem.get("line").asLong(), run.describe());
        assertEquals(headLines[headLines.length - 1].length(), problem.get("column").asLong(), run.describe());
        assertTrue(problem.get("message").asText().startsWith("a string value is longer than"), run.describe());
        assertEquals(List.of("after", "before"), ImportInChildJvm.sessionIds(database));
    }

    /** {@code head}, then {@code chars} letters, then {@code tail}, in 1 MB writes. */
    private static void writeStreamed(Path file, String head, long chars, String tail) throws IOException {
        byte[] block = new byte[1 << 20];
        Arrays.fill(block, (byte) 'x');
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            out.write(head.getBytes(StandardCharsets.UTF_8));
            for (long written = 0; written < chars; written += block.length) {
                out.write(block, 0, (int) Math.min(block.length, chars - written));
            }
            out.write(tail.getBytes(StandardCharsets.UTF_8));
        }
    }
}
