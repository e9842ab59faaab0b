package dev.ait42.session.search;

import dev.ait42.session.model.ChatMessage;
import dev.ait42.session.model.Instance;
import dev.ait42.session.model.Session;
import dev.ait42.session.model.WireValue;
import dev.ait42.session.repository.PaddedParameters;
import dev.ait42.session.repository.SessionLookup;
import dev.ait42.session.repository.SessionQuery;
import jakarta.persistence.EntityManager;
import org.apache.lucene.search.SortField;
import org.hibernate.search.backend.lucene.LuceneExtension;
import org.hibernate.search.engine.backend.common.DocumentReference;
import org.hibernate.search.engine.search.aggregation.AggregationKey;
import org.hibernate.search.engine.search.common.BooleanOperator;
import org.hibernate.search.engine.search.predicate.SearchPredicate;
import org.hibernate.search.engine.search.query.SearchResult;
import org.hibernate.search.mapper.orm.Search;
import org.hibernate.search.mapper.orm.scope.SearchScope;
import org.hibernate.search.mapper.orm.session.SearchSession;
import org.hibernate.search.util.common.data.Range;
import org.hibernate.search.util.common.data.RangeBoundInclusion;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Runs one {@link FullTextQuery}: the index holds one document per task, instance and message;
 * their hits are grouped into sessions, ranked by each session's best hit.
 *
 * <ol>
 *   <li>Rank: hit keys and scores only, read in score order until the page's sessions are known;
 *       the totals are counted exactly up to the query's threshold (see {@link FullTextPage}).</li>
 *   <li>Snippets: the query again, restricted to the page's sessions, with highlighting.</li>
 *   <li>Load the page's sessions from the database with the filter's fetch plan.</li>
 * </ol>
 */
final class FullTextQueryRunner {

    /** Hits read per round while ranking sessions: the first round, and the most per round. */
    private static final int MIN_RANK_BATCH = 60;
    private static final int MAX_RANK_BATCH = 2000;

    // Boosts: a task names what a run was about; outputs and messages mention things in passing.
    private static final float TASK_BOOST = 4f;
    private static final float AGENT_NAME_BOOST = 2f;

    private final EntityManager em;
    private final FullTextQuery query;
    private final SearchSession search;
    private final SearchScope<Object> scope;
    private final SnippetHighlighter highlighter;

    FullTextQueryRunner(EntityManager em, FullTextQuery query, SearchTargets targets) {
        this.em = em;
        this.query = query;
        this.search = Search.session(em);
        this.scope = targets.scope();
        this.highlighter = new SnippetHighlighter(query.text(), query.preTag(), query.postTag());
        this.scoreScale = targets.scoreScale();
    }

    private final float scoreScale;

    private float score(Object projected) {
        return (Float) projected * scoreScale;
    }

    FullTextPage run() {
        Optional<List<Long>> databaseKeys = databaseFilterKeys(query.filter());
        if (databaseKeys.isPresent() && databaseKeys.get().isEmpty()) {
            return new FullTextPage(List.of(), 0, 0, query.offset(), query.limit());
        }
        SearchPredicate where = predicate(databaseKeys.orElse(null));
        Ranking ranking = rank(where);
        List<Long> pageKeys = ranking.page(query.offset(), query.limit());
        if (pageKeys.isEmpty()) {
            return new FullTextPage(List.of(), ranking.totalSessions, ranking.totalMatches, ranking.exact,
                    query.offset(), query.limit());
        }
        Map<Long, List<Match>> matches = snippets(where, pageKeys);
        List<SessionHit> hits = new ArrayList<>();
        for (Session session : SessionLookup.byKeys(em, pageKeys, query.filter().fetch())) {
            hits.add(new SessionHit(session, ranking.scores.get(session.getPk()),
                    matches.getOrDefault(session.getPk(), List.of())));
        }
        return new FullTextPage(hits, ranking.totalSessions, ranking.totalMatches, ranking.exact, query.offset(),
                query.limit());
    }

    /**
     * Filters the index does not hold (update range, model, runtime, listing text) are answered by
     * the database as a set of session keys; empty when the filter has none of them.
     */
    private Optional<List<Long>> databaseFilterKeys(SessionQuery filter) {
        boolean needsDatabase = filter.updatedFrom().isPresent() || filter.updatedTo().isPresent()
                || filter.model().isPresent() || filter.runtime().isPresent() || filter.text().isPresent();
        return needsDatabase ? Optional.of(SessionLookup.keysMatching(em, filter)) : Optional.empty();
    }

    private SearchPredicate predicate(List<Long> databaseKeys) {
        SessionQuery filter = query.filter();
        return scope.predicate().bool(b -> {
            b.must(f -> f.simpleQueryString()
                    .field(SearchIndexes.TASK).boost(TASK_BOOST)
                    .field(SearchIndexes.AGENT_NAME).boost(AGENT_NAME_BOOST)
                    .field(SearchIndexes.OUTPUT)
                    .field(SearchIndexes.CONTENT)
                    .matching(wellFormed(query.text()))
                    .analyzer(TextAnalysis.QUERY) // stems for words; prefixes meet the words as written
                    .defaultOperator(BooleanOperator.AND));
            filter.workspaceHash().ifPresent(ws -> b.filter(f -> f.match().field(SearchIndexes.WORKSPACE).matching(ws)));
            if (!filter.types().isEmpty()) {
                b.filter(f -> f.terms().field(SearchIndexes.TYPE).matchingAny(wire(filter.types())));
            }
            if (!filter.statuses().isEmpty()) {
                b.filter(f -> f.terms().field(SearchIndexes.STATUS).matchingAny(wire(filter.statuses())));
            }
            if (filter.createdFrom().isPresent() || filter.createdTo().isPresent()) {
                Range<Instant> created = Range.between(filter.createdFrom().orElse(null), RangeBoundInclusion.INCLUDED,
                        filter.createdTo().orElse(null), RangeBoundInclusion.EXCLUDED);
                b.filter(f -> f.range().field(SearchIndexes.CREATED_AT).within(created));
            }
            if (databaseKeys != null) {
                b.filter(f -> f.terms().field(SearchIndexes.SESSION_PK).matchingAny(databaseKeys));
            }
        }).toPredicate();
    }

    /**
     * The query text with any unpaired surrogate replaced by U+FFFD, as Lucene turns it into bytes
     * anyway; OpenSearch's client cannot encode one into the request at all. Stored texts never
     * hold one (the repository refuses them), so nothing that could match is lost.
     */
    static String wellFormed(String text) {
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean paired = Character.isHighSurrogate(c) && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1));
            if (paired) {
                if (out != null) {
                    out.append(c).append(text.charAt(i + 1));
                }
                i++;
            } else if (Character.isSurrogate(c)) {
                if (out == null) {
                    out = new StringBuilder(text.length()).append(text, 0, i);
                }
                out.append('\uFFFD');
            } else if (out != null) {
                out.append(c);
            }
        }
        return out == null ? text : out.toString();
    }

    private static List<String> wire(Collection<? extends WireValue> values) {
        return values.stream().map(WireValue::wire).collect(Collectors.toList());
    }

    /**
     * Sessions in order of their best hit, and the totals. Lucene counts the matches exactly only
     * up to the query's threshold and may skip the rest of the non-competitive ones (the page is
     * then ranked alike, the totals are lower bounds); the sessions are counted only when the
     * matches are few, where it costs little, and one session past the page is looked for, so
     * that {@link FullTextPage#hasNext()} holds either way.
     */
    private Ranking rank(SearchPredicate where) {
        Ranking ranking = new Ranking();
        int wanted = query.offset() + query.limit() + 1;
        int read = 0;
        // Most sessions have a few hits each: start with a few hits per wanted session.
        int batch = Math.max(MIN_RANK_BATCH, wanted * 3);
        while (ranking.scores.size() < wanted) {
            var request = search.search(scope)
                    // Document references come from doc values; a stored-field projection costs more.
                    .select(f -> f.composite().from(f.documentReference(), f.score()).asList())
                    .where(where)
                    .sort(FullTextQueryRunner::byScoreThenKey)
                    .totalHitCountThreshold(query.exactTotalsUpTo());
            SearchResult<List<?>> result;
            if (read == 0 && exactAnyway()) {
                result = request.aggregation(SESSIONS, FullTextQueryRunner::distinctSessions).fetch(read, batch);
                ranking.totalSessions = result.aggregation(SESSIONS);
            } else {
                result = request.fetch(read, batch);
            }
            if (read == 0) {
                ranking.exact = result.total().isHitCountExact();
                // Past the threshold Lucene's own lower bound depends on how the index is split
                // into segments: the threshold itself is the bound, the same on every index (as
                // Elasticsearch reports a "gte" total).
                ranking.totalMatches = ranking.exact ? result.total().hitCount() : query.exactTotalsUpTo();
            }
            for (List<?> hit : result.hits()) {
                ranking.scores.putIfAbsent(SessionPartIds.sessionPk((DocumentReference) hit.get(0)), score(hit.get(1)));
            }
            read += result.hits().size();
            if (result.hits().size() < batch || ranking.exact && read >= ranking.totalMatches) {
                ranking.allRead = true;
                if (!ranking.exact) { // every match read after all: their number is known
                    ranking.exact = true;
                    ranking.totalMatches = read;
                }
                break;
            }
            batch = Math.min(batch * 2, MAX_RANK_BATCH);
        }
        if (exactAnyway()) {
            return ranking;
        }
        // Every match read, or past the threshold: the sessions ranked are the count (or its bound).
        ranking.totalSessions = ranking.exact && !ranking.allRead
                // At most the threshold's documents match: counting their sessions is cheap.
                ? search.search(scope).where(where)
                        .aggregation(SESSIONS, FullTextQueryRunner::distinctSessions).fetch(0).aggregation(SESSIONS)
                : ranking.scores.size();
        return ranking;
    }

    private static final AggregationKey<Long> SESSIONS = AggregationKey.of("sessions");

    private static org.hibernate.search.engine.search.aggregation.dsl.AggregationFinalStep<Long> distinctSessions(
            org.hibernate.search.engine.search.aggregation.dsl.SearchAggregationFactory f) {
        return f.count().field(SearchIndexes.SESSION_PK).distinct();
    }

    /** Exact totals asked for whatever they cost: counted in the first statement, as they always were. */
    private boolean exactAnyway() {
        return query.exactTotalsUpTo() == Integer.MAX_VALUE;
    }

    /**
     * Best score first; equal scores in the order of {@link SearchIndexes#TIE_BREAK}, not in the
     * order the documents happened to be indexed, so the same data ranks the same on every
     * database and after every rebuild. On Lucene the tie-break's own comparator compares the
     * field's ordinals, reading its text only when it must ({@link TieBreakComparatorSource}).
     */
    private static org.hibernate.search.engine.search.sort.dsl.SortFinalStep byScoreThenKey(
            org.hibernate.search.engine.search.sort.dsl.SearchSortFactory f) {
        return f.score().then().extension()
                .ifSupported(LuceneExtension.get(), lucene -> lucene.fromLuceneSortField(TIE_BREAK_ORDER))
                .orElse(other -> other.field(SearchIndexes.TIE_BREAK));
    }

    private static final SortField TIE_BREAK_ORDER = new SortField(SearchIndexes.TIE_BREAK, new TieBreakComparatorSource());

    private static final class Ranking {
        final LinkedHashMap<Long, Float> scores = new LinkedHashMap<>();
        long totalMatches;
        long totalSessions;
        /** Whether totalMatches is an exact count. */
        boolean exact;
        /** Whether every matching document was read. */
        boolean allRead;

        List<Long> page(int offset, int limit) {
            return scores.keySet().stream().skip(offset).limit(limit).collect(Collectors.toList());
        }
    }

    /**
     * The best passages of each page session, highlighted. One query reads as many hits as the
     * page can show; a session crowded out by another's many hits gets a query of its own.
     */
    private Map<Long, List<Match>> snippets(SearchPredicate where, List<Long> pageKeys) {
        Map<Long, List<Match>> bySession = new LinkedHashMap<>();
        int perSession = query.snippetsPerSession();
        collectSnippets(where, pageKeys, pageKeys.size() * perSession, bySession);
        for (Long key : pageKeys) {
            if (bySession.getOrDefault(key, List.of()).isEmpty()) {
                collectSnippets(where, List.of(key), perSession, bySession);
            }
        }
        return withMessageInstances(bySession);
    }

    /**
     * Message matches with the instance their message belongs to: the index does not hold it, so
     * one statement reads it for the page's matching messages.
     */
    private Map<Long, List<Match>> withMessageInstances(Map<Long, List<Match>> bySession) {
        List<Long> sessions = new ArrayList<>();
        List<String> messages = new ArrayList<>();
        bySession.forEach((pk, matches) -> matches.stream().filter(m -> m.source() == Match.Source.MESSAGE)
                .forEach(m -> {
                    sessions.add(pk);
                    messages.add(m.messageId());
                }));
        if (messages.isEmpty()) {
            return bySession;
        }
        Map<String, Integer> instances = new HashMap<>();
        var select = em.createQuery(MESSAGE_INSTANCES.statement(messages.size()), Object[].class);
        PaddedParameters.bind(select, "s", sessions);
        PaddedParameters.bind(select, "m", messages);
        for (Object[] row : select.getResultList()) {
            instances.put(row[0] + "/" + row[1], (Integer) row[2]);
        }
        Map<Long, List<Match>> result = new LinkedHashMap<>();
        bySession.forEach((pk, matches) -> result.put(pk, matches.stream()
                .map(m -> m.source() != Match.Source.MESSAGE ? m : new Match(m.source(), m.messageId(),
                        instances.get(pk + "/" + m.messageId()), m.score(), m.snippets()))
                .toList()));
        return result;
    }

    /**
     * The statement reading messages' instances by their keys: pairs of keys, not every page
     * session against every message id, are what the database looks up.
     */
    private static final PaddedParameters MESSAGE_INSTANCES = new PaddedParameters(keys ->
            "select m.key.sessionPk, m.key.messageId, m.instanceId from " + ChatMessage.ENTITY_NAME + " m"
                    + " where (m.key.sessionPk, m.key.messageId) in (" + PaddedParameters.pairs("s", "m", keys) + ")"
                    + " and m.instanceId is not null");

    private void collectSnippets(SearchPredicate where, List<Long> keys, int hitsToRead,
                                 Map<Long, List<Match>> bySession) {
        List<List<?>> hits = search.search(scope)
                .select(f -> f.composite().from(
                        f.documentReference(),
                        f.score(),
                        f.field(SearchIndexes.TASK, String.class),
                        f.field(SearchIndexes.AGENT_NAME, String.class),
                        f.field(SearchIndexes.OUTPUT, String.class),
                        f.field(SearchIndexes.CONTENT, String.class)).asList())
                .where(f -> f.bool().must(where).filter(f.terms().field(SearchIndexes.SESSION_PK).matchingAny(keys)))
                .sort(FullTextQueryRunner::byScoreThenKey)
                .fetchHits(hitsToRead);
        for (List<?> hit : hits) {
            // Document ids, not entity ids: the three types' id projections cannot be mixed.
            DocumentReference document = (DocumentReference) hit.get(0);
            List<Match> matches = bySession.computeIfAbsent(SessionPartIds.sessionPk(document), k -> new ArrayList<>());
            if (matches.size() >= query.snippetsPerSession()) {
                continue;
            }
            float score = score(hit.get(1));
            switch (document.typeName()) {
                case ChatMessage.ENTITY_NAME -> add(matches, Match.Source.MESSAGE,
                        SessionPartIds.messageId(document.id()), null, score, (String) hit.get(5), true);
                case Instance.ENTITY_NAME -> {
                    int instanceId = SessionPartIds.instanceId(document.id());
                    boolean named = add(matches, Match.Source.AGENT_NAME, null, instanceId, score,
                            (String) hit.get(3), false);
                    add(matches, Match.Source.INSTANCE_OUTPUT, null, instanceId, score, (String) hit.get(4), !named);
                }
                default -> add(matches, Match.Source.TASK, null, null, score, (String) hit.get(2), true);
            }
        }
    }

    /**
     * Adds the match if the query's words are in {@code text}; with {@code always}, also when the
     * highlighter cannot place them (a prefix or a phrase split across fields), showing the start.
     *
     * @return whether a match was added
     */
    private boolean add(List<Match> matches, Match.Source source, String messageId, Integer instanceId,
                        float score, String text, boolean always) {
        if (matches.size() >= query.snippetsPerSession()) {
            return false;
        }
        List<String> snippets = highlighter.snippets(text);
        if (snippets.isEmpty() && always && text != null && !text.isBlank()) {
            snippets = List.of(Snippets.around(text.strip(), query.preTag(), SnippetHighlighter.SNIPPET_CHARS));
        }
        if (snippets.isEmpty()) {
            return false;
        }
        matches.add(new Match(source, messageId, instanceId, score, snippets));
        return true;
    }
}
