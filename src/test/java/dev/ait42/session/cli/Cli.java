package dev.ait42.session.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Runs {@link Main#run} in-process and keeps what the last command wrote. */
final class Cli {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private List<String> lastArgs = List.of();
    private int lastStatus;

    int run(String... args) {
        out.reset();
        err.reset();
        lastArgs = List.of(args);
        lastStatus = Main.run(lastArgs, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return lastStatus;
    }

    /** Runs a command that must succeed quietly (exit 0, nothing on stderr) and returns its stdout. */
    String ok(String... args) {
        assertEquals(0, run(args), this::describe);
        assertEquals("", err(), this::describe);
        return out();
    }

    /** Runs a command that must succeed quietly and parses its stdout as one JSON document. */
    JsonNode json(String... args) {
        ok(args);
        return parsedOut();
    }

    JsonNode parsedOut() {
        try {
            return MAPPER.readTree(out());
        } catch (IOException e) {
            throw new AssertionError("stdout is not one JSON document: " + describe(), e);
        }
    }

    String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    /** The last command, its status and both streams, for assertion messages. */
    String describe() {
        return "ait42-session " + lastArgs + " -> exit " + lastStatus + "\n--- stdout ---\n" + out()
                + "--- stderr ---\n" + err();
    }

    /** Stderr is exactly one {@code error: } line without a stack trace. */
    void assertOneLineError() {
        String e = err();
        assertTrue(e.startsWith("error: "), this::describe);
        assertEquals(1, e.strip().lines().count(), this::describe);
        assertNoStackTrace();
    }

    /** A usage error: one {@code error:} line and the hint where to find usage, no stack trace. */
    void assertUsageError() {
        String e = err();
        assertTrue(e.startsWith("error: "), this::describe);
        assertTrue(e.strip().lines().count() <= 2, this::describe);
        assertNoStackTrace();
    }

    void assertNoStackTrace() {
        String e = err();
        assertFalse(e.contains("\tat ") || e.contains("Exception") || e.contains("Caused by"), this::describe);
    }

    /** The {@code id} of every element of an array of session summaries, in order. */
    static List<String> ids(JsonNode sessions) {
        List<String> ids = new ArrayList<>();
        sessions.forEach(s -> ids.add(SampleHistory.label(s.get("workspace").asText(), s.get("id").asText())));
        return ids;
    }

    /**
     * Columns a string takes on a terminal, from the East Asian Width ranges (wide and
     * full-width characters take two): written independently of {@link Terminal#width}.
     */
    static int displayWidth(String text) {
        int width = 0;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            boolean wide = cp >= 0x1100 && cp <= 0x115F || cp >= 0x2E80 && cp <= 0x303E
                    || cp >= 0x3041 && cp <= 0x33FF || cp >= 0x3400 && cp <= 0x4DBF || cp >= 0x4E00 && cp <= 0x9FFF
                    || cp >= 0xA000 && cp <= 0xA4CF || cp >= 0xAC00 && cp <= 0xD7A3 || cp >= 0xF900 && cp <= 0xFAFF
                    || cp >= 0xFE30 && cp <= 0xFE4F || cp >= 0xFF00 && cp <= 0xFF60 || cp >= 0xFFE0 && cp <= 0xFFE6
                    || cp >= 0x20000 && cp <= 0x3FFFD;
            width += wide ? 2 : 1;
            i += Character.charCount(cp);
        }
        return width;
    }
}
