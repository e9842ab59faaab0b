package dev.ait42.session.hostile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ait42.session.ConflictException;
import dev.ait42.session.NotFoundException;
import dev.ait42.session.SessionStoreException;
import dev.ait42.session.StoreTestSupport;
import dev.ait42.session.ValidationException;
import dev.ait42.session.cli.Main;
import dev.ait42.session.model.ChatMessage;
import dev.ait42.session.model.Instance;
import dev.ait42.session.model.InstanceStatus;
import dev.ait42.session.model.Limits;
import dev.ait42.session.model.MessageRole;
import dev.ait42.session.model.Session;
import dev.ait42.session.model.SessionType;
import dev.ait42.session.repository.InstanceOutput;
import dev.ait42.session.repository.SessionQuery;
import dev.ait42.session.search.FullTextPage;
import dev.ait42.session.search.FullTextQuery;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.function.Executable;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Hostile input through the repository and the command line, one named case each, with the
 * outcome it must have: accepted and read back exactly, or refused with the named exception (a
 * {@link ValidationException} naming the field) while the rows, the index documents and a
 * full-text search answer stay as they were; on the command line, the exit status and one clear
 * error line. The cases share one store (dynamic tests have no lifecycle of their own), so each
 * uses ids of its own. The outcomes are also written to {@code target/hostile-corpus.md}.
 */
class HostileCorpusTest extends StoreTestSupport {

    private static final Instant T0 = Instant.parse("2025-05-02T09:00:00Z");
    /** What the full-text part of the "nothing changed" check searches for: the seed's words. */
    private static final String WORDS = "dark mode";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path TABLE = Path.of("target", "hostile-corpus.md");
    private static final Map<String, String[]> RESULTS = new LinkedHashMap<>();

    private record Case(String name, String path, String outcome, Executable check) {
    }

    @TestFactory
    Stream<DynamicTest> hostileInputs() {
        seed();
        List<Case> cases = new ArrayList<>();
        cases.addAll(identifiers());
        cases.addAll(characters());
        cases.addAll(injections());
        cases.addAll(structure());
        cases.addAll(queries());
        cases.addAll(commandLine());
        cases.addAll(large()); // last: every "nothing changed" check before them dumps less
        assertTrue(cases.size() >= 45, "a corpus of " + cases.size());
        assertEquals(cases.size(), cases.stream().map(Case::name).distinct().count(), "case names are unique");
        return cases.stream().map(c -> DynamicTest.dynamicTest(c.path() + ": " + c.name() + " -> " + c.outcome(),
                () -> record(c)));
    }

    private void seed() {
        Session s = session("seed");
        s.setTask("Add a dark mode toggle");
        s.addMessage(message("seed-1", "Persist the dark mode choice"));
        repo.create(ws, s);
    }

    // ---- ids and names ----

    private List<Case> identifiers() {
        String id200 = "i".repeat(Limits.ID);
        String kana200 = "あ".repeat(Limits.ID); // 600 UTF-8 bytes
        return List.of(
                refused("empty session id", "session.id", () -> repo.create(ws, session(""))),
                refused("blank session id", "session.id", () -> repo.create(ws, session(" \t "))),
                accepted("session id at the limit (200)", "round-trips", () -> {
                    repo.create(ws, session(id200));
                    assertEquals(id200, repo.get(ws, id200).getId());
                }),
                refused("session id one over the limit (201)", "session.id",
                        () -> repo.create(ws, session(id200 + "i"))),
                refused("40,000-character message id appended", "message.id",
                        () -> repo.addChatMessage(ws, "seed", message("m".repeat(40_000), "dark mode"))),
                refused("40,000-character message id in a new session", "session.messages[0].id",
                        create("long-message-id", s -> s.addMessage(message("m".repeat(40_000), "dark mode")))),
                accepted("message id of 200 kana (600 UTF-8 bytes)", "round-trips and is found by full-text search",
                        () -> {
                            repo.addChatMessage(ws, "seed", message(kana200, "zeppelinish notes"));
                            assertTrue(repo.get(ws, "seed").getMessages().stream()
                                    .anyMatch(m -> m.getId().equals(kana200)), "stored with its id");
                            assertEquals(kana200, fullText("zeppelinish").hits().get(0).matches().get(0).messageId());
                        }),
                refused("agent name one over the limit", "session.instances[0].agentName",
                        create("long-agent", s -> s.getInstances().get(0).setAgentName("a".repeat(Limits.NAME + 1)))),
                refused("worktree path one over the limit", "session.instances[1].worktreePath",
                        create("long-path",
                                s -> s.getInstances().get(1).setWorktreePath("/" + "p".repeat(Limits.PATH)))),
                refused("workspace path one over the limit", "path",
                        () -> repo.registerWorkspace("0123456789abcdef", "/" + "w".repeat(Limits.PATH))),
                refused("malformed workspace hash", "workspaceHash", () -> repo.create("../../etc", session("x"))),
                rejected("unknown workspace", NotFoundException.class, "is not registered",
                        () -> repo.create("fedcba9876543210", session("nowhere"))),
                rejected("duplicate session id", ConflictException.class, "seed",
                        () -> repo.create(ws, session("seed"))),
                rejected("duplicate message id appended", ConflictException.class, "seed-1",
                        () -> repo.addChatMessage(ws, "seed", message("seed-1", "again"))),
                refused("duplicate message ids in a new session", "session.messages[1].id", () -> {
                    Session s = session("dup-messages");
                    s.addMessage(message("m1", "one"));
                    s.addMessage(message("m1", "two"));
                    repo.create(ws, s);
                }),
                refused("duplicate instance ids in a new session", "session.instances[2].instanceId",
                        create("dup-instances", s -> s.addInstance(instance(1)))),
                refused("negative instance id", "session.instances[2].instanceId",
                        create("negative-instance", s -> s.addInstance(instance(-1)))));
    }

    // ---- characters ----

    private List<Case> characters() {
        return List.of(
                refused("NUL in the task", "session.task", create("nul-task", s -> s.setTask("dark\u0000mode"))),
                refused("NUL in message content", "message.content",
                        () -> repo.addChatMessage(ws, "seed", message("nul", "a\u0000b"))),
                refused("newline in a session id", "session.id", () -> repo.create(ws, session("two\nlines"))),
                refused("escape sequence in an agent name", "session.instances[0].agentName",
                        create("esc-agent", s -> s.getInstances().get(0).setAgentName("\u001b[31mred"))),
                refused("DEL in a branch", "session.instances[1].branch",
                        create("del-branch", s -> s.getInstances().get(1).setBranch("main\u007f"))),
                refused("C1 control (NEL) in a tmux session id", "session.instances[0].tmuxSessionId",
                        create("nel-tmux", s -> s.getInstances().get(0).setTmuxSessionId("ait42\u0085x"))),
                accepted("tabs, CR LF, bell and ANSI colours in an output", "round-trips exactly", () -> {
                    String capture = "$ npm test\r\n\t\u001b[32m✓ ok\u001b[0m\u0007\n";
                    repo.saveInstanceOutput(ws, "seed", 0, new InstanceOutput(capture, T0, 1, 2, 3));
                    assertEquals(capture, repo.get(ws, "seed").findInstance(0).orElseThrow().getOutput());
                }),
                accepted("RTL text with a U+202E override", "round-trips exactly",
                        taskRoundTrips("rtl", "إضافة الوضع الداكن \u202Etxt.exe\u202C עברית")),
                accepted("combining marks (decomposed é)", "stored as given, not normalised", () -> {
                    Session s = session("e\u0301-combining");
                    s.setTask("cafe\u0301 vs caf\u00e9");
                    repo.create(ws, s);
                    Session read = repo.get(ws, "e\u0301-combining");
                    assertEquals("cafe\u0301 vs caf\u00e9", read.getTask());
                    assertFalse(repo.find(ws, "\u00e9-combining").isPresent(), "the composed id is another id");
                }),
                accepted("emoji with ZWJ and skin tones in ids and text", "round-trips exactly", () -> {
                    Session s = session("🧑🏽‍💻-run");
                    s.getInstances().get(0).setAgentName("🤖 agent");
                    s.addMessage(message("👋🏽", "hello 👩‍👩‍👧"));
                    repo.create(ws, s);
                    Session read = repo.get(ws, "🧑🏽‍💻-run");
                    assertEquals("🤖 agent", read.getInstances().get(0).getAgentName());
                    assertEquals("👋🏽", read.getMessages().get(0).getId());
                    assertEquals("hello 👩‍👩‍👧", read.getMessages().get(0).getContent());
                }),
                refused("lone high surrogate in the task", "session.task",
                        create("high", s -> s.setTask("dark \uD83D mode"))),
                refused("lone low surrogate in a message id", "message.id",
                        () -> repo.addChatMessage(ws, "seed", message("id\uDE80", "x"))),
                refused("surrogates in the wrong order in an agent name", "session.instances[1].agentName",
                        create("reversed", s -> s.getInstances().get(1).setAgentName("\uDE80\uD83D"))),
                refused("lone surrogate in a saved output", "output.output",
                        () -> repo.saveInstanceOutput(ws, "seed", 1, new InstanceOutput("\uD800", T0, 0, 0, 0))),
                refused("lone surrogate in a workspace path", "path",
                        () -> repo.registerWorkspace("0123456789abcdef", "/home/\uDFFF")),
                refused("lone surrogate in a runtime-mix entry", "session.runtimeMix[0]",
                        create("mix-surrogate", s -> s.setRuntimeMix(List.of("claude\uD83D")))));
    }

    // ---- text that looks like code ----

    private List<Case> injections() {
        return List.of(
                accepted("SQL in the task", "stored as text; the tables are intact", () -> {
                    taskRoundTrips("sql-task", "'; DROP TABLE sessions; -- \" OR 1=1").execute();
                    assertTrue(countRows("SELECT count(*) FROM sessions") > 1);
                }),
                accepted("SQL in a session id", "only that exact id finds it", () -> {
                    repo.create(ws, session("x' OR '1'='1"));
                    assertEquals("x' OR '1'='1", repo.get(ws, "x' OR '1'='1").getId());
                    assertFalse(repo.find(ws, "x").isPresent());
                }),
                accepted("LIKE wildcards in the text filter", "match themselves only", () -> {
                    Session s = session("percent");
                    s.setTask("raise coverage to 100% now");
                    repo.create(ws, s);
                    assertEquals(List.of("percent"), ids(SessionQuery.inWorkspace(ws).text("0%").build()));
                    assertEquals(List.of(), ids(SessionQuery.inWorkspace(ws).text("_%_").build()));
                }),
                accepted("Lucene query syntax in message content", "stored as text and found as words", () -> {
                    String content = "title:secret AND (foo OR \"bar) zorblax* ~2 ^3 \\";
                    repo.addChatMessage(ws, "seed", message("lucene", content));
                    assertEquals(content, repo.get(ws, "seed").getMessages().stream()
                            .filter(m -> m.getId().equals("lucene")).findFirst().orElseThrow().getContent());
                    assertEquals(List.of("seed"), fullTextIds("zorblax"));
                }),
                accepted("Lucene query syntax as a full-text query", "plain text, no syntax error", () -> {
                    assertEquals(List.of("seed"), fullTextIds("title:secret AND (foo"));
                    assertEquals(List.of(), fullTextIds("*:* OR _id:1"));
                }),
                accepted("path traversal in a workspace path given as text", "stored verbatim (never opened)",
                        () -> assertEquals("/home/me/../../etc/passwd",
                                repo.registerWorkspace("00000000000000aa", "/home/me/../../etc/passwd").getPath())),
                accepted("path traversal in a workspace folder", "normalised to the canonical path",
                        () -> assertEquals(Path.of("/nowhere-ait42/etc").toString(),
                                repo.registerWorkspace(Path.of("/nowhere-ait42/me/../etc/./")).getPath())),
                accepted("relative workspace folder", "made absolute", () -> {
                    String path = repo.registerWorkspace(Path.of("relative-ait42-project")).getPath();
                    assertTrue(Path.of(path).isAbsolute() && path.endsWith("relative-ait42-project"), path);
                }),
                accepted("worktree path with ..", "stored verbatim", () -> {
                    Session s = session("dotdot");
                    s.getInstances().get(0).setWorktreePath("../../outside");
                    repo.create(ws, s);
                    assertEquals("../../outside", repo.get(ws, "dotdot").getInstances().get(0).getWorktreePath());
                }));
    }

    // ---- references, collections, times ----

    private List<Case> structure() {
        return List.of(
                refused("dangling winnerId", "session.winnerId", create("dangling-winner", s -> s.setWinnerId(7))),
                refused("dangling integrationInstanceId", "session.integrationInstanceId",
                        create("dangling-integration", s -> s.setIntegrationInstanceId(2))),
                refused("appended message of an unknown instance", "message.instanceId", () -> {
                    ChatMessage m = message("of-instance-5", "x");
                    m.setInstanceId(5);
                    repo.addChatMessage(ws, "seed", m);
                }),
                refused("winner that is no instance", "winnerId", () -> repo.selectWinner(ws, "seed", 5)),
                refused("update removing the winner", "session.winnerId", () -> {
                    Session copy = repo.get(ws, "seed");
                    copy.setWinnerId(1);
                    copy.removeInstance(copy.findInstance(1).orElseThrow());
                    repo.update(ws, copy);
                }),
                accepted("null runtime mix", "reads back as null", () -> {
                    Session s = session("no-mix");
                    s.setRuntimeMix(null);
                    repo.create(ws, s);
                    assertNull(repo.get(ws, "no-mix").getRuntimeMix());
                }),
                refused("null inside the runtime mix", "session.runtimeMix[1]",
                        create("null-in-mix", s -> s.setRuntimeMix(Arrays.asList("claude", null)))),
                refused("null message appended", "message", () -> repo.addChatMessage(ws, "seed", null)),
                refused("null session", "session", () -> repo.create(ws, null)),
                refused("timestamp in the year 10000", "session.createdAt",
                        create("far-future", s -> s.setCreatedAt(Instant.parse("+10000-01-01T00:00:00Z")))),
                refused("timestamp before the year 0", "message.timestamp",
                        () -> repo.addChatMessage(ws, "seed", new ChatMessage("bc", MessageRole.USER, "x",
                                Instant.parse("-0001-06-01T00:00:00Z")))),
                accepted("message timestamps at 0000-01-01 and 9999-12-31", "round-trip exactly", () -> {
                    repo.addChatMessage(ws, "seed", new ChatMessage("year-0", MessageRole.USER, "x",
                            Instant.parse("0000-01-01T00:00:00Z")));
                    repo.addChatMessage(ws, "seed", new ChatMessage("year-9999", MessageRole.USER, "x",
                            Instant.parse("9999-12-31T23:59:59.999Z")));
                    assertEquals(List.of(Instant.parse("0000-01-01T00:00:00Z"), Instant.parse("9999-12-31T23:59:59.999Z")),
                            repo.get(ws, "seed").getMessages().stream().filter(m -> m.getId().startsWith("year-"))
                                    .map(ChatMessage::getTimestamp).toList());
                }),
                refused("negative line count in an output", "output.linesAdded",
                        () -> repo.saveInstanceOutput(ws, "seed", 0, new InstanceOutput("x", T0, 0, -5, 0))));
    }

    // ---- listings and searches ----

    private List<Case> queries() {
        SessionQuery all = SessionQuery.inWorkspace(ws).build();
        return List.of(
                refused("negative listing limit", "limit", () -> repo.search(all, 0, -1)),
                refused("listing limit 0", "limit", () -> repo.search(all, 0, 0)),
                refused("listing limit 1001", "limit", () -> repo.searchKeyset(all, null, 1001)),
                refused("negative listing offset", "offset", () -> repo.search(all, -1, 10)),
                accepted("offset Integer.MAX_VALUE", "an empty page with the right total", () -> {
                    var page = repo.search(all, Integer.MAX_VALUE, 10);
                    assertEquals(List.of(), page.items());
                    assertEquals(countRows("SELECT count(*) FROM sessions WHERE workspace_hash = '" + ws + "'"),
                            page.totalElements());
                }),
                refused("tampered keyset cursor", "cursor", () -> repo.searchKeyset(all, "not-a-cursor!!", 10)),
                refused("40,000-character keyset cursor", "cursor", () -> repo.searchKeyset(all, "A".repeat(40_000), 10)),
                refused("cursor of another sort", "cursor", () -> {
                    String cursor = repo.searchKeyset(all, null, 1).nextCursor();
                    repo.searchKeyset(SessionQuery.inWorkspace(ws)
                            .sort(dev.ait42.session.repository.SessionSort.CREATED_AT,
                                    dev.ait42.session.repository.SortDirection.ASC).build(), cursor, 1);
                }),
                refused("empty full-text query", "query", () -> fullText("")),
                refused("full-text query over 200 characters", "query", () -> fullText("word ".repeat(41))),
                refused("full-text page limit 101", "limit", () -> services().fullText()
                        .search(FullTextQuery.matching("dark").page(0, 101).build())),
                refused("negative full-text offset", "offset", () -> services().fullText()
                        .search(FullTextQuery.matching("dark").page(-1, 10).build())));
    }

    // ---- the command line, on a database of its own ----

    private List<Case> commandLine() {
        Supplier<String> db = this::cliDatabase;
        return List.of(
                cli("unknown --status value", 2, "'done'", () -> args("list", "--status", "done", "--db", db.get())),
                cli("unknown --type value", 2, "'tournament'", () -> args("list", "--type", "tournament", "--db", db.get())),
                cli("--limit -1", 2, "-1", () -> args("list", "--limit", "-1", "--db", db.get())),
                cli("--limit 0 on search", 2, "limit", () -> args("search", "token", "--limit", "0", "--db", db.get())),
                cli("--offset -5 on search", 2, "-5", () -> args("search", "token", "--offset", "-5", "--db", db.get())),
                cli("--limit 1000000 on list", 2, "1000000", () -> args("list", "--limit", "1000000", "--db", db.get())),
                cli("unknown workspace hash", 1, "0000000000000000",
                        () -> args("list", "--workspace", "0000000000000000", "--db", db.get())),
                cli("unknown workspace folder", 1, "/no/such/ait42/folder",
                        () -> args("list", "--workspace", "/no/such/ait42/folder", "--db", db.get())),
                cli("query with unbalanced syntax", 0, null,
                        () -> args("search", "title:(token AND \"rotation", "--db", db.get())),
                cli("query over 200 characters", 2, "query", () -> args("search", "x".repeat(201), "--db", db.get())),
                cli("empty query", 2, "query", () -> args("search", "", "--db", db.get())),
                cli("tampered --cursor", 2, "cursor", () -> args("list", "--cursor", "%%%", "--db", db.get())),
                cli("--since in the year 10000", 2, "10000", () -> args("list", "--since", "10000-01-01", "--db", db.get())),
                cli("unknown --by grouping", 2, "colour", () -> args("stats", "--by", "colour", "--db", db.get())),
                cli("show of a 40,000-character id", 1, "(40000 characters)",
                        () -> args("show", "s".repeat(40_000), "--db", db.get())),
                new Case("legacy file with a dangling winnerId and a 300-character message id", "cli",
                        "imports anyway (exit 0): the import is not validated by the repository", this::legacyImport));
    }

    // ---- big values ----

    private List<Case> large() {
        return List.of(
                accepted("task of 5 MB", "round-trips and is found by full-text search", () -> {
                    String task = "lorem ipsum dolor ".repeat(5_000_000 / 18) + "quixotically";
                    Session s = session("huge-task");
                    s.setTask(task);
                    repo.create(ws, s);
                    assertEquals(task, repo.get(ws, "huge-task").getTask());
                    assertEquals(List.of("huge-task"), fullTextIds("quixotically"));
                }),
                refused("task one character over the free-text limit", "session.task",
                        create("over-text", s -> s.setTask("x".repeat(Limits.TEXT + 1)))));
    }

    /** Creates a session of the corpus after {@code change}. */
    private Executable create(String id, java.util.function.Consumer<Session> change) {
        return () -> {
            Session s = session(id);
            change.accept(s);
            repo.create(ws, s);
        };
    }

    /** Creates a session with this task and reads the task back exactly. */
    private Executable taskRoundTrips(String id, String task) {
        return () -> {
            Session s = session(id);
            s.setTask(task);
            repo.create(ws, s);
            assertEquals(task, repo.get(ws, id).getTask());
        };
    }

    // ---- kinds of cases ----

    /** Refused with a ValidationException naming {@code field}; rows, documents and search answers unchanged. */
    private Case refused(String name, String field, Executable call) {
        return new Case(name, "api", "refused: ValidationException naming `" + field + "`", () -> {
            String before = storeState(WORDS);
            ValidationException e = assertThrows(ValidationException.class, call);
            assertEquals(field, e.field(), e.getMessage());
            assertTrue(e.getMessage().startsWith(field + ": "), e.getMessage());
            assertTrue(e.getMessage().length() < 300, "a message of " + e.getMessage().length() + " characters");
            assertEquals(before, storeState(WORDS), "nothing changed");
        });
    }

    /** Refused with another error of the library's; nothing changed. */
    private Case rejected(String name, Class<? extends SessionStoreException> type, String says, Executable call) {
        return new Case(name, "api", "refused: " + type.getSimpleName(), () -> {
            String before = storeState(WORDS);
            SessionStoreException e = assertThrows(type, call);
            assertTrue(e.getMessage().contains(says), e.getMessage());
            assertEquals(before, storeState(WORDS), "nothing changed");
        });
    }

    private Case accepted(String name, String what, Executable check) {
        return new Case(name, "api", "accepted: " + what, check);
    }

    /** A command: its exit status and, when it fails, one short error line mentioning {@code says}. */
    private Case cli(String name, int status, String says, Supplier<List<String>> args) {
        String outcome = status == 0 ? "exit 0, no error" : "exit " + status + ", one error line with `" + says + "`";
        return new Case(name, "cli", outcome, () -> {
            String[] streams = new String[2];
            int exit = runCli(args.get(), streams);
            String describe = "exit " + exit + "\n" + streams[0] + "\n---\n" + streams[1];
            assertEquals(status, exit, describe);
            if (status == 0) {
                assertEquals("", streams[1], describe);
                return;
            }
            String err = streams[1].strip();
            assertTrue(err.startsWith("error: ") && err.lines().count() <= 2, describe);
            assertTrue(err.lines().findFirst().orElseThrow().length() < 300, describe);
            assertTrue(err.contains(says), describe);
            assertFalse(err.contains("Exception") || err.contains("\tat "), describe);
        });
    }

    private void legacyImport() throws IOException {
        Path home = dir.resolve("legacy-home");
        Path sessions = Files.createDirectories(home.resolve("sessions"));
        ArrayNode file = (ArrayNode) JSON.readTree(Path.of("examples/ait42-home/sessions/c28347c764e96805.json").toFile());
        ObjectNode first = (ObjectNode) file.get(0);
        first.put("winnerId", 42);
        ObjectNode message = ((ArrayNode) first.get("chatHistory")).addObject();
        message.put("id", "h".repeat(300)).put("role", "assistant").put("content", "old and long")
                .put("timestamp", "2025-05-02T09:30:00.000Z").put("instanceId", 9);
        Files.writeString(sessions.resolve("c28347c764e96805.json"), JSON.writeValueAsString(file));
        String db = dir.resolve("legacy.db").toString();
        String[] streams = new String[2];

        assertEquals(0, runCli(List.of("import", home.toString(), "--db", db), streams), streams[1]);
        assertTrue(streams[0].contains("3 sessions created"), streams[0]);
        assertEquals(0, runCli(List.of("show", first.get("id").asText(), "--json", "--db", db), streams), streams[1]);
        JsonNode shown = JSON.readTree(streams[0]);
        assertEquals(42, shown.findValue("winnerId").asInt(), streams[0]);
    }

    // ---- helpers ----

    private void record(Case c) throws Throwable {
        String[] row = {c.name(), c.path(), c.outcome(), "FAILED"};
        RESULTS.put(c.path() + ": " + c.name(), row);
        c.check().execute();
        row[3] = "as expected";
    }

    @AfterAll
    static void writeTable() throws IOException {
        StringBuilder md = new StringBuilder("# Hostile corpus\n\n")
                .append("Written by `HostileCorpusTest`: each case's expected outcome, asserted by the test.\n\n")
                .append("| case | path | outcome | result |\n|---|---|---|---|\n");
        for (String[] row : RESULTS.values()) {
            md.append("| ").append(String.join(" | ", Arrays.stream(row).map(v -> v.replace("|", "\\|")).toList()))
                    .append(" |\n");
        }
        Files.createDirectories(TABLE.getParent());
        Files.writeString(TABLE, md.toString(), StandardCharsets.UTF_8);
    }

    private String cliDb;

    /** A SQLite database for the command line, the example history imported into it (once). */
    private String cliDatabase() {
        if (cliDb == null) {
            String db = dir.resolve("cli").resolve("sessions.db").toString();
            String[] streams = new String[2];
            assertEquals(0, runCli(List.of("import", "examples/ait42-home", "--db", db), streams), streams[1]);
            cliDb = db;
        }
        return cliDb;
    }

    private static List<String> args(String... args) {
        return List.of(args);
    }

    /** Runs a command in-process; {@code streams} receives stdout and stderr. */
    private static int runCli(List<String> args, String[] streams) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        streams[0] = out.toString(StandardCharsets.UTF_8);
        streams[1] = err.toString(StandardCharsets.UTF_8);
        return status;
    }

    private List<String> ids(SessionQuery query) {
        return repo.search(query, 0, 100).items().stream().map(Session::getId).toList();
    }

    private FullTextPage fullText(String words) {
        return services().fullText().search(FullTextQuery.matching(words)
                .filter(SessionQuery.inWorkspace(ws).build()).page(0, 100).build());
    }

    private List<String> fullTextIds(String words) {
        return fullText(words).hits().stream().map(h -> h.session().getId()).toList();
    }

    /** A running competition with instances 0 and 1 and no messages. */
    private static Session session(String id) {
        Session s = new Session(id, SessionType.COMPETITION, "hostile input");
        s.setCreatedAt(T0);
        s.setUpdatedAt(T0);
        s.addInstance(instance(0));
        s.addInstance(instance(1));
        return s;
    }

    private static Instance instance(int n) {
        Instance i = new Instance(n);
        i.setWorktreePath("/tmp/worktree-" + n);
        i.setBranch("competition/" + n);
        i.setAgentName("agent-" + n);
        i.setTmuxSessionId("ait42-" + n);
        i.setStatus(InstanceStatus.RUNNING);
        return i;
    }

    private static ChatMessage message(String id, String content) {
        return new ChatMessage(id, MessageRole.USER, content, T0);
    }
}
