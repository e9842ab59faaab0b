package dev.ait42.session.search;

/** Cuts long highlighted passages down to a window around their first highlight. */
final class Snippets {

    static final String ELLIPSIS = "…";

    private Snippets() {
    }

    /**
     * {@code text} if it is at most {@code max} characters long, otherwise about {@code max}
     * characters starting a little before the first {@code preTag}, with ellipses where cut.
     * Never cuts inside a surrogate pair.
     */
    static String around(String text, String preTag, int max) {
        if (text.length() <= max) {
            return text;
        }
        int mark = Math.max(0, text.indexOf(preTag));
        int start = Math.max(0, Math.min(mark - max / 4, text.length() - max));
        int end = Math.min(text.length(), start + max);
        start = safe(text, start);
        end = safe(text, end);
        return (start > 0 ? ELLIPSIS : "") + text.substring(start, end) + (end < text.length() ? ELLIPSIS : "");
    }

    private static int safe(String text, int index) {
        return index > 0 && index < text.length() && Character.isLowSurrogate(text.charAt(index)) ? index - 1 : index;
    }
}
