package dev.ait42.session.repository;

import dev.ait42.session.ValidationException;
import dev.ait42.session.model.Session;
import dev.ait42.session.model.Timestamps;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Where a keyset page ended: the sort it was made for, the last row's sort value and row key.
 * Opaque to callers (URL-safe base64); a cursor from another sort, or a damaged one, is refused.
 *
 * @param value the sort value of the last row: canonical timestamp text, or a number
 *              ({@link SessionCriteria#MISSING_NUMBER} for none)
 */
record KeysetCursor(SessionSort sort, SortDirection direction, String value, long pk) {

    private static final String VERSION = "v1";

    static KeysetCursor after(Session last, SessionSort sort, SortDirection direction) {
        String value = switch (sort) {
            case CREATED_AT -> Timestamps.format(last.getCreatedAt());
            case UPDATED_AT -> Timestamps.format(last.getUpdatedAt());
            case TOTAL_DURATION -> numberOrMissing(last.getTotalDuration());
            case TOTAL_FILES_CHANGED -> numberOrMissing(last.getTotalFilesChanged());
        };
        return new KeysetCursor(sort, direction, value, last.getPk());
    }

    private static String numberOrMissing(Number value) {
        return String.valueOf(value == null ? SessionCriteria.MISSING_NUMBER : value.longValue());
    }

    String encode() {
        String plain = String.join("|", VERSION, sort.name(), direction.name(), String.valueOf(pk), value);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }

    static KeysetCursor decode(String cursor, SessionSort expectedSort, SortDirection expectedDirection) {
        KeysetCursor decoded;
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8)
                    .split("\\|", 5);
            if (parts.length != 5 || !VERSION.equals(parts[0])) {
                throw new IllegalArgumentException("unknown cursor layout");
            }
            decoded = new KeysetCursor(SessionSort.valueOf(parts[1]), SortDirection.valueOf(parts[2]),
                    parts[4], Long.parseLong(parts[3]));
            decoded.typedValue(); // checks the value parses for its sort
        } catch (IllegalArgumentException | ValidationException e) {
            throw new ValidationException("cursor", "'" + cursor + "' is not a cursor of this listing");
        }
        if (decoded.sort != expectedSort || decoded.direction != expectedDirection) {
            throw new ValidationException("cursor", "was made for sort " + decoded.sort + " " + decoded.direction
                    + ", not " + expectedSort + " " + expectedDirection);
        }
        return decoded;
    }

    /** The sort value as the type the sort expression has (Instant or Long). */
    Comparable<?> typedValue() {
        return switch (sort) {
            case CREATED_AT, UPDATED_AT -> Timestamps.parse("cursor", value);
            case TOTAL_DURATION -> Long.parseLong(value);
            case TOTAL_FILES_CHANGED -> Integer.parseInt(value);
        };
    }
}
