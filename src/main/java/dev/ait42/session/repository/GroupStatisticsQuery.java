package dev.ait42.session.repository;

import dev.ait42.session.model.CanonicalTimeFunction;
import dev.ait42.session.model.Instance;
import dev.ait42.session.model.InstanceStatus;
import dev.ait42.session.model.Instance_;
import dev.ait42.session.model.InstanceKey_;
import dev.ait42.session.model.Session;
import dev.ait42.session.model.SessionType;
import dev.ait42.session.model.Session_;
import dev.ait42.session.model.Timestamps;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Tuple;
import jakarta.persistence.criteria.CriteriaQuery;
import jakarta.persistence.criteria.Expression;
import jakarta.persistence.criteria.Join;
import jakarta.persistence.criteria.Path;
import jakarta.persistence.criteria.Root;
import org.hibernate.query.criteria.HibernateCriteriaBuilder;
import org.hibernate.query.criteria.JpaPredicate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * {@link SessionRepository#statisticsBy} as one aggregate statement over the instances joined to
 * their session, filtered like a listing. Durations cannot be computed portably in SQL (timestamps
 * differ per database), so the statement also aggregates each group's finished instances' start and end
 * times into one string ({@code string_agg}, on SQLite and PostgreSQL alike), from which the
 * percentiles are taken here.
 */
final class GroupStatisticsQuery {

    /** Width of a timestamp's canonical text ({@code 2025-05-02T09:00:00.000Z}): a start and an end take twice that. */
    private static final int TIME = 24;

    private GroupStatisticsQuery() {
    }

    static List<GroupStatistics> run(EntityManager em, SessionQuery q, InstanceGrouping by) {
        // Hibernate's builder: JPA's has neither listagg nor aggregate FILTER clauses.
        HibernateCriteriaBuilder cb = (HibernateCriteriaBuilder) em.getCriteriaBuilder();
        CriteriaQuery<Tuple> cq = cb.createTupleQuery();
        Root<Instance> i = cq.from(Instance.class);
        Join<Instance, Session> s = i.join(Instance_.session);

        // An empty name is no name: it joins the unknown group. A literal, not a bound parameter,
        // so select and group by are the same expression (PostgreSQL insists).
        Expression<String> group = cb.nullif(groupValue(i, by), cb.literal(""));
        JpaPredicate competition = cb.equal(s.get(Session_.type), SessionType.COMPETITION);
        JpaPredicate won = cb.and(competition,
                cb.equal(s.get(Session_.winnerId), i.get(Instance_.key).get(InstanceKey_.instanceId)));
        Path<?> start = i.get(Instance_.startTime);
        Path<?> end = i.get(Instance_.endTime);
        JpaPredicate finished = cb.and(cb.isNotNull(start), cb.isNotNull(end));

        cq.multiselect(
                group,
                cb.count(i),
                cb.countDistinct(cb.<Long>selectCase().when(competition, s.get(Session_.pk))),
                cb.count(i, won),
                cb.count(i, cb.equal(i.get(Instance_.status), InstanceStatus.COMPLETED)),
                cb.count(i, cb.equal(i.get(Instance_.status), InstanceStatus.FAILED)),
                // sums and counts, divided in Java: avg() is a double on SQLite and an exact numeric
                // on PostgreSQL, whose last digits differ
                cb.sumAsLong(i.get(Instance_.filesChanged)), cb.count(i.get(Instance_.filesChanged)),
                cb.sumAsLong(i.get(Instance_.linesAdded)), cb.count(i.get(Instance_.linesAdded)),
                cb.sumAsLong(i.get(Instance_.linesDeleted)), cb.count(i.get(Instance_.linesDeleted)),
                // string_agg, standard on SQLite 3.44+ and PostgreSQL, called by name: Hibernate's
                // listagg renders MySQL's group_concat syntax on SQLite. It skips the NULLs of
                // unfinished instances.
                cb.function("string_agg", String.class, cb.<String>selectCase()
                        .when(finished, cb.concat(canonical(cb, start), canonical(cb, end)))
                        .otherwise(cb.nullLiteral(String.class)), cb.literal(",")))
                .where(new SessionCriteria(cb, cq, s).filters(q))
                .groupBy(group);

        List<GroupStatistics> groups = new ArrayList<>();
        for (Tuple row : em.createQuery(cq).getResultList()) {
            groups.add(toStatistics(row));
        }
        groups.sort(GroupStatistics.WINNERS_FIRST);
        return groups;
    }

    /** A time as its canonical text on any database (strftime of the stored milliseconds on SQLite). */
    private static Expression<String> canonical(HibernateCriteriaBuilder cb, Path<?> time) {
        return cb.function(CanonicalTimeFunction.NAME, String.class, time);
    }

    private static Expression<String> groupValue(Root<Instance> i, InstanceGrouping by) {
        return switch (by) {
            case RUNTIME -> i.get(Instance_.runtime);
            case MODEL -> i.get(Instance_.model);
            case AGENT -> i.get(Instance_.agentName);
        };
    }

    private static GroupStatistics toStatistics(Tuple row) {
        long runs = number(row.get(1));
        long competitions = number(row.get(2));
        long wins = number(row.get(3));
        long completed = number(row.get(4));
        long failed = number(row.get(5));
        long[] durations = Percentiles.sorted(durationsMillis(row.get(12, String.class)));
        return new GroupStatistics(row.get(0, String.class), runs, competitions, wins,
                competitions == 0 ? null : (double) wins / competitions,
                completed, failed, runs - completed - failed, durations.length,
                seconds(Percentiles.nearestRank(durations, 50)), seconds(Percentiles.nearestRank(durations, 90)),
                Mean.of(row.get(6), row.get(7)), Mean.of(row.get(8), row.get(9)), Mean.of(row.get(10), row.get(11)));
    }

    /**
     * The durations in a listagg of {@code start + end} pairs, comma-separated. An end before its
     * start is a clock error, not a duration: it is left out.
     */
    static long[] durationsMillis(String pairs) {
        if (pairs == null || pairs.isEmpty()) {
            return new long[0];
        }
        int count = (pairs.length() + 1) / (2 * TIME + 1);
        long[] millis = new long[count];
        int kept = 0;
        for (int at = 0; at < pairs.length(); at += 2 * TIME + 1) {
            long start = Timestamps.parse("startTime", pairs.substring(at, at + TIME)).toEpochMilli();
            long end = Timestamps.parse("endTime", pairs.substring(at + TIME, at + 2 * TIME)).toEpochMilli();
            if (end >= start) {
                millis[kept++] = end - start;
            }
        }
        return kept == count ? millis : Arrays.copyOf(millis, kept);
    }

    private static Double seconds(Long millis) {
        return millis == null ? null : millis / 1000.0;
    }

    private static long number(Object value) {
        return value == null ? 0 : ((Number) value).longValue();
    }
}
