package dev.ait42.session.search;

import java.util.List;

/** Names of the three Lucene indexes and of the fields every document carries. */
public final class SearchIndexes {

    /** One document per session: its task. */
    public static final String SESSIONS = "sessions";
    /** One document per instance: agent name and captured output. */
    public static final String INSTANCES = "instances";
    /** One document per chat message: its content. */
    public static final String MESSAGES = "messages";

    public static final List<String> ALL = List.of(SESSIONS, INSTANCES, MESSAGES);

    // Filter fields, identical in the three indexes (see SessionFieldsBinder).
    public static final String SESSION_PK = "sessionPk";
    public static final String WORKSPACE = "workspace";
    public static final String TYPE = "type";
    public static final String STATUS = "status";
    public static final String CREATED_AT = "createdAt";
    /**
     * Sort key of a document among equal scores, the same on every database and whatever order
     * documents were indexed in: {@code <workspace>/<session id>/<part>} (part {@code 0} the task,
     * {@code 1/<instance number>}, {@code 2/<message id>}).
     */
    public static final String TIE_BREAK = "tieBreak";

    // Text fields.
    public static final String TASK = "task";
    public static final String AGENT_NAME = "agentName";
    public static final String OUTPUT = "output";
    public static final String CONTENT = "content";

    private SearchIndexes() {
    }
}
