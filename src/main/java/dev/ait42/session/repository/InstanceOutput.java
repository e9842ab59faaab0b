package dev.ait42.session.repository;

import java.time.Instant;

/**
 * What an instance left when it finished: its captured output and its change counts.
 * Null fields are stored as null (unknown).
 */
public record InstanceOutput(String output, Instant endTime, Integer filesChanged, Integer linesAdded,
                             Integer linesDeleted) {
}
