package dev.ait42.session.search;

import dev.ait42.session.model.Session;

import java.util.List;

/**
 * A session that matched, with the passages that made it match.
 *
 * @param session loaded with the filter's fetch plan
 * @param score   its best passage's relevance; a task match outranks a passing mention
 * @param matches its best passages, best first
 */
public record SessionHit(Session session, float score, List<Match> matches) {

    public SessionHit {
        matches = List.copyOf(matches);
    }
}
