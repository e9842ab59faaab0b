package dev.ait42.session.repository;

import dev.ait42.session.model.SessionStatus;
import dev.ait42.session.model.SessionType;

import java.util.Map;

/**
 * The metrics view of a workspace, computed in SQL.
 *
 * @param byStatus               sessions per status (every status present, zero if none)
 * @param byType                 sessions per type (every type present, zero if none)
 * @param successRate            completed / (completed + failed), or null when neither occurred
 * @param averageDurationSeconds mean total duration of sessions that have one, or null
 * @param filesChanged           sum of the sessions' total files changed
 */
public record SessionStatistics(Map<SessionStatus, Long> byStatus, Map<SessionType, Long> byType,
                                long total, Double successRate, Double averageDurationSeconds,
                                long filesChanged, long linesAdded, long linesDeleted) {

    public SessionStatistics {
        byStatus = Map.copyOf(byStatus);
        byType = Map.copyOf(byType);
    }
}
