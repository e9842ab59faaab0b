package dev.ait42.session.search;

import dev.ait42.session.model.ChatMessage;
import dev.ait42.session.model.Instance;
import dev.ait42.session.model.Session;
import org.hibernate.search.mapper.pojo.work.SearchIndexingPlanFilterContext;

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

    /** The indexed entity classes of the library. */
    public static final List<Class<?>> TYPES = List.of(Session.class, Instance.class, ChatMessage.class);

    /**
     * The persistence unit's filter: changes to the library's entities never reach the index
     * from the writing transaction, only through the recorded index work ({@link IndexCatchUp}).
     * An application's own entities in the same unit are indexed as it configured them.
     */
    static void excludeLibraryTypes(SearchIndexingPlanFilterContext filter) {
        TYPES.forEach(filter::exclude);
    }

    /** The filter of the search sessions that apply index work. */
    static void includeLibraryTypes(SearchIndexingPlanFilterContext filter) {
        TYPES.forEach(filter::include);
    }

    private SearchIndexes() {
    }
}
