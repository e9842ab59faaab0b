package dev.ait42.session.bench;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The start-up benchmark's verdict: each command against its own target, the misses named. */
class StartupTargetsTest {

    private static Map<String, Double> walls(double list, double show, double stats, double search) {
        Map<String, Double> walls = new LinkedHashMap<>();
        walls.put("list", list);
        walls.put("show", show);
        walls.put("stats", stats);
        walls.put("search", search);
        return walls;
    }

    @Test
    void everyCommandUnderItsTargetIsMet() {
        assertEquals("met", StartupBenchmark.targets(walls(599, 420, 580, 899)));
    }

    @Test
    void searchHasTheLongerTargetAndTheReadCommandsTheShorter() {
        assertEquals("NOT met: list 600 ms", StartupBenchmark.targets(walls(600, 500, 500, 700)));
        assertEquals("NOT met: stats 1,234 ms, search 900 ms", StartupBenchmark.targets(walls(500, 500, 1234, 900)));
    }
}
