package dev.ait42.session.repository;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ait42.session.StoreTestSupport;
import dev.ait42.session.ValidationException;
import dev.ait42.session.model.ChatMessage;
import dev.ait42.session.model.Limits;
import dev.ait42.session.model.MessageRole;
import dev.ait42.session.model.Session;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.function.BiConsumer;

import static dev.ait42.session.repository.MutationTestData.T0;
import static dev.ait42.session.repository.MutationTestData.fullSession;
import static dev.ait42.session.repository.MutationTestData.message;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every string written through the repository is bounded by {@link Limits} and storable exactly:
 * a value at its limit round-trips, one character more is refused naming the field and the
 * limit; lone surrogates, NUL, and control characters in one-line values are refused naming the
 * field. A refused call leaves the rows, the index documents and full-text answers as they were.
 */
class BoundedValuesTest extends StoreTestSupport {

    /** A field of a session graph, how to set it, and how to read it back. */
    private record Field(String path, int limit, BiConsumer<Session, String> set,
                         java.util.function.Function<Session, String> get) {
    }

    private static final List<Field> BOUNDED = List.of(
            new Field("session.model", Limits.NAME, Session::setModel, Session::getModel),
            new Field("session.runtimeMix[1]", Limits.NAME, (s, v) -> s.setRuntimeMix(List.of("claude", v)),
                    s -> s.getRuntimeMix().get(1)),
            new Field("session.instances[1].agentName", Limits.NAME,
                    (s, v) -> s.getInstances().get(1).setAgentName(v), s -> s.getInstances().get(1).getAgentName()),
            new Field("session.instances[1].branch", Limits.NAME,
                    (s, v) -> s.getInstances().get(1).setBranch(v), s -> s.getInstances().get(1).getBranch()),
            new Field("session.instances[1].tmuxSessionId", Limits.NAME,
                    (s, v) -> s.getInstances().get(1).setTmuxSessionId(v), s -> s.getInstances().get(1).getTmuxSessionId()),
            new Field("session.instances[1].runtime", Limits.NAME,
                    (s, v) -> s.getInstances().get(1).setRuntime(v), s -> s.getInstances().get(1).getRuntime()),
            new Field("session.instances[1].model", Limits.NAME,
                    (s, v) -> s.getInstances().get(1).setModel(v), s -> s.getInstances().get(1).getModel()),
            new Field("session.instances[1].runtimeLabel", Limits.NAME,
                    (s, v) -> s.getInstances().get(1).setRuntimeLabel(v), s -> s.getInstances().get(1).getRuntimeLabel()),
            new Field("session.instances[1].worktreePath", Limits.PATH,
                    (s, v) -> s.getInstances().get(1).setWorktreePath(v), s -> s.getInstances().get(1).getWorktreePath()),
            new Field("session.messages[2].id", Limits.ID,
                    BoundedValuesTest::replaceLastMessageId, s -> s.getMessages().get(2).getId()));

    private static void replaceLastMessageId(Session s, String id) {
        ChatMessage last = s.getMessages().get(2);
        s.removeMessage(last);
        s.addMessage(message(id, last.getRole(), last.getContent(), last.getTimestamp(), last.getInstanceId()));
    }

    @Test
    void everyBoundedFieldRoundTripsAtItsLimitAndIsRefusedOneCharacterOver() {
        repo.create(ws, fullSession("control"));
        int n = 0;
        for (Field field : BOUNDED) {
            String atLimit = "é".repeat(field.limit() - 1) + "z"; // two UTF-8 bytes a character, mostly
            Session ok = fullSession("at-limit-" + n);
            field.set().accept(ok, atLimit);
            repo.create(ws, ok);
            assertEquals(atLimit, field.get().apply(repo.get(ws, "at-limit-" + n)), field.path());

            Session over = fullSession("over-limit-" + n++);
            field.set().accept(over, atLimit + "z");
            assertRefusedAndNothingChanged(field.path(), "is " + (field.limit() + 1)
                    + " characters long; the limit is " + field.limit(), () -> repo.create(ws, over));
        }
    }

    @Test
    void sessionIdAtTheLimitRoundTripsAndOneOverIsRefused() {
        String atLimit = "s".repeat(Limits.ID);
        repo.create(ws, fullSession(atLimit));
        assertEquals(atLimit, repo.get(ws, atLimit).getId());

        assertRefusedAndNothingChanged("session.id", "the limit is " + Limits.ID,
                () -> repo.create(ws, fullSession(atLimit + "s")));
    }

    @Test
    void fortyThousandCharacterMessageIdIsRefusedBeforeTheRowOrTheIndexIsWritten() {
        repo.create(ws, fullSession("run-1"));
        String id = "m".repeat(40_000);

        assertRefusedAndNothingChanged("message.id", "is 40000 characters long; the limit is 200",
                () -> repo.addChatMessage(ws, "run-1", message(id, MessageRole.USER, "dark mode", T0, null)));
        Session withIt = fullSession("run-2");
        withIt.addMessage(message(id, MessageRole.USER, "dark mode", T0, null));
        assertRefusedAndNothingChanged("session.messages[3].id", "the limit is 200", () -> repo.create(ws, withIt));

        assertTrue(services().fullText().counts().consistent(), "every row has its document");
    }

    @Test
    void freeTextRoundTripsAtItsLimitAndIsRefusedOneCharacterOver() {
        String atLimit = "x".repeat(Limits.TEXT);
        String over = atLimit + "x";
        repo.create(ws, fullSession("run-1"));
        Session task = fullSession("run-2");
        task.setTask(over);
        assertRefusedAndNothingChanged("session.task", "the limit is " + Limits.TEXT, () -> repo.create(ws, task));
        assertRefusedAndNothingChanged("message.content", "the limit is " + Limits.TEXT,
                () -> repo.addChatMessage(ws, "run-1", message("m-over", MessageRole.USER, over, T0, null)));
        assertRefusedAndNothingChanged("output.output", "the limit is " + Limits.TEXT,
                () -> repo.saveInstanceOutput(ws, "run-1", 0, new InstanceOutput(over, T0, 1, 1, 1)));

        Session big = fullSession("big");
        big.setTask(atLimit);
        repo.create(ws, big);
        assertEquals(atLimit, repo.get(ws, "big").getTask());
    }

    @Test
    void workspacePathOverTheLimitIsRefusedWhicheverWayItIsRegistered() {
        String path = "/" + "p".repeat(Limits.PATH);

        assertRefusedAndNothingChanged("path", "the limit is " + Limits.PATH,
                () -> repo.registerWorkspace("0123456789abcdef", path));
        assertRefusedAndNothingChanged("folder", "the limit is " + Limits.PATH,
                () -> repo.registerWorkspace(Path.of(path)));
        assertEquals(path.substring(1), repo.registerWorkspace("0123456789abcdef", path.substring(1)).getPath());
    }

    @Test
    void runtimeMixWithTooManyEntriesIsRefused() {
        Session s = fullSession("run-1");
        s.setRuntimeMix(java.util.Collections.nCopies(Limits.RUNTIME_MIX_ENTRIES + 1, "claude"));

        assertRefusedAndNothingChanged("session.runtimeMix", "has 101 entries; the limit is 100", () -> repo.create(ws, s));
    }

    // ---- what cannot be stored exactly ----

    @Test
    void sqliteJdbcWouldNotStoreALoneSurrogateExactly() throws Exception {
        assumeSqlite("what sqlite-jdbc makes of a string that is not Unicode text");
        String lone = "a\uD83Dz";
        String stored = withJdbc(c -> {
            try (Statement st = c.createStatement()) {
                st.execute("CREATE TEMP TABLE probe (t TEXT)");
            }
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO probe VALUES (?)")) {
                insert.setString(1, lone);
                insert.executeUpdate();
            }
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT t FROM probe")) {
                rs.next();
                return rs.getString(1);
            }
        });

        assertEquals("a?z", stored, "the driver's UTF-8 encoding replaces it: why the repository refuses it");
    }

    @Test
    void loneSurrogatesAreRefusedInEveryKindOfText() {
        repo.create(ws, fullSession("run-1"));
        for (String bad : List.of("\uD83D", "\uDE80", "x\uDE80\uD83Dy", "end\uD800")) {
            Session task = fullSession("task");
            task.setTask("task " + bad);
            assertRefusedAndNothingChanged("session.task", "unpaired surrogate", () -> repo.create(ws, task));
            Session id = fullSession("id-" + bad);
            assertRefusedAndNothingChanged("session.id", "unpaired surrogate", () -> repo.create(ws, id));
            Session agent = fullSession("agent");
            agent.getInstances().get(0).setAgentName(bad);
            assertRefusedAndNothingChanged("session.instances[0].agentName", "unpaired surrogate",
                    () -> repo.create(ws, agent));
            assertRefusedAndNothingChanged("message.content", "unpaired surrogate",
                    () -> repo.addChatMessage(ws, "run-1", message("m", MessageRole.USER, bad, T0, null)));
            assertRefusedAndNothingChanged("message.id", "unpaired surrogate",
                    () -> repo.addChatMessage(ws, "run-1", message(bad, MessageRole.USER, "x", T0, null)));
            assertRefusedAndNothingChanged("output.output", "unpaired surrogate",
                    () -> repo.saveInstanceOutput(ws, "run-1", 1, new InstanceOutput(bad, T0, 0, 0, 0)));
        }
    }

    @Test
    void loneSurrogateInExtraFieldsIsRefused() {
        ObjectNode extra = JsonNodeFactory.instance.objectNode().put("evaluation", "score \uD83D");
        Session s = fullSession("run-1");
        s.getMessages().get(1).setExtra(extra);

        assertRefusedAndNothingChanged("session.messages[1].extra", "unpaired surrogate", () -> repo.create(ws, s));
    }

    @Test
    void surrogatePairsRoundTripExactly() {
        String text = "🚀 ship it 🧑‍💻 \uD83D\uDE80";
        Session s = fullSession("emoji-🚀");
        s.setTask(text);
        s.getInstances().get(0).setAgentName("agent-🐙");
        repo.create(ws, s);
        repo.addChatMessage(ws, "emoji-🚀", message("m-👋", MessageRole.USER, text, T0, null));

        Session read = repo.get(ws, "emoji-🚀");
        assertEquals(text, read.getTask());
        assertEquals("agent-🐙", read.getInstances().get(0).getAgentName());
        assertEquals(text, read.getMessages().get(3).getContent());
        assertEquals("m-👋", read.getMessages().get(3).getId());
    }

    @Test
    void nulIsRefusedEverywhereAndControlCharactersInOneLineValues() {
        repo.create(ws, fullSession("run-1"));

        assertRefusedAndNothingChanged("output.output", "NUL character (U+0000) at index 3",
                () -> repo.saveInstanceOutput(ws, "run-1", 1, new InstanceOutput("abc\u0000", T0, 0, 0, 0)));
        assertRefusedAndNothingChanged("message.content", "NUL character",
                () -> repo.addChatMessage(ws, "run-1", message("m", MessageRole.USER, "\u0000", T0, null)));
        assertRefusedAndNothingChanged("message.id", "control character U+000A at index 1",
                () -> repo.addChatMessage(ws, "run-1", message("m\nx", MessageRole.USER, "x", T0, null)));
        Session branch = fullSession("branch");
        branch.getInstances().get(2).setBranch("feature\u001b[31m");
        assertRefusedAndNothingChanged("session.instances[2].branch", "control character U+001B",
                () -> repo.create(ws, branch));
        Session path = fullSession("path");
        path.getInstances().get(0).setWorktreePath("/tmp/a\tb");
        assertRefusedAndNothingChanged("session.instances[0].worktreePath", "control character U+0009",
                () -> repo.create(ws, path));
    }

    @Test
    void lineBreaksTabsAndTerminalEscapesInFreeTextRoundTrip() {
        String capture = "line 1\r\nline 2\n\t\u001b[32mOK\u001b[0m\u0007\u007f";
        repo.create(ws, fullSession("run-1"));
        repo.saveInstanceOutput(ws, "run-1", 1, new InstanceOutput(capture, T0, 0, 0, 0));
        repo.addChatMessage(ws, "run-1", message("m", MessageRole.USER, capture, T0, null));

        Session read = repo.get(ws, "run-1");
        assertEquals(capture, read.findInstance(1).orElseThrow().getOutput());
        assertEquals(capture, read.getMessages().get(3).getContent());
    }

    @Test
    void updateAppliesTheSameRulesAsCreate() {
        repo.create(ws, fullSession("run-1"));
        Session copy = repo.get(ws, "run-1");
        copy.setTask("dark \uDC00 mode");

        assertRefusedAndNothingChanged("session.task", "unpaired surrogate", () -> repo.update(ws, copy));
        copy.setTask("dark mode");
        copy.getInstances().get(0).setAgentName("a".repeat(Limits.NAME + 1));
        assertRefusedAndNothingChanged("session.instances[0].agentName", "the limit is " + Limits.NAME,
                () -> repo.update(ws, copy));
    }

    // ---- helpers ----

    /** The call is refused naming {@code field}, its message says {@code why}, and nothing changed. */
    private void assertRefusedAndNothingChanged(String field, String why, Executable call) {
        String before = storeState("dark mode");
        ValidationException e = assertThrows(ValidationException.class, call, field);
        assertEquals(field, e.field(), e.getMessage());
        assertTrue(e.getMessage().startsWith(field + ": ") && e.getMessage().contains(why), e.getMessage());
        assertEquals(before, storeState("dark mode"), field + ": rows, documents and search answers unchanged");
    }
}
