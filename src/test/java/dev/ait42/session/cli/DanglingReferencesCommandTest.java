package dev.ait42.session.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Old data is kept as it is: a winner, integration instance or message naming no instance of its
 * session is imported, and {@code import} and {@code import --verify} print one warning line for
 * each (file, line, column, session, field, value), without failing.
 */
class DanglingReferencesCommandTest {

    private static final String HASH = "6666666666666666";

    @TempDir
    Path dir;

    private final Cli cli = new Cli();

    @Test
    void danglingReferencesAreImportedAsTheyAreAndReportedAsWarnings() throws Exception {
        Path file = Files.createDirectories(dir.resolve("home/sessions")).resolve(HASH + ".json");
        Files.writeString(file, """
                [
                  {"id": "s-1", "type": "competition", "task": "Old run", "status": "completed",
                   "createdAt": "2025-05-02T09:00:00Z", "updatedAt": "2025-05-02T10:00:00Z",
                   "winnerId": 5, "integrationInstanceId": 0,
                   "instances": [{"instanceId": 0, "worktreePath": "/w", "branch": "b", "agentName": "a",
                                  "status": "completed", "tmuxSessionId": "t"}],
                   "chatHistory": [{"id": "m-1", "role": "assistant", "content": "done", "instanceId": 9,
                                    "timestamp": "2025-05-02T09:30:00Z"}]}
                ]
                """);
        String db = dir.resolve("sessions.db").toString();

        String printed = cli.ok("import", dir.resolve("home").toString(), "--db", db, "--verify");

        List<String> warnings = printed.lines().filter(l -> l.contains("warning")).toList();
        assertEquals(List.of(
                "warning: " + file + ":4:16: session s-1: winnerId: 5 names no instance of the session (it has 0); kept as it is",
                "warning: " + file + ":7:88: session s-1: chatHistory[0].instanceId: 9 names no instance of the session"
                        + " (it has 0); kept as it is",
                "  warning " + file + ":4:16: session s-1: winnerId: 5 names no instance of the session (it has 0); kept as it is",
                "  warning " + file + ":7:88: session s-1: chatHistory[0].instanceId: 9 names no instance of the session"
                        + " (it has 0); kept as it is"), warnings);
        assertTrue(printed.contains("verification: 1 consistent, 0 inconsistent"), printed);
        assertEquals(5, cli.json("show", "s-1", "--db", db, "--json").get("winnerId").asInt());
        cli.ok("export", dir.resolve("out").toString(), "--db", db);
        assertTrue(Files.readString(dir.resolve("out/sessions/" + HASH + ".json")).contains("\"instanceId\": 9"));
    }
}
