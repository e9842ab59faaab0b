package dev.ait42.session.legacy;

import dev.ait42.session.model.Limits;

import java.nio.file.Path;

/**
 * Something an import could not take: a broken file or an invalid session.
 *
 * @param line      1-based line in the file, or -1 if unknown
 * @param column    1-based column, in characters (as editors count them), or -1 if unknown
 * @param sessionId the session concerned, or null (the whole file, or a session without an id)
 */
public record ImportProblem(Path file, long line, long column, String sessionId, String message) {

    /** {@code file:line:column: [session id] message}, one line. */
    public String describe() {
        return file + (line > 0 ? ":" + line + ":" + column : "") + ": "
                + (sessionId == null ? "" : "session " + shortened(sessionId) + ": ") + message;
    }

    /** An id too long to import is named by its start and its length. */
    private static String shortened(String id) {
        return id.length() <= Limits.QUOTED ? id
                : id.substring(0, Limits.QUOTED) + "... (" + id.length() + " characters)";
    }
}
