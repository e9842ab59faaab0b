package dev.ait42.session.search;

import java.util.List;

/**
 * One page of a full-text search: sessions ranked by relevance.
 *
 * @param hits          at most {@code limit} sessions, best first
 * @param totalSessions how many sessions match in all
 * @param totalMatches  how many tasks, instances and messages match in all
 */
public record FullTextPage(List<SessionHit> hits, long totalSessions, long totalMatches, int offset, int limit) {

    public FullTextPage {
        hits = List.copyOf(hits);
    }

    public boolean hasNext() {
        return offset + hits.size() < totalSessions;
    }
}
