package dev.ait42.session.legacy;

/** Told how far an import has come; called on the importing thread. */
@FunctionalInterface
public interface ImportProgress {

    ImportProgress NONE = (bytesRead, bytesTotal, sessions) -> { };

    /**
     * @param bytesRead  bytes of the session files read so far
     * @param bytesTotal bytes of all session files
     * @param sessions   sessions processed so far
     */
    void progress(long bytesRead, long bytesTotal, long sessions);

    /**
     * Called after each commit of a (non dry-run) import.
     *
     * @param sessions sessions created or updated and committed so far; they stay if the import is
     *                 interrupted, and importing again continues after them
     */
    default void committed(long sessions) {
    }
}
