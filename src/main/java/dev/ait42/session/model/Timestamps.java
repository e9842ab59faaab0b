package dev.ait42.session.model;

import dev.ait42.session.ValidationException;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/**
 * The library's timestamps: UTC, millisecond precision, years 0000..9999. Their text form is fixed
 * width ({@code 2025-05-02T09:00:00.000Z}, so text order is time order): what the command line,
 * the legacy files and cursors show. SQLite stores them as epoch milliseconds ({@link #toMillis}),
 * PostgreSQL as {@code timestamptz(3)}.
 */
public final class Timestamps {

    /** The canonical form, its digits zero. */
    private static final String TEMPLATE = "0000-00-00T00:00:00.000Z";
    private static final Instant MIN = Instant.parse("0000-01-01T00:00:00Z");
    private static final Instant MAX = Instant.parse("9999-12-31T23:59:59.999Z");

    private Timestamps() {
    }

    /** The current time at the stored precision. */
    public static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }

    /** Truncates to the stored precision; null stays null. */
    public static Instant normalize(Instant instant) {
        return instant == null ? null : instant.truncatedTo(ChronoUnit.MILLIS);
    }

    /** The first instant at the stored precision at or after {@code instant} (for range bounds). */
    public static Instant ceil(Instant instant) {
        Instant down = normalize(instant);
        return down.equals(instant) ? instant : down.plusMillis(1);
    }

    /** The canonical text of an instant; years outside 0000..9999 would break text ordering. */
    public static String format(Instant instant) {
        requireStorable(instant);
        // By hand, like parseCanonical: DateTimeFormatter was a twentieth of a small write.
        LocalDateTime t = LocalDateTime.ofEpochSecond(instant.getEpochSecond(), 0, ZoneOffset.UTC);
        char[] text = TEMPLATE.toCharArray();
        digitsBefore(text, 4, t.getYear());
        digitsBefore(text, 7, t.getMonthValue());
        digitsBefore(text, 10, t.getDayOfMonth());
        digitsBefore(text, 13, t.getHour());
        digitsBefore(text, 16, t.getMinute());
        digitsBefore(text, 19, t.getSecond());
        digitsBefore(text, 23, instant.getNano() / 1_000_000);
        return new String(text);
    }

    /** Milliseconds since 1970-01-01T00:00:00Z (negative before), as SQLite's INTEGER columns hold them. */
    public static long toMillis(Instant instant) {
        requireStorable(instant);
        return normalize(instant).toEpochMilli(); // floor, as truncatedTo is, before 1970 too
    }

    /** The instant of {@link #toMillis}; refused outside the years 0000-9999 like any other value. */
    public static Instant ofMillis(long millis) {
        Instant instant = Instant.ofEpochMilli(millis);
        requireStorable(instant);
        return instant;
    }

    /** Whether {@link #format} can write the instant: years 0000..9999 keep text order time order. */
    public static void requireStorable(Instant instant) {
        if (instant.isBefore(MIN) || instant.isAfter(MAX)) {
            throw new ValidationException("timestamp", "'" + instant + "' is outside the years 0000-9999");
        }
    }

    /** Writes {@code value} into the digit places of {@link #TEMPLATE} that end just before {@code end}. */
    private static void digitsBefore(char[] text, int end, int value) {
        for (int i = end - 1; i >= 0 && TEMPLATE.charAt(i) == '0'; i--) {
            text[i] = (char) ('0' + value % 10);
            value /= 10;
        }
    }

    /**
     * Parses RFC 3339 text with any offset ({@code Z}, {@code +00:00}, {@code +09:00}) and any
     * fraction, as the legacy files mix them.
     */
    public static Instant parse(String field, String text) {
        if (text == null) {
            throw new ValidationException(field, "must not be null");
        }
        Instant canonical = parseCanonical(text);
        if (canonical != null) {
            return canonical;
        }
        try {
            return normalize(OffsetDateTime.parse(text).toInstant());
        } catch (DateTimeParseException e) {
            throw new ValidationException(field, "'" + text + "' is not an RFC 3339 timestamp");
        }
    }

    /**
     * The canonical form ({@code 2025-05-02T09:00:00.000Z}, every timestamp the database holds)
     * read by hand: the general parser cost about a tenth of loading a session's graph. Null when
     * {@code text} is not exactly that form (the general parser then decides).
     */
    private static Instant parseCanonical(String text) {
        if (text.length() != 24 || text.charAt(4) != '-' || text.charAt(7) != '-' || text.charAt(10) != 'T'
                || text.charAt(13) != ':' || text.charAt(16) != ':' || text.charAt(19) != '.' || text.charAt(23) != 'Z') {
            return null;
        }
        int year = digits(text, 0, 4);
        int month = digits(text, 5, 7);
        int day = digits(text, 8, 10);
        int hour = digits(text, 11, 13);
        int minute = digits(text, 14, 16);
        int second = digits(text, 17, 19);
        int millis = digits(text, 20, 23);
        if ((year | month | day | hour | minute | second | millis) < 0) {
            return null;
        }
        try {
            return LocalDateTime.of(year, month, day, hour, minute, second, millis * 1_000_000).toInstant(ZoneOffset.UTC);
        } catch (DateTimeException e) {
            return null; // e.g. February 30th: the general parser reports it
        }
    }

    /** The decimal number in {@code text[from, to)}, or -1 if a character is not an ASCII digit. */
    private static int digits(String text, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }
}
