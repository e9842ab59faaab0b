package dev.ait42.session.cli;

import dev.ait42.session.repository.GroupStatistics;
import dev.ait42.session.repository.InstanceGrouping;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** {@code stats --by}: the rows as the repository orders them (most wins, best win rate, name). */
final class GroupTable {

    /** How the group of instances that recorded no runtime, model or agent is shown in the table. */
    static final String UNKNOWN = "(unknown)";
    private static final int GROUP_COLUMNS = 22;

    private GroupTable() {
    }

    static void print(PrintWriter out, InstanceGrouping by, List<GroupStatistics> groups, boolean json) {
        if (json) {
            Json.print(out, groups.stream().map(GroupTable::json).toList());
            return;
        }
        if (groups.isEmpty()) {
            out.println("(no instances)");
            return;
        }
        out.println(Terminal.fit(by.wire().toUpperCase(Locale.ROOT), GROUP_COLUMNS)
                + "  RUNS  COMP  WINS  WIN%  DONE  FAIL  OTHER  MEDIAN     P90  FILES  +LINES  -LINES");
        for (GroupStatistics g : groups) {
            out.println(Terminal.fit(g.group() == null ? UNKNOWN : g.group(), GROUP_COLUMNS) + String.format(Locale.ROOT,
                    "%6d%6d%6d%6s%6d%6d%7d%8s%8s%7s%8s%8s", g.runs(), g.competitions(), g.wins(),
                    g.winRate() == null ? "-" : Math.round(g.winRate() * 100) + "%", g.completed(), g.failed(),
                    g.other(), seconds(g.medianSeconds()), seconds(g.p90Seconds()), mean(g.avgFilesChanged()),
                    mean(g.avgLinesAdded()), mean(g.avgLinesDeleted())));
        }
        out.println("COMP: competitions entered; WIN%: wins / COMP; MEDIAN, P90: durations of finished instances;"
                + " FILES, LINES: averages");
    }

    private static Map<String, Object> json(GroupStatistics g) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("group", g.group());
        m.put("runs", g.runs());
        m.put("competitions", g.competitions());
        m.put("wins", g.wins());
        m.put("winRate", g.winRate());
        m.put("completed", g.completed());
        m.put("failed", g.failed());
        m.put("other", g.other());
        m.put("finished", g.finished());
        m.put("medianSeconds", g.medianSeconds());
        m.put("p90Seconds", g.p90Seconds());
        m.put("avgFilesChanged", g.avgFilesChanged());
        m.put("avgLinesAdded", g.avgLinesAdded());
        m.put("avgLinesDeleted", g.avgLinesDeleted());
        return m;
    }

    private static String seconds(Double value) {
        return value == null ? "-" : Terminal.duration(Math.round(value));
    }

    private static String mean(Double value) {
        return value == null ? "-" : String.format(Locale.ROOT, "%.1f", value);
    }
}
