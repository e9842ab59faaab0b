package dev.ait42.session.model;

/**
 * The longest value each kind of field may hold when it is written through the repository, in
 * characters as Java counts them ({@link String#length()}: UTF-16 code units, so an emoji counts
 * two). The repository refuses a longer value with a {@code ValidationException} naming the field
 * and the limit, before anything is written.
 *
 * <p>Why bounds at all: a message id becomes part of a search document's id, a Lucene term, and
 * Lucene refuses terms over 32,766 UTF-8 bytes; the database would have stored the row already.
 * {@link #ID} characters take at most 600 UTF-8 bytes, far below that. The other bounds keep
 * names and paths at sizes a screen, a file system and a log line can show.
 *
 * <p>The legacy import applies only {@link #IMPORTED_ID}: files written by older versions import as
 * they are, except a session whose id or a message id the search index could not hold.
 */
public final class Limits {

    /** Session ids and chat message ids. */
    public static final int ID = 200;

    /**
     * The longest session or message id the legacy import takes: older files may hold ids longer
     * than {@link #ID}, but an id is part of a search document's key, which must fit Lucene's term
     * limit of 32,766 UTF-8 bytes (8,000 characters take at most 24,000).
     */
    public static final int IMPORTED_ID = 8_000;

    /**
     * Names and keys: agent name, branch, tmux session id, runtime, runtime label, model names
     * (session and instance), and each entry of a session's runtime mix.
     */
    public static final int NAME = 200;

    /** File system paths: a workspace's path and an instance's worktree path. */
    public static final int PATH = 4096;

    /**
     * Free text: the task, an instance's captured output, a message's content, and the extra
     * fields of a session, instance or message as JSON. Generous (16 Mi characters, up to 48 MB
     * of UTF-8): a terminal capture of several megabytes is normal.
     */
    public static final int TEXT = 16 * 1024 * 1024;

    /** Entries of a session's runtime mix. */
    public static final int RUNTIME_MIX_ENTRIES = 100;

    /** Characters of a value an error message quotes: a longer one is cut, with its length said. */
    public static final int QUOTED = 100;

    private Limits() {
    }

    /** {@code value} as an error message quotes it: at most {@link #QUOTED} characters of it, then its length. */
    public static String quoted(String value) {
        return value == null || value.length() <= QUOTED ? "'" + value + "'"
                : "'" + value.substring(0, QUOTED) + "...' (" + value.length() + " characters)";
    }
}
