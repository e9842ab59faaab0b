package dev.ait42.session.search;

import java.util.List;

/**
 * One matching passage of a session: where it is and its highlighted snippets.
 *
 * @param source     which field matched
 * @param messageId  the message, for {@link Source#MESSAGE}; otherwise null
 * @param instanceId the instance, for {@link Source#AGENT_NAME} and {@link Source#INSTANCE_OUTPUT}; for
 *                   {@link Source#MESSAGE}, the instance the message belongs to, if it has one;
 *                   otherwise null
 * @param snippets   fragments of the text with the matching words between the query's tags
 */
public record Match(Source source, String messageId, Integer instanceId, float score, List<String> snippets) {

    public Match {
        snippets = List.copyOf(snippets);
    }

    /** The text a match was found in. */
    public enum Source {
        TASK, AGENT_NAME, INSTANCE_OUTPUT, MESSAGE
    }
}
