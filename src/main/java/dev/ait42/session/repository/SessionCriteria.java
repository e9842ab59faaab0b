package dev.ait42.session.repository;

import dev.ait42.session.model.Instance;
import dev.ait42.session.model.Instance_;
import dev.ait42.session.model.Session;
import dev.ait42.session.model.Session_;
import dev.ait42.session.model.Timestamps;
import dev.ait42.session.model.Workspace_;
import jakarta.persistence.criteria.AbstractQuery;
import jakarta.persistence.criteria.CriteriaBuilder;
import jakarta.persistence.criteria.Expression;
import jakarta.persistence.criteria.From;
import jakarta.persistence.criteria.Order;
import jakarta.persistence.criteria.Predicate;
import jakarta.persistence.criteria.Root;
import jakarta.persistence.criteria.Subquery;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;

/**
 * Turns a {@link SessionQuery} into Criteria predicates and orderings. Every value is a bound
 * parameter (Hibernate binds Criteria values by default); nothing the user typed reaches the SQL
 * text.
 */
final class SessionCriteria {

    private final CriteriaBuilder cb;
    private final AbstractQuery<?> query;
    /** The session a query's rows belong to: its root, or a join from its instances. */
    private final From<?, Session> session;

    SessionCriteria(CriteriaBuilder cb, AbstractQuery<?> query, From<?, Session> session) {
        this.cb = cb;
        this.query = query;
        this.session = session;
    }

    Predicate[] filters(SessionQuery q) {
        List<Predicate> where = new ArrayList<>();
        q.workspaceHash().ifPresent(hash ->
                where.add(cb.equal(session.get(Session_.workspace).get(Workspace_.hash), hash)));
        if (!q.types().isEmpty()) {
            where.add(session.get(Session_.type).in(q.types()));
        }
        if (!q.statuses().isEmpty()) {
            where.add(session.get(Session_.status).in(q.statuses()));
        }
        // Stored times have millisecond precision, and a bound is written at that precision too;
        // rounding it up (not down) keeps "from <= t < to" exact for bounds such as Instant.now().
        q.createdFrom().ifPresent(from ->
                where.add(cb.greaterThanOrEqualTo(session.get(Session_.createdAt), Timestamps.ceil(from))));
        q.createdTo().ifPresent(to -> where.add(cb.lessThan(session.get(Session_.createdAt), Timestamps.ceil(to))));
        q.updatedFrom().ifPresent(from ->
                where.add(cb.greaterThanOrEqualTo(session.get(Session_.updatedAt), Timestamps.ceil(from))));
        q.updatedTo().ifPresent(to -> where.add(cb.lessThan(session.get(Session_.updatedAt), Timestamps.ceil(to))));
        q.model().ifPresent(model -> where.add(cb.or(
                cb.equal(session.get(Session_.model), model),
                anyInstance((cb, i) -> cb.equal(i.get(Instance_.model), model)))));
        q.runtime().ifPresent(runtime -> where.add(cb.or(
                // the JSON text (a cast: jsonb on PostgreSQL), lowered as LIKE is case-sensitive there
                cb.like(cb.lower(((org.hibernate.query.criteria.JpaExpression<?>) session.get(Session_.runtimeMix))
                                .cast(String.class)),
                        LikePattern.containsJsonString(runtime), LikePattern.ESCAPE),
                // ASCII case-insensitive in both halves, like LIKE on the JSON text
                anyInstance((cb, i) -> cb.like(cb.lower(i.get(Instance_.runtime)),
                        LikePattern.equalIgnoringAsciiCase(runtime), LikePattern.ESCAPE)))));
        q.text().ifPresent(text -> {
            String pattern = LikePattern.containsIgnoringAsciiCase(text);
            where.add(cb.or(
                    cb.like(cb.lower(session.get(Session_.task)), pattern, LikePattern.ESCAPE),
                    cb.like(cb.lower(session.get(Session_.id)), pattern, LikePattern.ESCAPE),
                    anyInstance((cb, i) -> cb.like(cb.lower(i.get(Instance_.agentName)), pattern,
                            LikePattern.ESCAPE))));
        });
        return where.toArray(Predicate[]::new);
    }

    private Predicate anyInstance(BiFunction<CriteriaBuilder, Root<Instance>, Predicate> condition) {
        Subquery<Integer> sub = query.subquery(Integer.class);
        Root<Instance> instance = sub.from(Instance.class);
        sub.select(cb.literal(1)).where(
                cb.equal(instance.get(Instance_.session), session),
                condition.apply(cb, instance));
        return cb.exists(sub);
    }

    /** Sort value of a missing duration or file count: below every real (non-negative) value. */
    static final int MISSING_NUMBER = -1;

    /** The sort value; missing numbers count as {@link #MISSING_NUMBER}. */
    Expression<? extends Comparable<?>> sortValue(SessionSort sort) {
        return switch (sort) {
            case CREATED_AT -> session.get(Session_.createdAt);
            case UPDATED_AT -> session.get(Session_.updatedAt);
            case TOTAL_DURATION -> cb.coalesce(session.get(Session_.totalDuration), (long) MISSING_NUMBER);
            case TOTAL_FILES_CHANGED -> cb.coalesce(session.get(Session_.totalFilesChanged), MISSING_NUMBER);
        };
    }

    List<Order> order(SessionSort sort, SortDirection direction) {
        Expression<?> value = sortValue(sort);
        Expression<Long> pk = session.get(Session_.pk);
        return direction == SortDirection.ASC
                ? List.of(cb.asc(value), cb.asc(pk))
                : List.of(cb.desc(value), cb.desc(pk));
    }

    /** Rows strictly after the cursor in the listing's order (sort value, then row key). */
    @SuppressWarnings({"unchecked", "rawtypes"})
    Predicate after(KeysetCursor cursor) {
        Expression value = sortValue(cursor.sort());
        Comparable last = cursor.typedValue();
        Expression<Long> pk = session.get(Session_.pk);
        if (cursor.direction() == SortDirection.ASC) {
            return cb.or(cb.greaterThan(value, last),
                    cb.and(cb.equal(value, last), cb.greaterThan(pk, cursor.pk())));
        }
        return cb.or(cb.lessThan(value, last),
                cb.and(cb.equal(value, last), cb.lessThan(pk, cursor.pk())));
    }
}
