package dev.ait42.session.repository;

import dev.ait42.session.StoreTestSupport;
import dev.ait42.session.ValidationException;
import dev.ait42.session.model.Session;
import dev.ait42.session.model.SessionStatus;
import dev.ait42.session.model.SessionType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Orderings, offset pages and keyset pages of session listings. */
class SessionSortAndPagingTest extends StoreTestSupport {

    private static final Instant T0 = Instant.parse("2025-05-01T00:00:00Z");

    static Stream<Arguments> everySortAndDirection() {
        List<Arguments> all = new ArrayList<>();
        for (SessionSort sort : SessionSort.values()) {
            for (SortDirection direction : SortDirection.values()) {
                all.add(Arguments.of(sort, direction));
            }
        }
        return all.stream();
    }

    // ---- fixtures ----

    private Session newSession(String id, Instant created, Instant updated) {
        Session s = new Session(id, SessionType.COMPETITION, "task " + id);
        s.setCreatedAt(created);
        s.setUpdatedAt(updated);
        return s;
    }

    /**
     * {@code n} sessions, stored in id order, whose sort values repeat a lot (5 creation times,
     * 4 update times, 3 durations plus missing ones, 4 file counts plus missing ones).
     */
    private List<Session> seedWithTies(int n) {
        List<Session> stored = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Session s = newSession(String.format("s%02d", i),
                    T0.plus(Duration.ofHours((i * 7L) % 5)),
                    T0.plus(Duration.ofDays(1)).plus(Duration.ofMinutes((i * 3L) % 4)));
            s.setTotalDuration(i % 4 == 0 ? null : (i % 3) * 60L);
            s.setTotalFilesChanged(i % 5 == 0 ? null : (i * 11) % 4);
            s.setStatus(i % 2 == 0 ? SessionStatus.COMPLETED : SessionStatus.RUNNING);
            stored.add(repo.create(ws, s));
        }
        return stored;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Comparator<Session> order(SessionSort sort, SortDirection direction) {
        Function<Session, Comparable> key = switch (sort) {
            case CREATED_AT -> Session::getCreatedAt;
            case UPDATED_AT -> Session::getUpdatedAt;
            case TOTAL_DURATION -> s -> s.getTotalDuration() == null ? -1L : s.getTotalDuration();
            case TOTAL_FILES_CHANGED -> s -> s.getTotalFilesChanged() == null ? -1 : s.getTotalFilesChanged();
        };
        Comparator<Session> byKey = Comparator.comparing(key);
        Comparator<Session> ascending = byKey.thenComparing(Session::getPk, Comparator.naturalOrder());
        return direction == SortDirection.ASC ? ascending : ascending.reversed();
    }

    private static List<String> expectedIds(List<Session> sessions, SessionSort sort, SortDirection direction) {
        return sessions.stream().sorted(order(sort, direction)).map(Session::getId).toList();
    }

    private static List<String> ids(List<Session> sessions) {
        return sessions.stream().map(Session::getId).toList();
    }

    private SessionQuery query(SessionSort sort, SortDirection direction) {
        return SessionQuery.inWorkspace(ws).sort(sort, direction).fetch(FetchPlan.SUMMARY).build();
    }

    /** Every page of a keyset walk, checking each page's size and cursor on the way. */
    private List<List<String>> walk(SessionQuery q, int pageSize) {
        List<List<String>> pages = new ArrayList<>();
        String cursor = null;
        do {
            KeysetPage<Session> page = repo.searchKeyset(q, cursor, pageSize);
            assertTrue(page.items().size() <= pageSize, "page larger than its limit");
            cursor = page.nextCursor();
            if (cursor != null) {
                assertEquals(pageSize, page.items().size(), "a page with a next cursor must be full");
            }
            assertFalse(page.items().isEmpty() && !pages.isEmpty(), "empty page after a non-null cursor");
            pages.add(ids(page.items()));
            assertTrue(pages.size() <= 1000, "the walk does not end");
        } while (cursor != null);
        return pages;
    }

    private static List<String> flat(List<List<String>> pages) {
        return pages.stream().flatMap(List::stream).toList();
    }

    // ---- orderings ----

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("everySortAndDirection")
    void listingIsOrderedBySortValueThenRowKeyInTheSameDirection(SessionSort sort, SortDirection direction) {
        List<Session> stored = seedWithTies(25);

        Page<Session> page = repo.search(query(sort, direction), 0, 1000);

        assertEquals(expectedIds(stored, sort, direction), ids(page.items()));
    }

    @Test
    void defaultOrderIsMostRecentlyUpdatedFirst() {
        List<Session> stored = seedWithTies(12);
        SessionQuery q = SessionQuery.inWorkspace(ws).build();

        assertEquals(SessionSort.UPDATED_AT, q.sort());
        assertEquals(SortDirection.DESC, q.direction());
        assertEquals(expectedIds(stored, SessionSort.UPDATED_AT, SortDirection.DESC),
                ids(repo.search(q, 0, 100).items()));
        assertEquals(expectedIds(stored, SessionSort.UPDATED_AT, SortDirection.DESC), ids(repo.listAll(ws)));
    }

    @Test
    void missingDurationsAndFileCountsSortBelowEveryValueIncludingZero() {
        Session none = newSession("none", T0, T0);
        Session zero = newSession("zero", T0, T0);
        zero.setTotalDuration(0L);
        zero.setTotalFilesChanged(0);
        Session big = newSession("big", T0, T0);
        big.setTotalDuration(86_400L * 365);
        big.setTotalFilesChanged(5_000);
        repo.create(ws, big);
        repo.create(ws, none);
        repo.create(ws, zero);

        for (SessionSort sort : List.of(SessionSort.TOTAL_DURATION, SessionSort.TOTAL_FILES_CHANGED)) {
            assertEquals(List.of("none", "zero", "big"),
                    ids(repo.search(query(sort, SortDirection.ASC), 0, 10).items()), sort + " ASC");
            assertEquals(List.of("big", "zero", "none"),
                    ids(repo.search(query(sort, SortDirection.DESC), 0, 10).items()), sort + " DESC");
        }
    }

    @Test
    void equalSortValuesKeepInsertionOrderAndRepeatTheSameOrder() {
        List<String> inserted = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            // ids deliberately not in insertion order
            String id = "tie-" + (char) ('h' - i);
            repo.create(ws, newSession(id, T0, T0));
            inserted.add(id);
        }
        List<String> reversed = new ArrayList<>(inserted);
        java.util.Collections.reverse(reversed);

        for (SessionSort sort : SessionSort.values()) {
            assertEquals(inserted, ids(repo.search(query(sort, SortDirection.ASC), 0, 10).items()), sort + " ASC");
            assertEquals(reversed, ids(repo.search(query(sort, SortDirection.DESC), 0, 10).items()), sort + " DESC");
            assertEquals(reversed, ids(repo.search(query(sort, SortDirection.DESC), 0, 10).items()),
                    sort + " DESC again");
        }
    }

    // ---- offset pages ----

    @Test
    void offsetPagesSplitTheListingWithoutOverlapOrGap() {
        List<Session> stored = seedWithTies(10);
        SessionQuery q = query(SessionSort.CREATED_AT, SortDirection.DESC);

        Page<Session> first = repo.search(q, 0, 4);
        Page<Session> second = repo.search(q, 4, 4);
        Page<Session> last = repo.search(q, 8, 4);

        assertEquals(List.of(4, 4, 2), List.of(first.items().size(), second.items().size(), last.items().size()));
        assertEquals(List.of(10L, 10L, 10L), List.of(first.totalElements(), second.totalElements(), last.totalElements()));
        assertTrue(first.hasNext());
        assertTrue(second.hasNext());
        assertFalse(last.hasNext(), "the partial last page has no next page");
        assertEquals(8, last.offset());
        assertEquals(4, last.limit());
        List<String> joined = new ArrayList<>(ids(first.items()));
        joined.addAll(ids(second.items()));
        joined.addAll(ids(last.items()));
        assertEquals(expectedIds(stored, SessionSort.CREATED_AT, SortDirection.DESC), joined);
    }

    @Test
    void exactlyFullLastOffsetPageHasNoNext() {
        seedWithTies(8);
        SessionQuery q = query(SessionSort.UPDATED_AT, SortDirection.DESC);

        assertTrue(repo.search(q, 0, 4).hasNext());
        Page<Session> last = repo.search(q, 4, 4);
        assertEquals(4, last.items().size());
        assertFalse(last.hasNext());
    }

    @Test
    void offsetPastTheEndGivesNoItemsButTheTrueTotal() {
        seedWithTies(10);
        SessionQuery q = query(SessionSort.UPDATED_AT, SortDirection.DESC);

        for (int offset : new int[]{10, 11, 500}) {
            Page<Session> page = repo.search(q, offset, 5);
            assertTrue(page.items().isEmpty(), "offset " + offset);
            assertEquals(10, page.totalElements(), "offset " + offset);
            assertFalse(page.hasNext(), "offset " + offset);
        }
    }

    @Test
    void totalElementsCountsEveryMatchNotJustThePage() {
        seedWithTies(25); // 13 completed (even i), 12 running
        SessionQuery completed = SessionQuery.inWorkspace(ws).statuses(SessionStatus.COMPLETED).build();

        Page<Session> page = repo.search(completed, 0, 5);

        assertEquals(5, page.items().size());
        assertEquals(13, page.totalElements());
        assertTrue(page.items().stream().allMatch(s -> s.getStatus() == SessionStatus.COMPLETED));
        assertEquals(0, repo.search(SessionQuery.inWorkspace(ws).statuses(SessionStatus.PAUSED).build(), 0, 5)
                .totalElements());
    }

    @Test
    void limitsOutside1To1000AndNegativeOffsetsAreRejected() {
        seedWithTies(3);
        SessionQuery q = SessionQuery.inWorkspace(ws).build();

        assertEquals("limit", assertThrows(ValidationException.class, () -> repo.search(q, 0, 0)).field());
        assertThrows(ValidationException.class, () -> repo.search(q, 0, -1));
        assertThrows(ValidationException.class, () -> repo.search(q, 0, 1001));
        assertEquals("offset", assertThrows(ValidationException.class, () -> repo.search(q, -1, 10)).field());
        assertThrows(ValidationException.class, () -> repo.searchKeyset(q, null, 0));
        assertThrows(ValidationException.class, () -> repo.searchKeyset(q, null, 1001));
        assertThrows(ValidationException.class, () -> repo.search(null, 0, 10));
        assertThrows(ValidationException.class, () -> repo.searchKeyset(null, null, 10));
        // the bounds themselves are allowed
        assertEquals(1, repo.search(q, 0, 1).items().size());
        assertEquals(3, repo.search(q, 0, 1000).items().size());
        assertEquals(3, repo.searchKeyset(q, null, 1000).items().size());
    }

    // ---- keyset pages ----

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("everySortAndDirection")
    void keysetWalkVisitsEveryMatchingSessionExactlyOnceInOrder(SessionSort sort, SortDirection direction) {
        List<Session> stored = seedWithTies(25);

        List<List<String>> pages = walk(query(sort, direction), 4);

        assertEquals(7, pages.size());
        assertEquals(1, pages.get(6).size());
        List<String> visited = flat(pages);
        assertEquals(25, new HashSet<>(visited).size(), "a session was visited twice");
        assertEquals(expectedIds(stored, sort, direction), visited);
    }

    @Test
    void keysetWalkOverAnExactMultipleOfThePageSizeEndsWithoutAnEmptyPage() {
        List<Session> stored = seedWithTies(24);

        List<List<String>> pages = walk(query(SessionSort.TOTAL_DURATION, SortDirection.DESC), 4);

        assertEquals(6, pages.size());
        assertTrue(pages.stream().allMatch(p -> p.size() == 4));
        assertEquals(expectedIds(stored, SessionSort.TOTAL_DURATION, SortDirection.DESC), flat(pages));
    }

    @Test
    void keysetWalkWithFiltersVisitsOnlyMatchingSessions() {
        List<Session> stored = seedWithTies(25);
        SessionQuery q = SessionQuery.inWorkspace(ws).statuses(SessionStatus.COMPLETED)
                .sort(SessionSort.TOTAL_FILES_CHANGED, SortDirection.ASC).fetch(FetchPlan.SUMMARY).build();

        List<String> visited = flat(walk(q, 4));

        List<Session> completed = stored.stream().filter(s -> s.getStatus() == SessionStatus.COMPLETED).toList();
        assertEquals(expectedIds(completed, SessionSort.TOTAL_FILES_CHANGED, SortDirection.ASC), visited);
    }

    @Test
    void lastKeysetPageHasNoCursorAndAnEmptyListingGivesOneEmptyPage() {
        seedWithTies(3);

        KeysetPage<Session> all = repo.searchKeyset(query(SessionSort.CREATED_AT, SortDirection.ASC), null, 3);
        assertEquals(3, all.items().size());
        assertNull(all.nextCursor());
        assertTrue(all.next().isEmpty());

        KeysetPage<Session> none = repo.searchKeyset(
                SessionQuery.inWorkspace(ws).statuses(SessionStatus.PAUSED).build(), null, 10);
        assertTrue(none.items().isEmpty());
        assertNull(none.nextCursor());
    }

    @Test
    void cursorOfAnotherSortOrDirectionIsRejected() {
        seedWithTies(10);
        String cursor = repo.searchKeyset(query(SessionSort.CREATED_AT, SortDirection.DESC), null, 3).nextCursor();
        assertNotNull(cursor);

        for (SessionSort sort : SessionSort.values()) {
            for (SortDirection direction : SortDirection.values()) {
                if (sort == SessionSort.CREATED_AT && direction == SortDirection.DESC) {
                    assertEquals(3, repo.searchKeyset(query(sort, direction), cursor, 3).items().size());
                } else {
                    ValidationException e = assertThrows(ValidationException.class,
                            () -> repo.searchKeyset(query(sort, direction), cursor, 3), sort + " " + direction);
                    assertEquals("cursor", e.field());
                }
            }
        }
    }

    @Test
    void cursorOfAListingWithOtherFiltersIsRejected() {
        seedWithTies(10);
        SessionQuery all = query(SessionSort.CREATED_AT, SortDirection.DESC);
        String cursor = repo.searchKeyset(all, null, 3).nextCursor();

        for (SessionQuery other : List.of(
                SessionQuery.inWorkspace(ws).statuses(SessionStatus.COMPLETED).sort(SessionSort.CREATED_AT, SortDirection.DESC).build(),
                SessionQuery.inWorkspace(ws).text("x").sort(SessionSort.CREATED_AT, SortDirection.DESC).build(),
                SessionQuery.allWorkspaces().sort(SessionSort.CREATED_AT, SortDirection.DESC).build())) {
            ValidationException e = assertThrows(ValidationException.class, () -> repo.searchKeyset(other, cursor, 3));
            assertEquals("cursor", e.field());
            assertTrue(e.getMessage().contains("other filters"), e.getMessage());
        }
        SessionQuery sameFilters = SessionQuery.inWorkspace(ws).sort(SessionSort.CREATED_AT, SortDirection.DESC)
                .fetch(FetchPlan.SUMMARY).build();
        assertEquals(3, repo.searchKeyset(sameFilters, cursor, 3).items().size(), "the fetch plan is not a filter");
    }

    @Test
    void damagedOrForeignCursorsAreRejected() {
        seedWithTies(5);
        SessionQuery q = query(SessionSort.TOTAL_DURATION, SortDirection.DESC);
        byte[] random = new byte[24];
        new Random(42).nextBytes(random);
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        List<String> bad = List.of(
                "!!!",
                "",
                "not base64 at all",
                b64.encodeToString(random),
                Base64.getEncoder().encodeToString(random),
                b64.encodeToString("v1|TOTAL_DURATION|DESC|1".getBytes(StandardCharsets.UTF_8)),
                b64.encodeToString("v2|TOTAL_DURATION|DESC|1|60".getBytes(StandardCharsets.UTF_8)),
                b64.encodeToString("v1|TOTAL_DURATION|DESC|one|60".getBytes(StandardCharsets.UTF_8)),
                b64.encodeToString("v1|TOTAL_DURATION|DESC|1|sixty".getBytes(StandardCharsets.UTF_8)),
                b64.encodeToString("v1|DURATION|DESC|1|60".getBytes(StandardCharsets.UTF_8)),
                b64.encodeToString("v1|TOTAL_DURATION|DOWN|1|60".getBytes(StandardCharsets.UTF_8)));

        for (String cursor : bad) {
            ValidationException e = assertThrows(ValidationException.class,
                    () -> repo.searchKeyset(q, cursor, 2), "cursor '" + cursor + "'");
            assertEquals("cursor", e.field());
        }
        // a timestamp sort refuses a cursor whose value is not a timestamp
        String notATime = b64.encodeToString(("v2|CREATED_AT|ASC|1|"
                + KeysetCursor.filtersOf(query(SessionSort.CREATED_AT, SortDirection.ASC)) + "|yesterday")
                .getBytes(StandardCharsets.UTF_8));
        assertThrows(ValidationException.class,
                () -> repo.searchKeyset(query(SessionSort.CREATED_AT, SortDirection.ASC), notATime, 2));
    }

    @Test
    void keysetPagesStayStableWhenANewerSessionArrivesBetweenFetches() {
        List<Session> stored = seedWithTies(12);
        SessionQuery q = query(SessionSort.UPDATED_AT, SortDirection.DESC);
        List<String> expected = expectedIds(stored, SessionSort.UPDATED_AT, SortDirection.DESC);

        KeysetPage<Session> first = repo.searchKeyset(q, null, 4);
        repo.create(ws, newSession("newcomer", T0.plus(Duration.ofDays(30)), T0.plus(Duration.ofDays(30))));
        List<String> rest = new ArrayList<>();
        String cursor = first.nextCursor();
        while (cursor != null) {
            KeysetPage<Session> page = repo.searchKeyset(q, cursor, 4);
            rest.addAll(ids(page.items()));
            cursor = page.nextCursor();
        }

        assertEquals(expected.subList(0, 4), ids(first.items()));
        assertEquals(expected.subList(4, 12), rest, "the newcomer shifted or repeated rows");
        // the offset listing, by contrast, now starts with the newcomer
        assertEquals("newcomer", repo.search(q, 0, 1).items().get(0).getId());
    }

    @Test
    void keysetContinuesAfterTheLastRowOfAPageIsDeleted() {
        List<Session> stored = seedWithTies(10);
        SessionQuery q = query(SessionSort.TOTAL_FILES_CHANGED, SortDirection.DESC);
        List<String> expected = expectedIds(stored, SessionSort.TOTAL_FILES_CHANGED, SortDirection.DESC);

        KeysetPage<Session> first = repo.searchKeyset(q, null, 3);
        repo.delete(ws, first.items().get(2).getId());
        KeysetPage<Session> second = repo.searchKeyset(q, first.nextCursor(), 3);

        assertEquals(expected.subList(3, 6), ids(second.items()));
    }

    @Test
    void keysetWalkStaysInsideTheQueriedWorkspace() {
        List<Session> stored = seedWithTies(6);
        String other = repo.registerWorkspace(dir.resolve("project-b")).getHash();
        for (int i = 0; i < 6; i++) {
            repo.create(other, newSession("other-" + i, T0.plus(Duration.ofMinutes(i)), T0));
        }
        SessionQuery q = query(SessionSort.CREATED_AT, SortDirection.ASC);

        List<String> visited = flat(walk(q, 2));

        assertEquals(expectedIds(stored, SessionSort.CREATED_AT, SortDirection.ASC), visited);
        Set<String> everywhere = new HashSet<>(flat(walk(SessionQuery.allWorkspaces()
                .sort(SessionSort.CREATED_AT, SortDirection.ASC).fetch(FetchPlan.SUMMARY).build(), 5)));
        assertEquals(12, everywhere.size());
    }
}
