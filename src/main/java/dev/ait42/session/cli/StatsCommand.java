package dev.ait42.session.cli;

import dev.ait42.session.SessionStore;
import dev.ait42.session.model.SessionStatus;
import dev.ait42.session.model.SessionType;
import dev.ait42.session.repository.InstanceGrouping;
import dev.ait42.session.repository.SessionQuery;
import dev.ait42.session.repository.SessionStatistics;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

import java.io.PrintWriter;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

@Command(name = "stats", description = "Counts by status and type, success rate, durations, lines changed;"
        + " with --by, which runtime, model or agent wins.", mixinStandardHelpOptions = true)
final class StatsCommand extends StoreCommand.WithJson {

    @Mixin
    FilterOptions filters;

    @Option(names = "--by", paramLabel = "runtime|model|agent",
            description = "One row per runtime, model or agent: runs, competitions, wins, win rate, statuses,"
                    + " median and p90 duration, average changes; most wins first.")
    String by;


    @Override
    public Integer call() {
        PrintWriter out = out();
        InstanceGrouping grouping = by == null ? null : grouping(); // a usage error must not create the database
        try (SessionStore s = store.openWithoutSearch()) {
            SessionQuery query = filters.query(s.sessions()).build();
            if (grouping != null) {
                GroupTable.print(out, grouping, s.sessions().statisticsBy(query, grouping), json);
                return 0;
            }
            SessionStatistics stats = s.sessions().statistics(query);
            if (json) {
                Map<String, Object> doc = new LinkedHashMap<>();
                doc.put("total", stats.total());
                Map<String, Long> byStatus = new LinkedHashMap<>();
                for (SessionStatus status : SessionStatus.values()) {
                    byStatus.put(status.wire(), stats.byStatus().get(status));
                }
                Map<String, Long> byType = new LinkedHashMap<>();
                for (SessionType type : SessionType.values()) {
                    byType.put(type.wire(), stats.byType().get(type));
                }
                doc.put("byStatus", byStatus);
                doc.put("byType", byType);
                doc.put("successRate", stats.successRate());
                doc.put("averageDurationSeconds", stats.averageDurationSeconds());
                doc.put("filesChanged", stats.filesChanged());
                doc.put("linesAdded", stats.linesAdded());
                doc.put("linesDeleted", stats.linesDeleted());
                Json.print(out, doc);
                return 0;
            }
            out.printf(Locale.ROOT, "sessions:      %d%n", stats.total());
            for (SessionStatus status : SessionStatus.values()) {
                out.printf(Locale.ROOT, "  %-11s %d%n", status.wire(), stats.byStatus().get(status));
            }
            for (SessionType type : SessionType.values()) {
                out.printf(Locale.ROOT, "  %-11s %d%n", type.wire(), stats.byType().get(type));
            }
            out.printf(Locale.ROOT, "success rate:  %s%n", stats.successRate() == null ? "n/a"
                    : String.format(Locale.ROOT, "%.0f%% (completed / (completed + failed))", stats.successRate() * 100));
            out.printf(Locale.ROOT, "avg duration:  %s%n", stats.averageDurationSeconds() == null ? "n/a"
                    : Terminal.duration(Math.round(stats.averageDurationSeconds())));
            out.printf(Locale.ROOT, "files changed: %d, lines +%d/-%d%n", stats.filesChanged(), stats.linesAdded(),
                    stats.linesDeleted());
            return 0;
        }
    }

    private InstanceGrouping grouping() {
        return Arrays.stream(InstanceGrouping.values())
                .filter(g -> g.wire().equals(by.strip().toLowerCase(Locale.ROOT)))
                .findFirst()
                .orElseThrow(() -> new ParameterException(spec.commandLine(), "--by: unknown grouping '" + by
                        + "' (expected runtime, model or agent)"));
    }
}
