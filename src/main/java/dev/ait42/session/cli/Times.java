package dev.ait42.session.cli;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * How every command prints a time for people: in the local time zone with its offset
 * ({@code 2025-05-02 18:00+09:00}), or with {@code --utc} in UTC marked {@code Z}
 * ({@code 2025-05-02 09:00Z}). {@code --json} documents keep the canonical UTC form
 * ({@code 2025-05-02T09:00:00.000Z}).
 */
final class Times {

    private static final DateTimeFormatter MINUTES = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mmXXX", Locale.ROOT);
    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ssXXX", Locale.ROOT);

    private static volatile boolean utc;
    private static volatile ZoneId zone; // null: the JVM's default zone, looked up at each use

    private Times() {
    }

    /** Set by {@code --utc}; reset by {@link Main#run} before each command. */
    static void utc(boolean value) {
        utc = value;
    }

    /** The zone of local times; null goes back to the JVM's default. For tests. */
    static void zone(ZoneId value) {
        zone = value;
    }

    static ZoneId zone() {
        if (utc) {
            return ZoneOffset.UTC;
        }
        ZoneId z = zone;
        return z == null ? ZoneId.systemDefault() : z;
    }

    /** To the minute, with the offset: {@code 2025-05-02 18:00+09:00}; "-" for none. */
    static String minutes(Instant t) {
        return t == null ? "-" : MINUTES.format(t.atZone(zone()));
    }

    /** To the second, with the offset: {@code 2025-05-02 18:00:00+09:00}; "-" for none. */
    static String seconds(Instant t) {
        return t == null ? "-" : SECONDS.format(t.atZone(zone()));
    }
}
