package dev.ait42.session.legacy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ait42.session.model.Session;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A corpus of broken and hostile legacy files, one named case each: which sessions are imported,
 * which problems (and warnings) are reported, at which line and column, for which session. Most
 * cases put the bad session between two valid neighbours, which must be imported. The outcome of
 * every case is also written as a table to {@code target/hostile-legacy.md}.
 */
class HostileLegacyFilesTest extends LegacyTestSupport {

    private static final String HASH = "5555555555555555";
    private static final String BEFORE = session("before", "Before");
    private static final String AFTER = session("after", "After");
    private static final String BAD = session("bad", "The bad one");
    private static final Map<String, String> OUTCOMES = new LinkedHashMap<>();

    /** Where an expected problem is: the first occurrence of {@code marker} in the file, {@link #END}, or none. */
    record At(byte[] marker, String sessionId, String message) {
        static final byte[] END = new byte[0];
        static final byte[] NOWHERE = null;
    }

    /** How the case's file is put into the home (by default: written as it is). */
    @FunctionalInterface
    interface Layout {
        void put(Path sessionFile, byte[] content) throws IOException;
    }

    /**
     * One case: the file's bytes, the ids expected in the database afterwards, the problems and
     * warnings expected in order; {@code heap} runs it in a JVM of that heap instead.
     */
    record Hostile(String name, byte[] content, List<String> imported, List<At> problems, List<At> warnings,
                   Layout layout, String heap) {
        @Override
        public String toString() {
            return name;
        }

        Hostile warns(At... expected) {
            return new Hostile(name, content, imported, problems, List.of(expected), layout, heap);
        }

        Hostile laidOut(Layout how) {
            return new Hostile(name, content, imported, problems, warnings, how, heap);
        }

        Hostile inHeap(String size) {
            return new Hostile(name, content, imported, problems, warnings, layout, size);
        }
    }

    static Hostile hostile(String name, byte[] content, List<String> imported, At... problems) {
        return new Hostile(name, content, imported, List.of(problems), List.of(), Files::write, null);
    }

    static At at(String marker, String sessionId, String message) {
        return new At(marker.getBytes(StandardCharsets.UTF_8), sessionId, message);
    }

    static At at(byte[] marker, String sessionId, String message) {
        return new At(marker, sessionId, message);
    }

    /** The bytes of the parts in order: strings as UTF-8, byte arrays as they are, integers as one byte. */
    static byte[] bytes(Object... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Object part : parts) {
            if (part instanceof String s) {
                out.writeBytes(s.getBytes(StandardCharsets.UTF_8));
            } else if (part instanceof byte[] b) {
                out.writeBytes(b);
            } else {
                out.write((Integer) part);
            }
        }
        return out.toByteArray();
    }

    static byte[] raw(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = (byte) values[i];
        }
        return b;
    }

    static byte[] utf16(String text) {
        return bytes(raw(0xFF, 0xFE), text.getBytes(StandardCharsets.UTF_16LE));
    }

    static String oneLine(String session) {
        return session.replace("\n", "");
    }

    /** {@code [BEFORE, middle, AFTER]}. */
    static byte[] between(Object... middle) {
        List<Object> parts = new ArrayList<>(List.of("[\n", BEFORE, ",\n"));
        parts.addAll(List.of(middle));
        parts.addAll(List.of(",\n", AFTER, "\n]\n"));
        return bytes(parts.toArray());
    }

    /** The bad session with {@code text} replaced by {@code parts} (strings and raw bytes). */
    static Object[] badWith(String text, Object... parts) {
        int at = BAD.indexOf(text);
        assertTrue(at >= 0, text);
        List<Object> all = new ArrayList<>();
        all.add(BAD.substring(0, at));
        all.addAll(List.of(parts));
        all.add(BAD.substring(at + text.length()));
        return all.toArray();
    }

    static final List<String> NEIGHBOURS = List.of("after", "before");
    static final List<String> NONE = List.of();

    static Stream<Hostile> corpus() {
        String deep = "[".repeat(1500) + "]".repeat(1500);
        String deeper = "[".repeat(100_000) + "]".repeat(100_000);
        String cut = array(BEFORE, session("cut", "Cut off"));
        String idLast = BAD.replace("\"id\": \"bad\", ", "").replace("}]}", "}], \"id\": \"b\\\"a\\u0064}\"}");
        int taskAt = idLast.indexOf("The bad one");
        String badLine = oneLine(BAD);
        return Stream.of(
                hostile("empty file", bytes(""), NONE, at(At.END, null, "the file is empty")),
                hostile("only white space", bytes("  \n\n "), NONE, at(At.END, null, "the file is empty")),
                hostile("null at the top level", bytes("null\n"), NONE,
                        at("null", null, "expected a JSON array of sessions, found null")),
                hostile("an object at the top level", bytes(BAD), NONE,
                        at("{", null, "expected a JSON array of sessions, found an object")),
                hostile("a string at the top level", bytes("\"sessions\""), NONE,
                        at("\"", null, "expected a JSON array of sessions, found a string")),
                hostile("truncated inside the last session", bytes(cut.substring(0, cut.indexOf("Cut off"))),
                        List.of("before"), at(At.END, null, "broken JSON")),
                hostile("truncated after a complete session", bytes("[\n", BEFORE, ",\n"), List.of("before"),
                        at(At.END, null, "broken JSON")),
                hostile("UTF-8 byte order mark", bytes(raw(0xEF, 0xBB, 0xBF), array(BEFORE, AFTER)), NEIGHBOURS),
                hostile("invalid UTF-8 byte in a task", between(badWith("bad one", "bad ", raw(0xFF), " one")),
                        NEIGHBOURS, at(raw(0xFF), "bad", "not valid UTF-8")),
                hostile("multi-byte UTF-8 sequence cut short", between(badWith("bad one", "bad ", raw(0xE3, 0x81))),
                        NEIGHBOURS, at(raw(0x81, '"'), "bad", "not valid UTF-8")), // the byte that cuts it: the quote
                hostile("invalid UTF-8 in the id itself", between(badWith("\"bad\"", "\"b", raw(0xFF), "d\"")),
                        NEIGHBOURS, at(raw(0xFF), null, "not valid UTF-8")),
                hostile("invalid UTF-8 in an unknown field",
                        between(badWith("\"status\"", "\"notes\": \"n", raw(0x80), "\", \"status\"")),
                        NEIGHBOURS, at(raw(0x80), "bad", "not valid UTF-8")),
                hostile("broken session whose strings hold brackets and escaped quotes",
                        between(badWith("The bad one", "x", raw(0xFF), " } ] \\\" { [ \\\\")), NEIGHBOURS,
                        at(raw(0xFF), "bad", "not valid UTF-8")),
                hostile("broken session whose id comes after the break, escaped", between(idLast.substring(0, taskAt),
                                raw(0xFF), idLast.substring(taskAt)), NEIGHBOURS,
                        at(raw(0xFF), "b\"ad}", "not valid UTF-8")),
                hostile("one-line file: a break, then a bad session on the same line", bytes("[", oneLine(BEFORE), ",",
                                badLine.substring(0, badLine.indexOf("The bad")), raw(0xFF),
                                badLine.substring(badLine.indexOf("The bad")), ",", oneLine(session("late", "Late").replace("\"running\",", "\"done\",")), ",", oneLine(AFTER),
                                "]"), NEIGHBOURS,
                        at(raw(0xFF), "bad", "not valid UTF-8"), at("\"done\"", "late", "status: unknown value 'done'")),
                hostile("overlong UTF-8 form of '/' (C0 AF)", between(badWith("bad one", "..", raw(0xC0, 0xAF), "etc")),
                        NEIGHBOURS, at(raw(0xC0), "bad", "not valid UTF-8")),
                hostile("UTF-16 surrogate encoded as UTF-8 (ED A0 80)", between(badWith("bad one", "x", raw(0xED, 0xA0, 0x80))),
                        NEIGHBOURS, at(raw(0xA0), "bad", "not valid UTF-8")),
                hostile("code point above U+10FFFF (F4 90 80 80)",
                        between(badWith("bad one", "x", raw(0xF4, 0x90, 0x80, 0x80))),
                        NEIGHBOURS, at(raw(0x90), "bad", "not valid UTF-8")),
                hostile("UTF-16 file with its byte order mark", utf16(array(BEFORE, AFTER)), NONE,
                        at(raw(0xFF), null, "the file is not UTF-8 (legacy files are UTF-8 JSON)")),
                hostile("nesting 1,500 levels deep", between(badWith("\"status\"", "\"deep\": " + deep + ", \"status\"")),
                        NEIGHBOURS, at("[".repeat(1500 - 998) + "]", "bad", "nested deeper than 1000 levels")), // level 1001
                hostile("nesting 100,000 levels deep", between(badWith("\"status\"", "\"deep\": " + deeper + ", \"status\"")),
                        NEIGHBOURS, at("[".repeat(100_000 - 998) + "]", "bad", "nested deeper than 1000 levels")),
                hostile("string longer than the heap allows (64 MB heap)",
                        between(badWith("The bad one", "x".repeat(5 << 20))), NEIGHBOURS,
                        at("\"xxxx", "bad", "a string value is longer than")).inHeap("64m"),
                hostile("raw NUL byte inside a string", between(badWith("bad one", "bad", raw(0x00), "one")),
                        NEIGHBOURS, at(raw(0x00), "bad", "code 0")),
                hostile("raw tab inside a string", between(badWith("bad one", "bad\tone")), NEIGHBOURS,
                        at("\tone", "bad", "code 9")),
                hostile("escaped NUL character (imported: SQLite text holds it)",
                        between(badWith("bad one", "bad\\u0000one")), List.of("after", "bad", "before")),
                hostile("lone high surrogate in the task", between(badWith("The bad one", "bad \\ud800 one")), NEIGHBOURS,
                        at("\"bad \\ud800", "bad", "task: holds a lone UTF-16 surrogate (\\ud800 at character 5)")),
                hostile("lone low surrogate in a message", between(badWith("message of bad", "log \\udc00")),
                        NEIGHBOURS, at("\"log", "bad", "chatHistory[0].content: holds a lone UTF-16 surrogate (\\udc00")),
                hostile("lone surrogate in an unknown field's name",
                        between(badWith("\"status\"", "\"x\\udbff\": 1, \"status\"")), NEIGHBOURS,
                        at("1, \"status\"", "bad", "x\\udbff: holds a lone UTF-16 surrogate (\\udbff")),
                hostile("surrogate pair (an emoji, imported)", between(badWith("bad one", "bad \\ud83d\\ude00 one")),
                        List.of("after", "bad", "before")),
                hostile("same session id twice", bytes(array(BEFORE, session("before", "Again"), AFTER)), NEIGHBOURS,
                        at("{\"id\": \"before\", \"type\": \"competition\", \"task\": \"Again", "before", "appears twice")),
                hostile("same instance id twice", between(badWith("\"instances\": [{",
                                "\"instances\": [{\"instanceId\": 0, \"worktreePath\": \"w\", \"branch\": \"b\","
                                        + " \"agentName\": \"a\", \"status\": \"idle\", \"tmuxSessionId\": \"t\"}, {")),
                        NEIGHBOURS, at("{\"instanceId\": 0, \"worktreePath\": \"/tmp/w-bad", "bad", "instance 0 appears twice")),
                hostile("same message id twice", between(badWith("\"chatHistory\": [{",
                                "\"chatHistory\": [{\"id\": \"msg-1\", \"role\": \"user\", \"content\": \"c\","
                                        + " \"timestamp\": \"2025-05-02T09:00:00Z\"}, {")),
                        NEIGHBOURS, at("{\"id\": \"msg-1\", \"role\": \"user\", \"content\": \"message of bad", "bad",
                                "message id 'msg-1' appears twice")),
                hostile("a count of the wrong type", between(badWith("\"status\": \"running\",\n",
                                "\"status\": \"running\", \"totalDuration\": \"long\",\n")),
                        NEIGHBOURS, at("\"long\"", "bad", "totalDuration: expected a whole number, found a string")),
                hostile("unknown enum value", between(badWith("\"status\": \"running\",\n", "\"status\": \"done\",\n")),
                        NEIGHBOURS, at("\"done\"", "bad", "status: unknown value 'done'")),
                hostile("number out of range", between(badWith("\"status\": \"running\",\n",
                                "\"status\": \"running\", \"timeoutSeconds\": 99999999999999999999,\n")),
                        NEIGHBOURS, at("9999", "bad", "timeoutSeconds: 99999999999999999999 is too large")),
                hostile("negative count", between(badWith("\"instanceId\": 0", "\"instanceId\": -2")), NEIGHBOURS,
                        at("-2", "bad", "instances[0].instanceId: must not be negative")),
                hostile("unparseable timestamp", between(badWith("\"createdAt\": \"2025-05-02T09:00:00.000Z\"",
                                "\"createdAt\": \"yesterday\"")), NEIGHBOURS,
                        at("\"yesterday\"", "bad", "createdAt: 'yesterday' is not an RFC 3339 timestamp")),
                hostile("timestamp in the year 10000", between(badWith("\"timestamp\": \"2025-05-02T09:00:00Z\"",
                                "\"timestamp\": \"+10000-01-01T00:00:00Z\"")), NEIGHBOURS,
                        at("\"+10000", "bad", "chatHistory[0].timestamp: '+10000-01-01T00:00:00Z' is not")),
                hostile("message id longer than the index can hold", between(badWith("\"id\": \"msg-1\", \"role\": \"user\","
                                + " \"content\": \"message of bad", "\"id\": \"" + "m".repeat(40_000) + "\", \"role\": \"user\","
                                + " \"content\": \"message of bad")), NEIGHBOURS,
                        at("\"mmmm", "bad", "chatHistory[0].id: is 40000 characters long; an imported id may have at most 8000")),
                hostile("session id of 8,001 characters", between(session("s".repeat(8_001), "Too long an id")), NEIGHBOURS,
                        at("\"sss", "s".repeat(8_001), "id: is 8001 characters long; an imported id may have at most 8000")),
                hostile("session without an id", between(badWith("\"id\": \"bad\", ", "")), NEIGHBOURS,
                        at("{\"type\"", null, "id: missing")),
                hostile("element that is not an object", between("42"), NEIGHBOURS,
                        at("42", null, "expected a session object, found a number (42)")),
                hostile("garbage after the array", bytes(array(BEFORE, AFTER), "garbage"), NEIGHBOURS,
                        at("garbage", null, "unexpected content after the array of sessions")),
                hostile("missing comma between sessions (both read)",
                        bytes("[\n", BEFORE, "\n", AFTER, "\n]\n"), NEIGHBOURS,
                        at("{\"id\": \"after\"", null, "a comma is missing before this session; it is read all the same")),
                hostile("garbage between sessions (the rest of the file is lost)",
                        bytes("[\n", BEFORE, ",\n#", AFTER, "\n]\n"), List.of("before"),
                        at("#", null, "broken JSON")),
                hostile("CRLF line endings", bytes(new String(between(badWith("\"status\": \"running\",\n",
                                "\"status\": \"done\",\n")), StandardCharsets.UTF_8).replace("\n", "\r\n")),
                        NEIGHBOURS, at("\"done\"", "bad", "status: unknown value 'done'")),
                hostile("winner naming no instance (kept, reported)", between(badWith("\"status\": \"running\",\n",
                                "\"status\": \"running\", \"winnerId\": 7,\n")), List.of("after", "bad", "before"))
                        .warns(at("7,", "bad", "winnerId: 7 names no instance of the session (it has 0); kept as it is")),
                hostile("integration instance naming no instance (kept, reported)",
                        between(badWith("\"status\": \"running\",\n", "\"status\": \"running\", \"integrationInstanceId\": 3,\n")),
                        List.of("after", "bad", "before"))
                        .warns(at("3,", "bad", "integrationInstanceId: 3 names no instance of the session")),
                hostile("message naming no instance (kept, reported)", between(badWith("\"role\": \"user\"",
                                "\"role\": \"user\", \"instanceId\": 4")), List.of("after", "bad", "before"))
                        .warns(at("4, \"content\"", "bad", "chatHistory[0].instanceId: 4 names no instance of the session")),
                hostile("symbolic link to a file elsewhere (read through)", bytes(array(BEFORE, AFTER)), NEIGHBOURS)
                        .laidOut((file, content) -> Files.createSymbolicLink(file,
                                Files.write(file.resolveSibling("../elsewhere.json"), content))),
                hostile("dangling symbolic link", bytes(""), NONE, at(At.NOWHERE, null, "a symbolic link to"))
                        .laidOut((file, content) -> Files.createSymbolicLink(file, file.resolveSibling("gone.json"))),
                hostile("a folder named like a session file", bytes(""), NONE, at(At.NOWHERE, null, "not a regular file"))
                        .laidOut((file, content) -> Files.createDirectory(file)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void hostileFileCostsOnlyWhatItBreaks(Hostile c) throws Exception {
        Path home = emptyHome("home");
        Path file = sessionFile(home, HASH);
        c.layout().put(file, c.content());

        Outcome outcome = c.heap() == null ? importHere(home) : importInChildJvm(home, c.heap());

        OUTCOMES.put(c.name(), outcome.describe());
        assertEquals(c.imported(), outcome.imported(), outcome.describe());
        assertLocated(c.problems(), outcome.problems(), file, c.content(), outcome);
        assertLocated(c.warnings(), outcome.warnings(), file, c.content(), outcome);
    }

    /** What an import did with the case's file. */
    record Outcome(List<String> imported, List<ImportProblem> problems, List<ImportProblem> warnings) {
        String describe() {
            String lines = Stream.concat(problems.stream().map(p -> "problem " + shortly(p)),
                    warnings.stream().map(w -> "warning " + shortly(w))).collect(Collectors.joining("<br>"));
            return "imported " + (imported.isEmpty() ? "none" : String.join(", ", imported))
                    + (lines.isEmpty() ? "" : "<br>" + lines);
        }

        private static String shortly(ImportProblem p) {
            return (p.line() > 0 ? p.line() + ":" + p.column() + ": " : "") + (p.sessionId() == null ? ""
                    : "session " + p.sessionId() + ": ") + p.message().replace("|", "\\|");
        }
    }

    private Outcome importHere(Path home) {
        ImportReport report = importHome(home);
        List<String> ids = repo.findWorkspace(HASH).isEmpty() ? List.of()
                : repo.listAll(HASH).stream().map(Session::getId).sorted().toList();
        return new Outcome(ids, report.problems(), report.warnings());
    }

    private Outcome importInChildJvm(Path home, String heap) throws Exception {
        Path database = dir.resolve("child.db");
        ImportInChildJvm.Result run = ImportInChildJvm.run(heap, home, database);
        assertTrue(run.json() != null, run.describe());
        JsonNode report = run.json().get("import");
        return new Outcome(ImportInChildJvm.sessionIds(database), problems(report.get("problems")), problems(report.get("warnings")));
    }

    private static List<ImportProblem> problems(JsonNode list) {
        List<ImportProblem> problems = new ArrayList<>();
        for (JsonNode p : list) {
            problems.add(new ImportProblem(Path.of(p.get("file").asText()), p.get("line").asLong(), p.get("column").asLong(),
                    p.get("sessionId").isNull() ? null : p.get("sessionId").asText(), p.get("message").asText()));
        }
        return problems;
    }

    private static void assertLocated(List<At> expected, List<ImportProblem> actual, Path file, byte[] content,
                                      Outcome outcome) {
        assertEquals(expected.size(), actual.size(), outcome.describe());
        for (int i = 0; i < expected.size(); i++) {
            At want = expected.get(i);
            ImportProblem got = actual.get(i);
            assertEquals(file, got.file(), got.describe());
            assertEquals(want.sessionId(), got.sessionId(), got.describe());
            assertTrue(got.message().contains(want.message()), "'" + want.message() + "' in " + got.describe());
            long[] position = want.marker() == null ? new long[] {-1, -1} : position(content, want.marker());
            assertEquals(position[0] + ":" + position[1], got.line() + ":" + got.column(), got.describe());
        }
    }

    /**
     * 1-based line and column (in characters: UTF-8 lead bytes) of the first occurrence of
     * {@code marker}, or of the end of the file for an empty marker. CR, LF and CRLF end a line.
     */
    static long[] position(byte[] content, byte[] marker) {
        int at = marker.length == 0 ? content.length : indexOf(content, marker);
        assertTrue(at >= 0, "marker " + new String(marker, StandardCharsets.UTF_8) + " not in the file");
        long line = 1;
        long column = 1;
        for (int i = 0; i < at; i++) {
            int b = content[i] & 0xFF;
            if (b == '\r' || b == '\n' && (i == 0 || content[i - 1] != '\r')) {
                line++;
                column = 1;
            } else if (b != '\n' && (b & 0xC0) != 0x80) {
                column++;
            }
        }
        return new long[] {line, column};
    }

    private static int indexOf(byte[] content, byte[] marker) {
        for (int i = 0; i + marker.length <= content.length; i++) {
            if (Arrays.equals(content, i, i + marker.length, marker, 0, marker.length)) {
                return i;
            }
        }
        return -1;
    }

    @AfterAll
    static void writeTable() {
        StringBuilder table = new StringBuilder("# Hostile legacy files\n\nEach file holds the case between two valid"
                + " sessions (`before`, `after`) unless the case says otherwise.\n\n| case | outcome |\n|---|---|\n");
        OUTCOMES.forEach((name, outcome) -> table.append("| ").append(name).append(" | ").append(outcome).append(" |\n"));
        try {
            Files.createDirectories(Path.of("target"));
            Files.writeString(Path.of("target", "hostile-legacy.md"), table.toString(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
