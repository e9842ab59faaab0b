package dev.ait42.session.legacy;

import java.util.List;

/**
 * One session's JSON against its database row.
 *
 * @param differingFields for {@link State#INCONSISTENT}: the JSON paths that differ, e.g. {@code instances[1].status}
 */
public record SessionComparison(String workspaceHash, String sessionId, State state, List<String> differingFields) {

    public SessionComparison {
        differingFields = List.copyOf(differingFields);
    }

    public enum State {
        CONSISTENT, INCONSISTENT, ONLY_IN_JSON, ONLY_IN_DATABASE
    }
}
