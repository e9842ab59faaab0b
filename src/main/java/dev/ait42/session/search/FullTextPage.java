package dev.ait42.session.search;

import java.util.List;

/**
 * One page of a full-text search: sessions ranked by relevance.
 *
 * <p>Totals are counted exactly while at most {@link FullTextQuery#exactTotalsUpTo()} documents
 * match (1,000 by default); past that, counting every match would cost more than the page
 * itself, so both totals are lower bounds and {@link #totalsExact()} is false, as with
 * Elasticsearch's {@code track_total_hits}. {@link FullTextQuery.Builder#exactTotals()} asks
 * for exact totals whatever they cost.
 *
 * @param hits          at most {@code limit} sessions, best first
 * @param totalSessions how many sessions match in all; when totals are not exact, how many are
 *                      known to match: the ranking's sessions so far, more than
 *                      {@code offset + hits.size()} whenever there is a next page
 * @param totalMatches  how many tasks, instances and messages match in all; when totals are not
 *                      exact, {@link FullTextQuery#exactTotalsUpTo()} itself: more match (the
 *                      same figure on every index of the same data, as Elasticsearch's "gte")
 * @param totalsExact   whether both totals are exact counts, not lower bounds
 */
public record FullTextPage(List<SessionHit> hits, long totalSessions, long totalMatches, boolean totalsExact,
                           int offset, int limit) {

    public FullTextPage {
        hits = List.copyOf(hits);
    }

    /** A page with exact totals. */
    public FullTextPage(List<SessionHit> hits, long totalSessions, long totalMatches, int offset, int limit) {
        this(hits, totalSessions, totalMatches, true, offset, limit);
    }

    /** Whether the ranking has sessions after this page (exact whether or not the totals are). */
    public boolean hasNext() {
        return offset + hits.size() < totalSessions;
    }
}
