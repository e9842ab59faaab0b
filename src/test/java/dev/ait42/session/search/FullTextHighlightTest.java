package dev.ait42.session.search;

import dev.ait42.session.model.ChatMessage;
import dev.ait42.session.model.MessageRole;
import dev.ait42.session.model.Session;
import dev.ait42.session.repository.InstanceOutput;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.ait42.session.Fixtures.instance;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Snippets: highlight tags, where each match points, trimming of long passages, how many per session. */
class FullTextHighlightTest extends FullTextTestSupport {

    /** The longest snippet: 200 characters of text plus an ellipsis at each end. */
    private static final int MAX_SNIPPET = 202;

    private SessionHit onlyHit(FullTextPage page) {
        assertEquals(1, page.hits().size(), "hits: " + ids(page));
        return page.hits().get(0);
    }

    private Match onlyMatch(FullTextPage page) {
        SessionHit hit = onlyHit(page);
        assertEquals(1, hit.matches().size(), "matches: " + hit.matches());
        return hit.matches().get(0);
    }

    /** {@code count} words without any sentence break, {@code word} inserted after word number {@code at}. */
    private static String wall(int count, int at, String word) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < count; i++) {
            if (i == at) {
                text.append(word).append(' ');
            }
            text.append(i % 2 == 0 ? "lorem" : "ipsum").append(i % 97).append(' ');
        }
        if (at >= count) {
            text.append(word);
        }
        return text.toString();
    }

    @Test
    void taskSnippetHighlightsTheWordWithDefaultTags() {
        save("s", "Implement refresh token rotation");

        Match match = onlyMatch(search("rotation"));

        assertEquals(Match.Source.TASK, match.source());
        assertNull(match.messageId());
        assertNull(match.instanceId());
        assertEquals(List.of("Implement refresh token **rotation**"), match.snippets());
    }

    @Test
    void customTagsReplaceTheDefaultOnes() {
        save("s", "Implement refresh token rotation", "the rotation runs nightly");

        SessionHit hit = onlyHit(search(FullTextQuery.matching("rotation").highlightTags("<mark>", "</mark>")));

        assertEquals(2, hit.matches().size());
        for (Match match : hit.matches()) {
            String snippet = match.snippets().get(0);
            assertTrue(snippet.contains("<mark>rotation</mark>"), snippet);
            assertFalse(snippet.contains("**"), snippet);
        }
    }

    @Test
    void stemmedAndCaseFoldedWordsAreHighlightedAsWritten() {
        save("s", "Task", "We ROTATED the keys yesterday");

        Match match = onlyMatch(search("rotating"));

        assertEquals(List.of("We **ROTATED** the keys yesterday"), match.snippets());
    }

    @Test
    void messageMatchNamesTheMessage() {
        Session s = session("s", "Unrelated task");
        s.addMessage(new ChatMessage("intro", MessageRole.USER, "hello there"));
        s.addMessage(new ChatMessage("thread/7/answer", MessageRole.ASSISTANT, "the kerberos ticket expired"));
        s.addMessage(new ChatMessage("outro", MessageRole.USER, "thanks"));
        save(s);

        Match match = onlyMatch(search("kerberos"));

        assertEquals(Match.Source.MESSAGE, match.source());
        assertEquals("thread/7/answer", match.messageId(), "message ids may contain slashes");
        assertNull(match.instanceId());
        assertEquals(List.of("the **kerberos** ticket expired"), match.snippets());
    }

    @Test
    void agentNameMatchNamesTheInstance() {
        Session s = session("s", "Unrelated task");
        s.addInstance(instance(0, "frontend-developer"));
        s.addInstance(instance(1, "database-specialist"));
        save(s);

        Match match = onlyMatch(search("specialist"));

        assertEquals(Match.Source.AGENT_NAME, match.source());
        assertEquals(1, match.instanceId());
        assertNull(match.messageId());
        assertEquals(List.of("database-**specialist**"), match.snippets());
    }

    @Test
    void outputMatchNamesTheInstance() {
        Session s = session("s", "Unrelated task");
        s.addInstance(instance(0, "alpha"));
        s.addInstance(instance(1, "beta"));
        s.addInstance(instance(2, "gamma"));
        save(s);
        repo.saveInstanceOutput(ws, "s", 2, new InstanceOutput("All tests passed except one flaky test.", null, 3, 10, 2));

        Match match = onlyMatch(search("flaky"));

        assertEquals(Match.Source.INSTANCE_OUTPUT, match.source());
        assertEquals(2, match.instanceId());
        assertNull(match.messageId());
        assertEquals(List.of("All tests passed except one **flaky** test."), match.snippets());
    }

    @Test
    void snippetOfVeryLongMessageIsTrimmedAroundTheHighlight() {
        // ~50 KB without a sentence break: the highlighter cannot cut it at sentence ends
        String content = wall(7_000, 600, "kerberos");
        assertTrue(content.length() > 50_000, "content is " + content.length());
        save("s", "Unrelated task", content);

        Match match = onlyMatch(search("kerberos"));

        assertFalse(match.snippets().isEmpty());
        for (String snippet : match.snippets()) {
            assertTrue(snippet.length() <= MAX_SNIPPET, "snippet of " + snippet.length() + " chars: " + snippet);
            assertTrue(snippet.contains("**kerberos**"), snippet);
            assertTrue(snippet.startsWith(Snippets.ELLIPSIS) && snippet.endsWith(Snippets.ELLIPSIS),
                    "cut on both sides: " + snippet);
        }
    }

    @Test
    void wordDeepInsideALongOutputStillGetsAHighlightedSnippet() {
        // Terminal captures run to hundreds of KB; the only mention here is ~40 KB in.
        Session s = session("s", "Unrelated task");
        s.addInstance(instance(0, "alpha"));
        save(s);
        String output = wall(8_000, 5_000, "segfault");
        assertTrue(output.indexOf("segfault") > 35_000, "at " + output.indexOf("segfault"));
        repo.saveInstanceOutput(ws, "s", 0, new InstanceOutput(output, null, null, null, null));

        FullTextPage page = search("segfault");

        SessionHit hit = onlyHit(page);
        assertFalse(hit.matches().isEmpty(), "the session matched, but no match says where");
        Match match = hit.matches().get(0);
        assertEquals(Match.Source.INSTANCE_OUTPUT, match.source());
        assertEquals(0, match.instanceId());
        assertFalse(match.snippets().isEmpty());
        assertTrue(match.snippets().get(0).contains("**segfault**"), match.snippets().get(0));
        assertTrue(match.snippets().get(0).length() <= MAX_SNIPPET, match.snippets().get(0));
    }

    @Test
    void wordDeepInsideALongMessageStillGetsAHighlightedSnippetWithTheQueryTags() {
        save("s", "Unrelated task", "short opener", wall(8_000, 6_000, "segfault"));

        FullTextPage page = search(FullTextQuery.matching("segfault").highlightTags("[", "]"));

        Match match = onlyMatch(page);
        assertEquals(Match.Source.MESSAGE, match.source());
        assertEquals("m1", match.messageId());
        assertTrue(match.snippets().get(0).contains("[segfault]"), match.snippets().get(0));
        assertTrue(match.snippets().get(0).length() <= MAX_SNIPPET, match.snippets().get(0));
    }

    @Test
    void snippetWithTheWordAtTheVeryEndOfALongTextIsCutOnlyAtTheStart() {
        String content = wall(600, 600, "kerberos");
        assertTrue(content.endsWith("kerberos"));
        save("s", "Unrelated task", content);

        String snippet = onlyMatch(search("kerberos")).snippets().get(0);

        assertTrue(snippet.length() <= MAX_SNIPPET, snippet);
        assertTrue(snippet.endsWith("**kerberos**"), snippet);
        assertTrue(snippet.startsWith(Snippets.ELLIPSIS), snippet);
    }

    @Test
    void snippetsPerSessionLimitsTheMatchesOfEachHit() {
        save("s", "Fix the flaky login test", "flaky on CI", "still flaky", "flaky again", "no longer flaky");

        assertEquals(3, onlyHit(search("flaky")).matches().size(), "three by default");
        assertEquals(2, onlyHit(search(FullTextQuery.matching("flaky").snippetsPerSession(2))).matches().size());
        assertEquals(1, onlyHit(search(FullTextQuery.matching("flaky").snippetsPerSession(1))).matches().size());
        assertEquals(5, onlyHit(search(FullTextQuery.matching("flaky").snippetsPerSession(10))).matches().size(),
                "never more than the session has");
        Match best = onlyHit(search(FullTextQuery.matching("flaky").snippetsPerSession(1))).matches().get(0);
        assertEquals(Match.Source.TASK, best.source(), "the best match is kept");
    }

    @Test
    void snippetsPerSessionAlsoLimitsAnInstanceMatchingInNameAndOutput() {
        Session s = session("s", "Unrelated task");
        s.addInstance(instance(0, "security-auditor"));
        save(s);
        repo.saveInstanceOutput(ws, "s", 0, new InstanceOutput("security review finished", null, null, null, null));

        List<Match> one = onlyHit(search(FullTextQuery.matching("security").snippetsPerSession(1))).matches();
        List<Match> three = onlyHit(search(FullTextQuery.matching("security").snippetsPerSession(3))).matches();

        assertEquals(1, one.size(), "snippetsPerSession(1) returned " + one);
        assertEquals(2, three.size(), "name and output are two matches: " + three);
        assertEquals(List.of(Match.Source.INSTANCE_OUTPUT, Match.Source.AGENT_NAME).stream().sorted().toList(),
                three.stream().map(Match::source).sorted().toList());
        three.forEach(m -> assertEquals(0, m.instanceId()));
    }

    @Test
    void everyHitOnThePageSaysWhereItMatchedEvenWhenAnotherSessionHasManyBetterMatches() {
        String[] strong = new String[40];
        for (int i = 0; i < strong.length; i++) {
            strong[i] = "token token " + i;
        }
        save("busy", "Unrelated task", strong);
        save("quiet", "Unrelated task", "We talked about many things today, the build, the cache, the release notes,"
                + " the dashboards and, briefly, the token.");

        FullTextPage page = search(FullTextQuery.matching("token").page(0, 2));

        assertEquals(List.of("busy", "quiet"), ids(page));
        for (SessionHit hit : page.hits()) {
            assertFalse(hit.matches().isEmpty(), "no matches for " + hit.session().getId());
            assertTrue(hit.matches().get(0).snippets().get(0).contains("**token**"), hit.matches().toString());
        }
    }

    @Test
    void japaneseWordsAreHighlightedWholeInsideTheirSentence() {
        save("s", "タスク", "ユーザー認証機能のテストを追加してください。");
        save("t", "データベースのマイグレーションが失敗したのでロールバックします。");

        Match one = onlyMatch(search("認証"));
        assertEquals(Match.Source.MESSAGE, one.source());
        assertEquals("m0", one.messageId());
        assertEquals(List.of("ユーザー**認証**機能のテストを追加してください。"), one.snippets());

        // a word of several bigrams is one highlight, not one per bigram
        Match several = onlyMatch(search("マイグレーション 失敗"));
        assertEquals(Match.Source.TASK, several.source());
        assertEquals(List.of("データベースの**マイグレーション**が**失敗**したのでロールバックします。"), several.snippets());
    }
}
