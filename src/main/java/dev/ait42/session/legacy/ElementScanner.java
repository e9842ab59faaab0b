package dev.ait42.session.legacy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * Finds where the next element of the sessions array begins after one the JSON parser gave up on
 * (invalid UTF-8, nesting too deep, a value too large for the heap): a raw byte scan from the
 * element's first byte that tracks nesting, strings and escapes only, so it crosses bytes the
 * parser refuses and values of any size in constant memory. On the way it picks up the
 * element's {@code "id"}, so that the problem can name the session.
 */
final class ElementScanner {

    /** A position in the file: byte offset, 1-based line and 1-based column in bytes. */
    record Position(long offset, int line, int column) {
    }

    /**
     * Where the parser can start again, and the id of the element skipped (null if unreadable).
     * {@code next} is at the first byte after the element and its comma that is not white space:
     * the next element, the closing bracket, whatever else the file holds there, or its end.
     */
    record Resync(Position next, String skippedId) {
    }

    /** Ids longer than this are not picked up: a real id is short, and the scan must stay small. */
    private static final int MAX_ID_BYTES = 1024;

    private final InputStream in;
    private boolean previousWasCr;
    private final byte[] buffer = new byte[1 << 16];
    private int length;
    private int index;
    private long offset;
    private int line;
    private int column;

    private ElementScanner(InputStream in, Position from) {
        this.in = in;
        this.offset = from.offset();
        this.line = from.line();
        this.column = from.column();
    }

    /**
     * Scans the element starting at {@code start} (its {@code {} or {@code [}) to its end.
     *
     * @return where the next element begins, or null if the file ends inside this element
     */
    static Resync skipElement(Path file, Position start) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            channel.position(start.offset());
            return new ElementScanner(Channels.newInputStream(channel), start).scan();
        }
    }

    private Resync scan() throws IOException {
        long depth = 0;
        boolean inString = false;
        boolean escaped = false;
        boolean afterColon = false; // at the session's own level: reading a value, not a key
        boolean idNext = false;     // the key just read was "id"
        String id = null;
        byte[] text = new byte[MAX_ID_BYTES];
        int textLength = 0;         // -1: too long to be an id
        int b;
        while ((b = read()) >= 0) {
            if (inString) {
                if (escaped) {
                    escaped = false;
                } else if (b == '\\') {
                    escaped = true;
                } else if (b == '"') {
                    inString = false;
                    if (depth == 1 && textLength >= 0) {
                        byte[] value = Arrays.copyOf(text, textLength);
                        if (!afterColon) {
                            idNext = value.length == 2 && value[0] == 'i' && value[1] == 'd';
                            continue;
                        }
                        if (idNext && id == null) {
                            id = decode(value);
                        }
                    }
                    continue;
                }
                if (depth == 1 && textLength >= 0) {
                    if (textLength == MAX_ID_BYTES) {
                        textLength = -1;
                    } else {
                        text[textLength++] = (byte) b;
                    }
                }
                continue;
            }
            switch (b) {
                case '"' -> {
                    inString = true;
                    textLength = 0;
                }
                case '{', '[' -> depth++;
                case '}', ']' -> {
                    if (--depth == 0) {
                        return new Resync(afterElement(), id);
                    }
                }
                case ':' -> afterColon = depth == 1 || afterColon;
                case ',' -> {
                    if (depth == 1) {
                        afterColon = false;
                        idNext = false;
                    }
                }
                default -> {
                    // numbers, literals, white space, and bytes the parser refused: nothing to track
                }
            }
        }
        return null;
    }

    /** Skips white space and one comma after an element; the position of what follows (the end of the file included). */
    private Position afterElement() throws IOException {
        boolean comma = false;
        while (true) {
            Position here = new Position(offset, line, column);
            int b = read();
            if (b < 0) {
                return here;
            }
            if (b == ',' && !comma) {
                comma = true;
            } else if (b != ' ' && b != '\t' && b != '\n' && b != '\r') {
                return here;
            }
        }
    }

    /** The id's text, its escapes resolved; null if it is not valid JSON string content. */
    private static String decode(byte[] content) {
        byte[] quoted = new byte[content.length + 2];
        quoted[0] = '"';
        System.arraycopy(content, 0, quoted, 1, content.length);
        quoted[quoted.length - 1] = '"';
        try {
            return LegacyJson.MAPPER.readValue(quoted, String.class);
        } catch (IOException e) {
            return null;
        }
    }

    /** The next byte, counting lines and columns as the parser does (CR, LF and CRLF end a line). */
    private int read() throws IOException {
        if (index == length) {
            length = in.read(buffer);
            index = 0;
            if (length <= 0) {
                length = 0;
                return -1;
            }
        }
        int b = buffer[index++] & 0xFF;
        offset++;
        if (b == '\n') {
            if (previousWasCr) {
                previousWasCr = false;
                return b; // the LF of a CRLF: the line was counted at the CR
            }
            line++;
            column = 1;
        } else if (b == '\r') {
            line++;
            column = 1;
            previousWasCr = true;
            return b;
        } else {
            column++;
        }
        previousWasCr = false;
        return b;
    }
}
