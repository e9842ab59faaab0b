package dev.ait42.session.repository;

/** A user's text as a bound LIKE pattern: wildcards in the text match themselves. */
final class LikePattern {

    static final char ESCAPE = '\\';

    private LikePattern() {
    }

    /**
     * {@code %text%} lowercased the way SQLite's {@code lower()} does (ASCII letters only), to
     * compare with {@code lower(column)}.
     */
    static String containsIgnoringAsciiCase(String text) {
        return "%" + escape(text, true) + "%";
    }

    /** The whole text (no wildcards), lowercased as SQLite's {@code lower()} does. */
    static String equalIgnoringAsciiCase(String text) {
        return escape(text, true);
    }

    /** {@code %"value"%}: the value as one element of a JSON array of strings. */
    static String containsJsonString(String value) {
        return "%" + escape("\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"", true) + "%";
    }

    /** The text with the LIKE wildcards and the escape character itself escaped. */
    private static String escape(String text, boolean lowerAscii) {
        StringBuilder pattern = new StringBuilder(text.length() + 8);
        for (char c : text.toCharArray()) {
            if (c == ESCAPE || c == '%' || c == '_') {
                pattern.append(ESCAPE);
            }
            pattern.append(lowerAscii && c < 128 ? Character.toLowerCase(c) : c);
        }
        return pattern.toString();
    }
}
