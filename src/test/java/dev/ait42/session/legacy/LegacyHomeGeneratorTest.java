package dev.ait42.session.legacy;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LegacyHomeGeneratorTest extends LegacyTestSupport {

    @Test
    void sameSeedWritesTheSameBytesAndAnotherSeedOtherOnes() throws Exception {
        List<Path> a = LegacyHomeGenerator.write(dir.resolve("a"), 30, 2, 7);
        List<Path> b = LegacyHomeGenerator.write(dir.resolve("b"), 30, 2, 7);
        List<Path> c = LegacyHomeGenerator.write(dir.resolve("c"), 30, 2, 8);

        for (int i = 0; i < 2; i++) {
            assertEquals(-1, Files.mismatch(a.get(i), b.get(i)));
            assertNotEquals(-1, Files.mismatch(a.get(i), c.get(i)));
        }
        assertEquals(-1, Files.mismatch(dir.resolve("a/workspace_mapping.json"), dir.resolve("b/workspace_mapping.json")));
    }

    @Test
    void sessionsHaveFiveInstancesFiftyMessagesJapaneseTextAndBothTimestampStyles() {
        List<Path> files = LegacyHomeGenerator.write(dir.resolve("home"), 25, 2, 42);

        assertEquals(2, files.size());
        JsonNode first = readJson(files.get(0));
        assertEquals(13, first.size());
        assertEquals(12, readJson(files.get(1)).size());
        Set<String> styles = new HashSet<>();
        boolean japanese = false;
        for (JsonNode s : first) {
            assertEquals(5, s.get("instances").size());
            assertEquals(50, s.get("chatHistory").size());
            for (JsonNode m : s.get("chatHistory")) {
                String t = m.get("timestamp").asText();
                styles.add(t.endsWith("Z") ? "Z" : t.substring(t.length() - 6));
                japanese |= m.get("content").asText().chars().anyMatch(ch -> ch >= 0x3040 && ch <= 0x30ff);
            }
        }
        assertEquals(Set.of("Z", "+00:00", "+09:00"), styles);
        assertTrue(japanese);
        assertEquals(LegacyHomeGenerator.workspaceHash(0) + ".json", files.get(0).getFileName().toString());
    }

    @Test
    void generatedHomeImportsWithoutProblems() {
        Path home = dir.resolve("home");
        LegacyHomeGenerator.write(home, 40, 2, 42);

        ImportReport report = importHome(home);

        assertTrue(report.ok(), report.problems().toString());
        assertEquals(40, report.created());
        assertEquals("/home/dev/project-1", repo.findWorkspace(LegacyHomeGenerator.workspaceHash(1)).orElseThrow().getPath());
        assertTrue(legacy().verify(home).consistent());
    }
}
