package dev.ait42.session.repository;

import dev.ait42.session.ValidationException;

import java.util.Locale;

/**
 * What a string may hold to be stored exactly: at most its kind's length ({@link
 * dev.ait42.session.model.Limits}), no unpaired surrogate (it is not Unicode text: encoded to
 * UTF-8, sqlite-jdbc writes {@code ?} in its place, and PostgreSQL has no way to store it), no NUL
 * (PostgreSQL refuses it in text), and, in one-line values (ids, names, paths), no control
 * character at all.
 */
final class StringRules {

    private StringRules() {
    }

    /** An id, name or path: one line of text. Null passes (required fields are checked apart). */
    static void oneLine(String field, String value, int limit) {
        check(field, value, limit, true);
    }

    /** Free text: line breaks, tabs and terminal escapes are fine. Null passes. */
    static void text(String field, String value, int limit) {
        check(field, value, limit, false);
    }

    private static void check(String field, String value, int limit, boolean oneLine) {
        if (value == null) {
            return;
        }
        if (value.length() > limit) {
            throw new ValidationException(field, "is " + value.length() + " characters long; the limit is " + limit);
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                i++; // a pair: one supplementary character
            } else if (Character.isSurrogate(c)) {
                throw new ValidationException(field, "holds an unpaired surrogate " + codePoint(c) + " at index " + i
                        + ", which is not Unicode text and cannot be stored exactly");
            } else if (c == 0) {
                throw new ValidationException(field, "holds a NUL character (U+0000) at index " + i);
            } else if (oneLine && Character.isISOControl(c)) {
                throw new ValidationException(field, "holds the control character " + codePoint(c) + " at index " + i
                        + "; ids, names and paths are one line of printable text");
            }
        }
    }

    private static String codePoint(char c) {
        return String.format(Locale.ROOT, "U+%04X", (int) c);
    }
}
