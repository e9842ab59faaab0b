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
}
