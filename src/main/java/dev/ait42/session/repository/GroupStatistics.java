package dev.ait42.session.repository;

import java.util.Comparator;

/**
 * How the instances of one runtime, model or agent fared ({@link SessionRepository#statisticsBy}).
 *
 * <p>Competitions are counted per session: a competition in which three instances of the group ran
 * is one competition entered, and one win if any of them is its winner. So {@code wins <=
 * competitions}, and {@code winRate} answers "when this group took part in a competition, how often
 * did it take it". A competition without a winner (undecided, or all failed) counts as entered and
 * not won; winners recorded on ensembles or debates are not wins.
 *
 * @param group           the runtime, model or agent name; null for instances that recorded none (or an empty one)
 * @param runs            instances of the group
 * @param competitions    competition sessions in which at least one instance of the group ran
 * @param wins            of those, the sessions whose {@code winnerId} is an instance of the group
 * @param winRate         wins / competitions, or null when the group entered no competition
 * @param completed       instances with status {@code completed}
 * @param failed          instances with status {@code failed}
 * @param other           every other status (idle, running, paused, archived: the losers of a decided competition)
 * @param finished        instances with both a start and an end time, at or after the start: those the durations cover
 * @param medianSeconds   median duration (end - start) of the finished instances, nearest rank; null if none
 * @param p90Seconds      90th percentile of the same durations, nearest rank; null if none
 * @param avgFilesChanged mean files changed over the instances that recorded it; null if none did
 * @param avgLinesAdded   mean lines added, likewise
 * @param avgLinesDeleted mean lines deleted, likewise
 */
public record GroupStatistics(String group, long runs, long competitions, long wins, Double winRate,
                              long completed, long failed, long other, long finished,
                              Double medianSeconds, Double p90Seconds,
                              Double avgFilesChanged, Double avgLinesAdded, Double avgLinesDeleted) {

    /** Most wins first, then the best win rate (none last), then by name (unknown last): a stable order. */
    public static final Comparator<GroupStatistics> WINNERS_FIRST = Comparator
            .comparingLong(GroupStatistics::wins).reversed()
            .thenComparing(GroupStatistics::winRate, Comparator.nullsLast(Comparator.reverseOrder()))
            .thenComparing(GroupStatistics::group, Comparator.nullsLast(Comparator.naturalOrder()));
}
