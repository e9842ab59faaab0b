package dev.ait42.session.cli;

import java.util.Locale;

/** What the command line knows about where its output goes, and text width on a terminal. */
final class Terminal {

    private static final String BOLD = "\u001b[1m";
    private static final String RESET = "\u001b[0m";

    private Terminal() {
    }

    private static volatile boolean interactive;

    /** Set by {@link Main} for each run: whether the output it was given is this process's terminal. */
    static void outputIsTerminal(boolean value) {
        interactive = value && System.console() != null && !"dumb".equals(System.getenv("TERM"));
    }

    /** True when the command's output is an interactive terminal (progress bars, bold highlights). */
    static boolean interactive() {
        return interactive;
    }

    /** Highlight marks for snippets: bold on a terminal, {@code **} otherwise. */
    static String[] highlightTags(boolean terminal) {
        return terminal ? new String[] {BOLD, RESET} : new String[] {"**", "**"};
    }

    /** Columns {@code text} takes on a terminal: wide (CJK, full-width) characters take two. */
    static int width(String text) {
        int width = 0;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            width += wide(cp) ? 2 : 1;
            i += Character.charCount(cp);
        }
        return width;
    }

    /** {@code text} cut to at most {@code columns} columns (with an ellipsis) and padded to exactly that. */
    static String fit(String text, int columns) {
        String flat = text == null ? "" : text.replaceAll("\\s+", " ").strip();
        StringBuilder out = new StringBuilder();
        int used = 0;
        for (int i = 0; i < flat.length(); ) {
            int cp = flat.codePointAt(i);
            int w = wide(cp) ? 2 : 1;
            boolean last = i + Character.charCount(cp) >= flat.length();
            if (used + w > columns - (last ? 0 : 1)) {
                out.append('…');
                used++;
                break;
            }
            out.appendCodePoint(cp);
            used += w;
            i += Character.charCount(cp);
        }
        return out + " ".repeat(Math.max(0, columns - used));
    }

    static String duration(Long seconds) {
        if (seconds == null) {
            return "-";
        }
        return seconds >= 3600 ? String.format(Locale.ROOT, "%dh%02dm", seconds / 3600, seconds % 3600 / 60)
                : String.format(Locale.ROOT, "%dm%02ds", seconds / 60, seconds % 60);
    }

    private static boolean wide(int cp) {
        Character.UnicodeScript script = Character.UnicodeScript.of(cp);
        return script == Character.UnicodeScript.HAN || script == Character.UnicodeScript.HIRAGANA
                || script == Character.UnicodeScript.KATAKANA && !(cp >= 0xFF65 && cp <= 0xFF9F)
                || script == Character.UnicodeScript.HANGUL
                || (cp >= 0xFF01 && cp <= 0xFF60) || (cp >= 0xFFE0 && cp <= 0xFFE6)
                || (cp >= 0x3000 && cp <= 0x303F)
                // Common-script marks of the kana blocks (゛゜・ーヽヾ) and enclosed/compatibility CJK (㈱㌔)
                || (cp >= 0x309B && cp <= 0x30FF) || (cp >= 0x3200 && cp <= 0x33FF);
    }
}
