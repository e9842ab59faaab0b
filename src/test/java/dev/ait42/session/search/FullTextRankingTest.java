package dev.ait42.session.search;

import dev.ait42.session.model.Session;
import dev.ait42.session.repository.InstanceOutput;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static dev.ait42.session.Fixtures.instance;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** How hits are grouped into sessions, ranked and paged. */
class FullTextRankingTest extends FullTextTestSupport {

    /** About 2 KB of English that mentions {@code word} once, in the middle. */
    private static String longMessageMentioning(String word) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 20; i++) {
            text.append("We looked at the build scripts and the cache settings of module ").append(i).append(". ");
            if (i == 10) {
                text.append("Someone also mentioned ").append(word).append(" in passing. ");
            }
        }
        return text.toString();
    }

    @Test
    void taskMatchOutranksPassingMentionInLongMessage() {
        // the task match is saved first: with equal scores the later session would win the tie
        save("task-hit", "Implement refresh token rotation");
        save("mention", "Refactor the build scripts", longMessageMentioning("rotation"));

        FullTextPage page = search("rotation");

        assertEquals(List.of("task-hit", "mention"), ids(page));
        assertTrue(page.hits().get(0).score() > page.hits().get(1).score(), "scores " + page.hits());
        assertEquals(Match.Source.TASK, page.hits().get(0).matches().get(0).source());
        assertEquals(Match.Source.MESSAGE, page.hits().get(1).matches().get(0).source());
    }

    @Test
    void agentNameMatchOutranksTheSameWordInAMessage() {
        Session named = session("named", "Improve the board");
        named.addInstance(instance(0, "accessibility-reviewer"));
        save(named);
        save("mentioned", "Improve the board", "please ask the accessibility reviewer about the contrast of buttons");

        assertEquals(List.of("named", "mentioned"), ids(search("accessibility")));
    }

    @Test
    void sessionMatchingInManyPlacesAppearsOnceWithEveryMatchCounted() {
        Session busy = session("busy", "Investigate the deadlock in the worker pool",
                "the deadlock happens on shutdown", "unrelated note", "a second deadlock trace",
                "deadlock again", "fixed the deadlock");
        busy.addInstance(instance(0, "alpha"));
        save(busy);
        repo.saveInstanceOutput(ws, "busy", 0, new InstanceOutput(
                "no deadlock after the fix", null, null, null, null));
        save("quiet", "Tidy the logs", "saw a deadlock once");
        save("none", "Nothing relevant", "just chatting");

        FullTextPage page = search("deadlock");

        assertEquals(Set.of("busy", "quiet"), Set.copyOf(ids(page)));
        assertEquals(2, page.hits().size());
        assertEquals(2, page.totalSessions());
        // busy: task + 4 messages + 1 instance output; quiet: 1 message
        assertEquals(7, page.totalMatches());
    }

    @Test
    void hitsAreOrderedByScoreAndMatchesBestFirst() {
        save("a", "Cache invalidation strategy", "cache keys", "the cache is cold");
        save("b", "Unrelated task", longMessageMentioning("cache"));
        save("c", "Another task", "cache cache cache", "we should look at the cache later today maybe");

        FullTextPage page = search("cache");

        assertEquals(3, page.hits().size());
        for (int i = 1; i < page.hits().size(); i++) {
            assertTrue(page.hits().get(i - 1).score() >= page.hits().get(i).score(), "hits out of order: " + page.hits());
        }
        for (SessionHit hit : page.hits()) {
            assertFalse(hit.matches().isEmpty(), "no matches for " + hit.session().getId());
            assertEquals(hit.score(), hit.matches().get(0).score(), 1e-6, "a session's score is its best match's");
            for (int i = 1; i < hit.matches().size(); i++) {
                assertTrue(hit.matches().get(i - 1).score() >= hit.matches().get(i).score(),
                        "matches out of order: " + hit.matches());
            }
        }
    }

    @Test
    void onlySessionsMatchingEveryWordAreReturned() {
        save("all", "Implement refresh token rotation");
        save("two", "Implement refresh token storage");
        save("one", "Document key rotation");
        save("message", "Security work", "the rotation of the refresh token is done");
        save("agent-and-output", "Security work");
        Session split = session("instance", "Security work");
        split.addInstance(instance(0, "rotation-expert"));
        save(split);
        repo.saveInstanceOutput(ws, "instance", 0, new InstanceOutput(
                "refresh token handling reviewed", null, null, null, null));

        assertEquals(Set.of("all", "message", "instance"), found("refresh token rotation"),
                "all words must match, in any of the fields of one task, instance or message");
        assertEquals(Set.of("all", "two", "message", "instance"), found("refresh token"));
        assertEquals(Set.of(), found("refresh token rotation kerberos"));
    }

    @Test
    void pagesAreConsistentWithTheFullRankingWithoutDuplicatesOrGaps() {
        // seven matching sessions with different scores, two of them tied, and two that do not match
        save("s1", "Database migration plan");
        save("s2", "Work", "migration");
        save("s3", "Work", "the migration of the orders table failed halfway");
        save("s4", "Work", longMessageMentioning("migration"));
        save("s5", "Migration migration rollback");
        save("s6", "Tied", "migration of users");
        save("s7", "Tied", "migration of users");
        save("n1", "Work", "nothing here");
        save("n2", "Unrelated");

        FullTextPage all = search(FullTextQuery.matching("migration").page(0, 100));
        List<String> ranking = ids(all);
        assertEquals(7, ranking.size());
        assertEquals(7, all.totalSessions());
        assertFalse(all.hasNext());

        List<String> paged = new ArrayList<>();
        List<Boolean> hasNext = new ArrayList<>();
        for (int offset = 0; offset < 7; offset += 3) {
            FullTextPage page = search(FullTextQuery.matching("migration").page(offset, 3));
            assertEquals(offset, page.offset());
            assertEquals(3, page.limit());
            assertEquals(7, page.totalSessions(), "totalSessions on page at " + offset);
            assertEquals(all.totalMatches(), page.totalMatches(), "totalMatches on page at " + offset);
            assertTrue(page.hits().size() <= 3);
            paged.addAll(ids(page));
            hasNext.add(page.hasNext());
        }

        assertEquals(ranking, paged, "pages concatenated must give the full ranking");
        assertEquals(List.of(true, true, false), hasNext);

        FullTextPage beyond = search(FullTextQuery.matching("migration").page(10, 3));
        assertTrue(beyond.hits().isEmpty());
        assertEquals(7, beyond.totalSessions());
        assertFalse(beyond.hasNext());
    }

    @Test
    void rankingIsStableBetweenIdenticalSearches() {
        for (int i = 0; i < 6; i++) {
            save("same-" + i, "Identical task about flaky tests");
        }

        List<String> first = ids(search(FullTextQuery.matching("flaky").page(0, 100)));
        List<String> second = new ArrayList<>();
        second.addAll(ids(search(FullTextQuery.matching("flaky").page(0, 2))));
        second.addAll(ids(search(FullTextQuery.matching("flaky").page(2, 2))));
        second.addAll(ids(search(FullTextQuery.matching("flaky").page(4, 2))));

        assertEquals(6, first.size());
        assertEquals(first, second, "equal scores must be broken the same way on every page");
    }

    @Test
    void equalScoresRankByTheSessionIdAcrossSegmentsWhateverTheOrderTheyWereWritten() {
        // one commit each, written out of id order: the index holds them in several segments
        List<String> written = List.of("tie-07", "tie-02", "tie-11", "tie-00", "tie-09", "tie-04", "tie-13",
                "tie-01", "tie-12", "tie-05", "tie-10", "tie-03", "tie-08", "tie-06");
        for (String id : written) {
            save(id, "Identical task", "the ibis left its nest");
        }
        services().fullText().catchUpNow();

        List<String> paged = new ArrayList<>();
        for (int offset = 0; offset < written.size(); offset += 3) {
            paged.addAll(ids(search(FullTextQuery.matching("ibis").page(offset, 3))));
        }

        assertEquals(written.stream().sorted().toList(), paged);
        assertEquals(written.stream().sorted().limit(5).toList(),
                ids(search(FullTextQuery.matching("ibis").page(0, 5))), "the first page alone ranks alike");
    }

    @Test
    void noMatchGivesAnEmptyPageWithZeroTotals() {
        save("a", "Something", "else entirely");

        FullTextPage page = search("kerberos");

        assertTrue(page.hits().isEmpty());
        assertEquals(0, page.totalSessions());
        assertEquals(0, page.totalMatches());
        assertFalse(page.hasNext());
    }
}
