package dev.ait42.session.repository;

import dev.ait42.session.Fixtures;
import dev.ait42.session.StoreTestSupport;
import dev.ait42.session.model.Session;
import org.hibernate.stat.Statistics;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Lookups by a list of keys bind one parameter per key, padded to a few bucket sizes: a lookup of
 * any size takes one statement, and lookups of many sizes share a few statements.
 */
class PaddedParametersTest extends StoreTestSupport {

    @Test
    void bucketsArePowersOfTwoFromFourOn() {
        assertEquals(List.of(4, 4, 4, 4, 8, 8, 16, 1024, 1024),
                Arrays.stream(new int[] {1, 2, 3, 4, 5, 8, 9, 513, 1000}).map(PaddedParameters::bucket).boxed().toList());
    }

    @Test
    void anEmptyLookupHasNoBucket() {
        assertThrows(IllegalArgumentException.class, () -> PaddedParameters.bucket(0));
        assertThrows(IllegalArgumentException.class, () -> PaddedParameters.bucket(-1));
    }

    @Test
    void statementsAreRenderedOncePerBucket() {
        List<Integer> rendered = new ArrayList<>();
        PaddedParameters lookup = new PaddedParameters(n -> {
            rendered.add(n);
            return "in (" + PaddedParameters.names("k", n) + ")";
        });

        assertEquals("in (:k0, :k1, :k2, :k3)", lookup.statement(1));
        for (int size = 1; size <= 16; size++) {
            lookup.statement(size);
        }

        assertEquals(List.of(4, 8, 16), rendered);
    }

    @Test
    void sessionsByKeysComeInTheKeysOrderAtOneStatementPerLookupWhateverTheirNumber() {
        List<Long> keys = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            keys.add(repo.create(ws, Fixtures.session("task " + i)).getPk());
        }
        Statistics stats = statistics();
        stats.clear();

        for (int size = 1; size <= keys.size(); size++) {
            List<Long> wanted = new ArrayList<>(keys.subList(0, size));
            java.util.Collections.reverse(wanted);
            List<Session> found = services().unitOfWork().read("look up", em -> SessionLookup.byKeys(em, wanted,
                    FetchPlan.SUMMARY));
            assertEquals(wanted, found.stream().map(Session::getPk).toList(), "sessions in the order of the keys");
        }

        assertEquals(keys.size(), stats.getPrepareStatementCount(), "one statement per lookup");
        Set<String> statements = Arrays.stream(stats.getQueries()).filter(q -> q.contains("s.pk in"))
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(3, statements.size(), "lookups of 1 to 12 keys share the statements of 4, 8 and 16: " + statements);
    }

    @Test
    void keysWithoutARowAreSkippedAndNoKeysReadNothing() {
        long saved = repo.create(ws, Fixtures.session("the only one")).getPk();

        List<Session> found = services().unitOfWork().read("look up", em ->
                SessionLookup.byKeys(em, List.of(saved + 1000, saved, saved + 2000), FetchPlan.SUMMARY));
        long statements = statementsDuring(() -> assertTrue(services().unitOfWork().read("look up nothing", em ->
                SessionLookup.byKeys(em, List.of(), FetchPlan.SUMMARY)).isEmpty()));

        assertEquals(List.of(saved), found.stream().map(Session::getPk).toList());
        assertEquals(0, statements, "no keys, no statement");
    }
}
