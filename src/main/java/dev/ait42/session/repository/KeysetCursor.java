package dev.ait42.session.repository;

import dev.ait42.session.ValidationException;
import dev.ait42.session.model.Limits;
import dev.ait42.session.model.Session;
import dev.ait42.session.model.Timestamps;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Where a keyset page ended: the sort and filters it was made for, the last row's sort value and
 * row key. Opaque to callers (URL-safe base64); a cursor from another sort or other filters, or a
 * damaged one, is refused.
 *
 * @param filters a digest of the listing's filters ({@link #filtersOf})
 * @param value   the sort value of the last row: canonical timestamp text, or a number
 *                ({@link SessionCriteria#MISSING_NUMBER} for none)
 */
record KeysetCursor(SessionSort sort, SortDirection direction, String filters, String value, long pk) {

    private static final String VERSION = "v2";

    /** @param filters the query's {@link #filtersOf}, worked out once per listing */
    static KeysetCursor after(Session last, SessionQuery query, String filters) {
        SessionSort sort = query.sort();
        String value = switch (sort) {
            case CREATED_AT -> Timestamps.format(last.getCreatedAt());
            case UPDATED_AT -> Timestamps.format(last.getUpdatedAt());
            case TOTAL_DURATION -> numberOrMissing(last.getTotalDuration());
            case TOTAL_FILES_CHANGED -> numberOrMissing(last.getTotalFilesChanged());
        };
        return new KeysetCursor(sort, query.direction(), filters, value, last.getPk());
    }

    /**
     * A digest of everything a query filters on (not its sort, which the cursor names, nor its
     * fetch plan): 16 hex characters of SHA-256.
     */
    static String filtersOf(SessionQuery q) {
        String plain = String.join("\u0000", String.valueOf(q.workspaceHash().orElse(null)),
                q.types().stream().map(Enum::name).sorted().toList().toString(),
                q.statuses().stream().map(Enum::name).sorted().toList().toString(),
                String.valueOf(q.createdFrom().orElse(null)), String.valueOf(q.createdTo().orElse(null)),
                String.valueOf(q.updatedFrom().orElse(null)), String.valueOf(q.updatedTo().orElse(null)),
                String.valueOf(q.model().orElse(null)), String.valueOf(q.runtime().orElse(null)),
                String.valueOf(q.text().orElse(null)));
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(plain.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private static String numberOrMissing(Number value) {
        return String.valueOf(value == null ? SessionCriteria.MISSING_NUMBER : value.longValue());
    }

    String encode() {
        String plain = String.join("|", VERSION, sort.name(), direction.name(), String.valueOf(pk), filters, value);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }

    /** @param filters the query's {@link #filtersOf}, worked out once per listing */
    static KeysetCursor decode(String cursor, SessionQuery query, String filters) {
        KeysetCursor decoded;
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8)
                    .split("\\|", 6);
            if (parts.length != 6 || !VERSION.equals(parts[0])) {
                throw new IllegalArgumentException("unknown cursor layout");
            }
            decoded = new KeysetCursor(SessionSort.valueOf(parts[1]), SortDirection.valueOf(parts[2]),
                    parts[4], parts[5], Long.parseLong(parts[3]));
            decoded.typedValue(); // checks the value parses for its sort
        } catch (IllegalArgumentException | ValidationException e) {
            throw new ValidationException("cursor", Limits.quoted(cursor) + " is not a cursor of this listing");
        }
        if (decoded.sort != query.sort() || decoded.direction != query.direction()) {
            throw new ValidationException("cursor", "it continues a listing sorted by "
                    + describe(decoded.sort, decoded.direction) + ", not by " + describe(query.sort(), query.direction())
                    + "; list again without the cursor");
        }
        if (!decoded.filters.equals(filters)) {
            throw new ValidationException("cursor", "it continues a listing with other filters (workspace, type,"
                    + " status, times or text); list again without the cursor, or with the filters it came from");
        }
        return decoded;
    }

    /** A sort in words: "update time, newest first", "duration, smallest first". */
    static String describe(SessionSort sort, SortDirection direction) {
        boolean time = sort == SessionSort.CREATED_AT || sort == SessionSort.UPDATED_AT;
        String field = switch (sort) {
            case CREATED_AT -> "creation time";
            case UPDATED_AT -> "update time";
            case TOTAL_DURATION -> "duration";
            case TOTAL_FILES_CHANGED -> "files changed";
        };
        String order = direction == SortDirection.DESC ? (time ? "newest first" : "largest first")
                : (time ? "oldest first" : "smallest first");
        return field + ", " + order;
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
