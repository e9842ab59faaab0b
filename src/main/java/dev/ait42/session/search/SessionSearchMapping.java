package dev.ait42.session.search;

import dev.ait42.session.model.ChatMessage;
import dev.ait42.session.model.Instance;
import dev.ait42.session.model.Session;
import org.hibernate.search.engine.backend.types.Highlightable;
import org.hibernate.search.engine.backend.types.Projectable;
import org.hibernate.search.mapper.orm.mapping.HibernateOrmMappingConfigurationContext;
import org.hibernate.search.mapper.orm.mapping.HibernateOrmSearchMappingConfigurer;
import org.hibernate.search.mapper.pojo.mapping.definition.programmatic.ProgrammaticMappingConfigurationContext;
import org.hibernate.search.mapper.pojo.mapping.definition.programmatic.TypeMappingStep;

/**
 * How the entities are indexed: one index per entity type, the session's filter fields on every
 * document ({@link SessionFieldsBinder}), and the texts analysed by {@link TextAnalysis#TEXT},
 * stored for snippets. Declared here rather than by annotations on the entities, so that the
 * model knows nothing of the search index. Named by the persistence unit's setting
 * {@code hibernate.search.mapping.configurer} (see {@code SessionMapping.searchProperties}).
 */
public final class SessionSearchMapping implements HibernateOrmSearchMappingConfigurer {

    @Override
    public void configure(HibernateOrmMappingConfigurationContext context) {
        ProgrammaticMappingConfigurationContext mapping = context.programmaticMapping();

        TypeMappingStep session = mapping.type(Session.class);
        session.indexed().index(SearchIndexes.SESSIONS);
        session.binder(new SessionFieldsBinder.OfSession());
        text(session, "task");

        TypeMappingStep instance = mapping.type(Instance.class);
        instance.indexed().index(SearchIndexes.INSTANCES);
        instance.binder(new SessionFieldsBinder.OfPart());
        instance.property("key").documentId().identifierBridge(new SessionPartIds.InstanceKeyBridge());
        text(instance, "agentName");
        text(instance, "output");

        TypeMappingStep message = mapping.type(ChatMessage.class);
        message.indexed().index(SearchIndexes.MESSAGES);
        message.binder(new SessionFieldsBinder.OfPart());
        message.property("key").documentId().identifierBridge(new SessionPartIds.MessageKeyBridge());
        text(message, "content");
    }

    private static void text(TypeMappingStep type, String property) {
        type.property(property).fullTextField()
                .analyzer(TextAnalysis.TEXT)
                .projectable(Projectable.YES)
                .highlightable(java.util.List.of(Highlightable.UNIFIED));
    }
}
