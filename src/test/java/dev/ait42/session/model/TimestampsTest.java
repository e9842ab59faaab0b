package dev.ait42.session.model;

import dev.ait42.session.ValidationException;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class TimestampsTest {

    @Test
    void bothLegacyStylesAndAnyOffsetParseToTheSameUtcInstant() {
        Instant expected = Instant.parse("2025-05-02T09:00:00Z");
        assertEquals(expected, Timestamps.parse("t", "2025-05-02T09:00:00.000Z"));
        assertEquals(expected, Timestamps.parse("t", "2025-05-02T09:00:00+00:00"));
        assertEquals(expected, Timestamps.parse("t", "2025-05-02T18:00:00+09:00"));
        assertEquals(expected, Timestamps.parse("t", "2025-05-02T04:00:00.000-05:00"));
    }

    @Test
    void canonicalFormIsFixedWidthUtcWithMilliseconds() {
        assertEquals("2025-05-02T09:00:00.000Z", Timestamps.format(Instant.parse("2025-05-02T09:00:00Z")));
        assertEquals("0042-01-01T00:00:00.120Z", Timestamps.format(Instant.parse("0042-01-01T00:00:00.120999Z")));
    }

    @Test
    void epochMillisecondsRoundTripAtTheStoredPrecisionAcrossTheWholeRange() {
        assertEquals(1746176400123L, Timestamps.toMillis(Instant.parse("2025-05-02T09:00:00.123456Z")));
        assertEquals(-1L, Timestamps.toMillis(Instant.parse("1969-12-31T23:59:59.999999Z")), "floor before 1970");
        assertEquals(-62167219200000L, Timestamps.toMillis(Instant.parse("0000-01-01T00:00:00Z")));
        assertEquals(253402300799999L, Timestamps.toMillis(Instant.parse("9999-12-31T23:59:59.999Z")));
        for (long millis : new long[] {-62167219200000L, -1L, 0L, 1746176400123L, 253402300799999L}) {
            assertEquals(millis, Timestamps.toMillis(Timestamps.ofMillis(millis)));
        }
    }

    @Test
    void epochMillisecondsOutsideTheYears0000To9999AreRefusedBothWays() {
        assertThrows(ValidationException.class, () -> Timestamps.toMillis(Instant.parse("-0001-12-31T23:59:59.999Z")));
        assertThrows(ValidationException.class, () -> Timestamps.toMillis(Instant.parse("+10000-01-01T00:00:00Z")));
        assertThrows(ValidationException.class, () -> Timestamps.ofMillis(-62167219200001L));
        assertThrows(ValidationException.class, () -> Timestamps.ofMillis(253402300800000L));
        assertThrows(ValidationException.class, () -> Timestamps.ofMillis(Long.MAX_VALUE));
    }

    @Test
    void theHandWrittenFormatWritesWhatTheJavaFormatterWrites() {
        java.time.format.DateTimeFormatter formatter = java.time.format.DateTimeFormatter
                .ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(java.time.ZoneOffset.UTC);
        Random random = new Random(7);
        List<Instant> instants = new ArrayList<>(List.of(Instant.parse("0000-01-01T00:00:00Z"),
                Instant.parse("9999-12-31T23:59:59.999Z"), Instant.parse("1970-01-01T00:00:00Z"),
                Instant.parse("2024-02-29T23:59:59.001Z")));
        for (int i = 0; i < 2_000; i++) {
            instants.add(Instant.ofEpochSecond(random.nextLong(-62_167_219_200L, 253_402_300_799L), random.nextInt(1_000_000_000)));
        }
        for (Instant instant : instants) {
            assertEquals(formatter.format(instant.truncatedTo(java.time.temporal.ChronoUnit.MILLIS)),
                    Timestamps.format(instant), instant.toString());
        }
    }

    @Test
    void textOrderOfTheCanonicalFormIsTimeOrder() {
        Random random = new Random(42);
        List<Instant> instants = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            instants.add(Instant.ofEpochMilli(random.nextLong(-50_000_000_000_000L, 200_000_000_000_000L)));
        }
        List<Instant> byTime = instants.stream().sorted().toList();
        List<Instant> byText = instants.stream().sorted(Comparator.comparing(Timestamps::format)).toList();
        assertEquals(byTime, byText);
    }

    @Test
    void theCanonicalFormParsesAsTheGeneralParserReadsIt() {
        for (String text : new String[] {"2025-05-02T09:00:00.000Z", "2024-02-29T23:59:59.999Z", "0000-01-01T00:00:00.000Z",
            "9999-12-31T23:59:59.999Z", "1970-01-01T00:00:00.001Z"}) {
            assertEquals(Instant.parse(text), Timestamps.parse("t", text), text);
        }
        // Almost canonical: left to the general parser, which rejects what is not a real time.
        assertThrows(ValidationException.class, () -> Timestamps.parse("t", "2025-02-30T09:00:00.000Z"));
        assertThrows(ValidationException.class, () -> Timestamps.parse("t", "2025-13-01T09:00:00.000Z"));
        assertThrows(ValidationException.class, () -> Timestamps.parse("t", "2025-05-02T24:00:00.000Z"));
        assertThrows(ValidationException.class, () -> Timestamps.parse("t", "2025-05-02T09:00:0x.000Z"));
        assertEquals(Instant.parse("2025-05-02T09:00:00.120Z"), Timestamps.parse("t", "2025-05-02T09:00:00.12Z"));
    }

    @Test
    void yearsOutsideFourDigitsAndGarbageAreRejected() {
        assertThrows(ValidationException.class, () -> Timestamps.format(Instant.parse("+10000-01-01T00:00:00Z")));
        assertThrows(ValidationException.class, () -> Timestamps.format(Instant.parse("-0001-01-01T00:00:00Z")));
        ValidationException e = assertThrows(ValidationException.class, () -> Timestamps.parse("createdAt", "yesterday"));
        assertEquals("createdAt", e.field());
        assertThrows(ValidationException.class, () -> Timestamps.parse("createdAt", "2025-05-02 09:00:00"));
        assertThrows(ValidationException.class, () -> Timestamps.parse("createdAt", null));
    }
}
