package dev.ait42.session.cli;

import dev.ait42.session.SessionStore;
import dev.ait42.session.model.SessionStatus;
import dev.ait42.session.model.SessionType;
import dev.ait42.session.repository.SessionStatistics;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

@Command(name = "stats", description = "Counts by status and type, success rate, durations, lines changed.",
        mixinStandardHelpOptions = true)
final class StatsCommand extends StoreCommand.WithJson {

    @Mixin
    FilterOptions filters;


    @Override
    public Integer call() {
        PrintWriter out = out();
        try (SessionStore s = store.open()) {
            SessionStatistics stats = s.sessions().statistics(filters.query(s.sessions()).build());
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
}
