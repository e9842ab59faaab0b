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
    static final String SESSION_PK = "sessionPk";
    static final String WORKSPACE = "workspace";
    static final String TYPE = "type";
    static final String STATUS = "status";
    static final String CREATED_AT = "createdAt";

    // Text fields.
    static final String TASK = "task";
    static final String AGENT_NAME = "agentName";
    static final String OUTPUT = "output";
    static final String CONTENT = "content";

    private SearchIndexes() {
    }
}
