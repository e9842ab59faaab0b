package dev.ait42.session.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ait42.session.search.FullTextPage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code search QUERY}: ranking, highlighted snippets, filters and what a query may not be. */
class SearchCommandTest {

    @TempDir
    static Path dir;
    static SampleHistory history;

    private final Cli cli = new Cli();

    @BeforeAll
    static void writeHistory() {
        history = SampleHistory.write(dir);
    }

    private JsonNode search(String query, String... options) {
        List<String> args = new ArrayList<>(List.of("search", query, "--db", history.db().toString(), "--json"));
        args.addAll(List.of(options));
        return cli.json(args.toArray(String[]::new));
    }

    private static List<String> hitIds(JsonNode doc) {
        List<String> labels = new ArrayList<>();
        doc.get("hits").forEach(h -> labels.add(SampleHistory.label(h.get("session").get("workspace").asText(),
                h.get("session").get("id").asText())));
        return labels;
    }

    private static List<String> snippets(JsonNode hit) {
        List<String> all = new ArrayList<>();
        hit.get("matches").forEach(m -> m.get("snippets").forEach(s -> all.add(s.asText())));
        return all;
    }

    @Test
    void hitsAreRankedWithTheTaskMatchFirstAndSnippetsHighlighted() {
        JsonNode doc = search("deadlock");

        assertEquals(List.of("deadlock-fix", "cache-bust"), hitIds(doc));
        assertEquals(2, doc.get("totalSessions").asLong());
        // deadlock-fix: the task and two messages; cache-bust: one message
        assertEquals(4, doc.get("totalMatches").asLong());
        JsonNode best = doc.get("hits").get(0);
        JsonNode second = doc.get("hits").get(1);
        assertTrue(best.get("score").asDouble() > second.get("score").asDouble(), doc.toString());
        assertEquals("task", best.get("matches").get(0).get("source").asText());
        assertTrue(snippets(best).contains("Fix the **deadlock** in the worker pool"), snippets(best).toString());
        assertEquals("message", second.get("matches").get(0).get("source").asText());
        assertEquals("msg-8", second.get("matches").get(0).get("messageId").asText());
        for (JsonNode hit : doc.get("hits")) {
            assertFalse(snippets(hit).isEmpty(), hit.toString());
            snippets(hit).forEach(s -> assertTrue(s.contains("**deadlock**"), s));
        }
    }

    @Test
    void filtersNarrowTheHits() {
        assertEquals(List.of("cache-bust"), hitIds(search("deadlock", "--workspace", SampleHistory.HASH_B)));
        assertEquals(List.of("deadlock-fix"), hitIds(search("deadlock", "--workspace", history.folderA().toString())));
        assertEquals(List.of("deadlock-fix"), hitIds(search("deadlock", "--status", "failed,paused")));
        assertEquals(List.of("cache-bust"), hitIds(search("deadlock", "--since", "2025-05-05")));
        assertEquals(List.of("deadlock-fix"), hitIds(search("deadlock", "--text", "worker")));
        JsonNode none = search("deadlock", "--type", "debate");
        assertEquals(List.of(), hitIds(none));
        assertEquals(0, none.get("totalSessions").asLong());
    }

    @Test
    void limitAndOffsetPageTheRanking() {
        JsonNode first = search("deadlock", "--limit", "1");
        JsonNode second = search("deadlock", "--limit", "1", "--offset", "1");

        assertEquals(List.of("deadlock-fix"), hitIds(first));
        assertEquals(2, first.get("totalSessions").asLong());
        assertEquals(List.of("cache-bust"), hitIds(second));
        assertEquals(1, second.get("offset").asInt());
    }

    @Test
    void japaneseQueryFindsAWordInsideSentences() {
        JsonNode doc = search("トークン");

        assertEquals(List.of("token-rotation"), hitIds(doc));
        List<String> snippets = snippets(doc.get("hits").get(0));
        assertTrue(snippets.contains("古い**トークン**は一度だけ使えるようにしてください。"), snippets.toString());
        assertTrue(snippets.stream().anyMatch(s -> s.contains("リフレッシュ**トークン**の")), snippets.toString());

        assertEquals(List.of("docs-ja"), hitIds(search("目次")));
    }

    @Test
    void textOutputShowsRankedSessionsWithMarkedSnippets() {
        String text = cli.ok("search", "deadlock", "--db", history.db().toString());

        assertTrue(text.startsWith("2 sessions, 4 matching passages"), text);
        assertTrue(text.indexOf("deadlock-fix") < text.indexOf("cache-bust"), text);
        assertTrue(text.contains("Fix the **deadlock** in the worker pool"), text);
        assertTrue(text.contains("message msg-8"), text);
        assertFalse(text.contains("\u001b["), "no terminal escapes when stdout is not a terminal");
    }

    @Test
    void messageMatchNamesTheInstanceOfItsMessage() {
        JsonNode doc = search("startup");

        JsonNode match = doc.get("hits").get(0).get("matches").get(0);
        assertEquals("message", match.get("source").asText(), doc.toString());
        assertEquals("history-0-2", match.get("messageId").asText(), doc.toString());
        assertEquals(0, match.get("instanceId").asInt(-1), doc.toString());
        assertTrue(cli.ok("search", "startup", "--db", history.db().toString())
                .contains("message history-0-2 (instance 0)"), cli::describe);

        JsonNode withoutInstance = search("shutdown").get("hits").get(0).get("matches").get(0);
        assertTrue(withoutInstance.get("instanceId").isNull(), withoutInstance.toString());
    }

    @Test
    void countsAreSingularForOne() {
        String text = cli.ok("search", "startup", "--db", history.db().toString());

        assertTrue(text.startsWith("1 session, 1 matching passage\n"), text);
    }

    @Test
    void hostileQueryStringsAreSearchedNotRejected() {
        for (String query : List.of("\"unbalanced", "(", ")", "AND", "OR", ":", "a:b", "*", "-", "|", "\\", "\"",
                "[", "{", "~", "^2", "/", "deadlock AND (", "NOT", "&&", "!")) {
            int status = cli.run("search", query, "--db", history.db().toString(), "--json");
            assertEquals(0, status, cli::describe);
            assertEquals("", cli.err(), cli::describe);
            assertTrue(cli.parsedOut().get("hits").isArray(), cli::describe);
        }
    }

    @Test
    void emptyQueryIsAUsageErrorWithOneLineOnStderr() {
        assertEquals(2, cli.run("search", "", "--db", history.db().toString(), "--json"));
        cli.assertOneLineError();
        assertTrue(cli.err().contains("query"), cli::describe);
        assertEquals("", cli.out());

        assertEquals(2, cli.run("search", "   ", "--db", history.db().toString()));
        cli.assertOneLineError();
    }

    @Test
    void limitOutsideOneToHundredIsAUsageError() {
        assertEquals(2, cli.run("search", "deadlock", "--db", history.db().toString(), "--limit", "0"));
        cli.assertOneLineError();
        assertTrue(cli.err().contains("limit"), cli::describe);

        assertEquals(2, cli.run("search", "deadlock", "--db", history.db().toString(), "--limit", "101"));
        assertEquals(2, cli.run("search", "deadlock", "--db", history.db().toString(), "--offset", "-1"));
    }

    @Test
    void missingQueryIsAUsageError() {
        assertEquals(2, cli.run("search", "--db", history.db().toString()));
        cli.assertUsageError();
        assertTrue(cli.err().contains("QUERY"), cli::describe);
    }

    @Test
    void theJsonSaysWhetherTheTotalsAreExact() {
        assertTrue(search("deadlock").get("totalsExact").asBoolean());
    }

    @Test
    void totalsThatAreLowerBoundsPrintWithAPlus() {
        FullTextPage bounded = new FullTextPage(List.of(), 21, 1000, false, 0, 20);
        FullTextPage exact = new FullTextPage(List.of(), 1, 1000, 0, 20);

        assertEquals("21+ sessions", SearchCommand.total(bounded, bounded.totalSessions(), "session"));
        assertEquals("1,000+ matching passages", SearchCommand.total(bounded, bounded.totalMatches(), "matching passage"));
        assertEquals("1 session", SearchCommand.total(exact, exact.totalSessions(), "session"));
        assertEquals("1000 matching passages", SearchCommand.total(exact, exact.totalMatches(), "matching passage"));
    }
}
