package dev.ait42.session.legacy;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Iterator;
import java.util.Locale;
import java.util.Map;

/**
 * Lone UTF-16 surrogates: a JSON escape such as {@code "\ud800"} without its pair decodes to a
 * Java string that UTF-8 cannot encode; written to the database it would come back as {@code ?}.
 */
final class LoneSurrogates {

    private LoneSurrogates() {
    }

    /** The index of the first lone surrogate in {@code text}, or -1. */
    static int indexIn(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++; // a pair: one character outside the BMP
            } else if (Character.isSurrogate(c)) {
                return i;
            }
        }
        return -1;
    }

    /**
     * {@code text} with each lone surrogate written as its escape ({@code \ud800}), so that it can
     * be printed and written as UTF-8 (in a problem's message or id); null stays null.
     */
    static String escape(String text) {
        if (text == null || indexIn(text) < 0) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length() + 8);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean pair = Character.isHighSurrogate(c) && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1));
            if (pair) {
                out.append(c).append(text.charAt(++i));
            } else if (Character.isSurrogate(c)) {
                out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** Why a text with a lone surrogate at {@code at} is refused. */
    static String describe(String text, int at) {
        return String.format(Locale.ROOT, "holds a lone UTF-16 surrogate (\\u%04x at character %d), which UTF-8"
                + " cannot store; session not imported", (int) text.charAt(at), at + 1);
    }

    /** Why a JSON value (names and strings at any depth) is refused, or null if it holds no lone surrogate. */
    static String findIn(JsonNode value) {
        if (value == null) {
            return null;
        }
        if (value.isTextual()) {
            int at = indexIn(value.textValue());
            return at < 0 ? null : describe(value.textValue(), at);
        }
        if (value.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> fields = value.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                int at = indexIn(field.getKey());
                if (at >= 0) {
                    return "the field name '" + escape(field.getKey()) + "' " + describe(field.getKey(), at);
                }
                String inside = findIn(field.getValue());
                if (inside != null) {
                    return inside;
                }
            }
        }
        if (value.isArray()) {
            for (JsonNode element : value) {
                String inside = findIn(element);
                if (inside != null) {
                    return inside;
                }
            }
        }
        return null;
    }
}
