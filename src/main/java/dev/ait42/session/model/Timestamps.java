package dev.ait42.session.model;

import dev.ait42.session.ValidationException;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/**
 * The one timestamp representation of the database: UTC, millisecond precision, fixed width
 * ({@code 2025-05-02T09:00:00.000Z}), so that text order is time order.
 */
public final class Timestamps {

    private static final DateTimeFormatter CANONICAL =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
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
        if (instant.isBefore(MIN) || instant.isAfter(MAX)) {
            throw new ValidationException("timestamp", "'" + instant + "' is outside the years 0000-9999");
        }
        return CANONICAL.format(instant.truncatedTo(ChronoUnit.MILLIS));
    }

    /**
     * Parses RFC 3339 text with any offset ({@code Z}, {@code +00:00}, {@code +09:00}) and any
     * fraction, as the legacy files mix them.
     */
    public static Instant parse(String field, String text) {
        if (text == null) {
            throw new ValidationException(field, "must not be null");
        }
        try {
            return normalize(OffsetDateTime.parse(text).toInstant());
        } catch (DateTimeParseException e) {
            throw new ValidationException(field, "'" + text + "' is not an RFC 3339 timestamp");
        }
    }
}
