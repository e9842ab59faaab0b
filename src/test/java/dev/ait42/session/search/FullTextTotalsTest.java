package dev.ait42.session.search;

import dev.ait42.session.ValidationException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A page's totals: exact while few documents match, lower bounds past the query's threshold
 * (the page itself ranked alike), exact whatever they cost when asked for.
 */
class FullTextTotalsTest extends FullTextTestSupport {

    private static final int SESSIONS = 40;
    /** Each session: its task and two messages. */
    private static final int MATCHES = SESSIONS * 3;

    @BeforeEach
    void fortySessionsMatchingThreeTimesEach() {
        for (int i = 0; i < SESSIONS; i++) {
            save("s" + i, "Count the kookaburra nests, round " + i,
                    "a kookaburra laughed " + "again ".repeat(i % 7), "kookaburra number " + i, "nothing here");
        }
        save("other", "Unrelated", "a magpie");
    }

    private FullTextPage page(int offset, int limit, int exactUpTo) {
        return search(FullTextQuery.matching("kookaburra").page(offset, limit).exactTotalsUpTo(exactUpTo));
    }

    private FullTextPage exactPage(int offset, int limit) {
        return search(FullTextQuery.matching("kookaburra").page(offset, limit).exactTotals());
    }

    @Test
    void pastTheThresholdTotalsAreLowerBoundsAndThePageIsTheSame() {
        FullTextPage bounded = page(0, 3, 5);
        FullTextPage exact = exactPage(0, 3);

        assertFalse(bounded.totalsExact());
        assertEquals(5, bounded.totalMatches(), "the threshold itself, whatever Lucene counted past it");
        assertTrue(bounded.totalSessions() > 3 && bounded.totalSessions() <= SESSIONS, "sessions " + bounded.totalSessions());
        assertTrue(bounded.hasNext());
        assertEquals(ids(exact), ids(bounded));
        assertEquals(exact.hits().stream().map(SessionHit::score).toList(),
                bounded.hits().stream().map(SessionHit::score).toList());
        assertEquals(exact.hits().stream().map(SessionHit::matches).toList(),
                bounded.hits().stream().map(SessionHit::matches).toList(), "the same snippets");
    }

    @Test
    void exactTotalsCountEveryMatch() {
        FullTextPage exact = exactPage(0, 3);

        assertTrue(exact.totalsExact());
        assertEquals(SESSIONS, exact.totalSessions());
        assertEquals(MATCHES, exact.totalMatches());
    }

    @Test
    void underTheThresholdTotalsAreExactThoughThePageReadsFewOfTheMatches() {
        FullTextPage page = search(FullTextQuery.matching("kookaburra").page(0, 2));

        assertEquals(FullTextQuery.DEFAULT_EXACT_TOTALS_UP_TO, FullTextQuery.matching("x").build().exactTotalsUpTo());
        assertTrue(page.totalsExact());
        assertEquals(SESSIONS, page.totalSessions());
        assertEquals(MATCHES, page.totalMatches());
    }

    @Test
    void theLastPageHasNoNextWhenTotalsAreLowerBounds() {
        FullTextPage last = page(SESSIONS - 2, 5, 5);

        assertEquals(2, last.hits().size());
        assertFalse(last.hasNext());
        assertEquals(ids(exactPage(SESSIONS - 2, 5)), ids(last));
        assertTrue(last.totalSessions() <= SESSIONS);
    }

    @Test
    void aRankingThatReadEveryMatchGivesExactTotalsPastTheThreshold() {
        FullTextPage everything = page(0, FullTextQuery.MAX_LIMIT, 5);

        assertEquals(SESSIONS, everything.hits().size());
        assertTrue(everything.totalsExact());
        assertEquals(SESSIONS, everything.totalSessions());
        assertEquals(MATCHES, everything.totalMatches());
    }

    @Test
    void everyPageOfBoundedTotalsTogetherIsTheExactRanking() {
        List<String> all = ids(exactPage(0, SESSIONS));
        List<String> paged = new java.util.ArrayList<>();
        int offset = 0;
        FullTextPage page;
        do {
            page = page(offset, 7, 5);
            paged.addAll(ids(page));
            offset += page.hits().size();
        } while (page.hasNext());
        assertEquals(all, paged);
    }

    @Test
    void aThresholdBelowOneIsRefused() {
        ValidationException e = assertThrows(ValidationException.class,
                () -> FullTextQuery.matching("kookaburra").exactTotalsUpTo(0).build());
        assertTrue(e.getMessage().contains("exactTotalsUpTo"), e.getMessage());
    }
}
