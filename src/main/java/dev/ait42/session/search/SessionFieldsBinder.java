package dev.ait42.session.search;

import dev.ait42.session.model.ChatMessage;
import dev.ait42.session.model.Instance;
import dev.ait42.session.model.Session;
import org.hibernate.search.engine.backend.document.DocumentElement;
import org.hibernate.search.engine.backend.document.IndexFieldReference;
import org.hibernate.search.engine.backend.document.model.dsl.IndexSchemaElement;
import org.hibernate.search.engine.backend.types.Aggregable;
import org.hibernate.search.engine.backend.types.Projectable;
import org.hibernate.search.engine.backend.types.Sortable;
import org.hibernate.search.mapper.pojo.bridge.TypeBridge;
import org.hibernate.search.mapper.pojo.bridge.binding.TypeBindingContext;
import org.hibernate.search.mapper.pojo.bridge.mapping.programmatic.TypeBinder;
import org.hibernate.search.mapper.pojo.bridge.runtime.TypeBridgeWriteContext;

import java.time.Instant;
import java.util.List;
import java.util.function.Function;

/**
 * Puts the owning session's key and filter values (workspace, type, status, creation time) into
 * every document, with the same field names and types in the three indexes, so one query over
 * tasks, outputs and messages filters them alike. When a filter value of a session changes, the
 * database records the whole session as index work (see {@link IndexWork#GRAPH}): the parts'
 * documents declare no dependency on the session, so writing a session's document never rewrites
 * its history. The update time is not copied: it changes on every write.
 */
public abstract class SessionFieldsBinder implements TypeBinder {

    private final String pathToSession;
    private final Function<Object, Session> session;

    SessionFieldsBinder(String pathToSession, Function<Object, Session> session) {
        this.pathToSession = pathToSession;
        this.session = session;
    }

    /** For the session document itself. */
    public static final class OfSession extends SessionFieldsBinder {
        public OfSession() {
            super("", Session.class::cast);
        }
    }

    /** For instance and message documents, which read the values through their session. */
    public static final class OfPart extends SessionFieldsBinder {
        public OfPart() {
            super("session.", part -> part instanceof Instance instance
                    ? instance.getSession() : ((ChatMessage) part).getSession());
        }
    }

    @Override
    public void bind(TypeBindingContext context) {
        if (pathToSession.isEmpty()) {
            for (String property : List.of("pk", "workspaceHash", "id", "type", "status", "createdAt")) {
                context.dependencies().use(property);
            }
        } else {
            context.dependencies().useRootOnly(); // the recorded index work reindexes the parts
        }
        IndexSchemaElement schema = context.indexSchemaElement();
        IndexFieldReference<Long> pk = schema.field(SearchIndexes.SESSION_PK, f -> f.asLong()
                .projectable(Projectable.YES).aggregable(Aggregable.YES).sortable(Sortable.YES)).toReference();
        IndexFieldReference<String> workspace = schema.field(SearchIndexes.WORKSPACE, f -> f.asString()).toReference();
        IndexFieldReference<String> type = schema.field(SearchIndexes.TYPE, f -> f.asString()).toReference();
        IndexFieldReference<String> status = schema.field(SearchIndexes.STATUS, f -> f.asString()).toReference();
        IndexFieldReference<Instant> createdAt = schema.field(SearchIndexes.CREATED_AT, f -> f.asInstant())
                .toReference();
        IndexFieldReference<String> tieBreak = schema.field(SearchIndexes.TIE_BREAK, f -> f.asString()
                .sortable(Sortable.YES)).toReference();
        context.bridge(new Bridge(session, pk, workspace, type, status, createdAt, tieBreak));
    }

    private record Bridge(Function<Object, Session> session, IndexFieldReference<Long> pk,
                          IndexFieldReference<String> workspace, IndexFieldReference<String> type,
                          IndexFieldReference<String> status, IndexFieldReference<Instant> createdAt,
                          IndexFieldReference<String> tieBreak)
            implements TypeBridge<Object> {

        @Override
        public void write(DocumentElement target, Object bridgedElement, TypeBridgeWriteContext context) {
            Session s = session.apply(bridgedElement);
            target.addValue(pk, s.getPk());
            target.addValue(workspace, s.getWorkspaceHash());
            target.addValue(type, s.getType().wire());
            target.addValue(status, s.getStatus().wire());
            target.addValue(createdAt, s.getCreatedAt());
            target.addValue(tieBreak, s.getWorkspaceHash() + "/" + s.getId() + "/" + part(bridgedElement));
        }

        /** Keys only: they never change, so the field needs no reindexing of its own. */
        private static String part(Object element) {
            if (element instanceof Instance instance) {
                return String.format(java.util.Locale.ROOT, "1/%010d", instance.getInstanceId());
            }
            return element instanceof ChatMessage message ? "2/" + message.getId() : "0";
        }
    }
}
