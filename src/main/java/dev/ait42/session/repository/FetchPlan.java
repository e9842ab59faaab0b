package dev.ait42.session.repository;

/**
 * How much of each session's graph a listing loads. Whatever the page size, the graph costs one
 * extra SQL statement per collection. Collections that were not loaded throw
 * {@code LazyInitializationException} when read from the returned (detached) sessions.
 */
public enum FetchPlan {
    /** The session rows and their workspace only (a board or a history list). */
    SUMMARY,
    /** Sessions with their instances. */
    INSTANCES,
    /** Sessions with their instances and chat messages. */
    FULL;

    boolean instances() {
        return this != SUMMARY;
    }

    boolean messages() {
        return this == FULL;
    }
}
