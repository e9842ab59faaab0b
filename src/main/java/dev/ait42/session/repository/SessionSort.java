package dev.ait42.session.repository;

/**
 * What a listing is ordered by. Sessions with equal sort values are ordered by their row key in
 * the same direction, so pages never overlap or skip. Missing durations and file counts sort as
 * lower than any value.
 */
public enum SessionSort {
    CREATED_AT, UPDATED_AT, TOTAL_DURATION, TOTAL_FILES_CHANGED
}
