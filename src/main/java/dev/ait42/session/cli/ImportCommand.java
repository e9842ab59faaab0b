package dev.ait42.session.cli;

import dev.ait42.session.SessionStore;
import dev.ait42.session.legacy.ImportProblem;
import dev.ait42.session.legacy.ImportReport;
import dev.ait42.session.legacy.LegacyHistory;
import dev.ait42.session.legacy.SessionComparison;
import dev.ait42.session.legacy.VerificationReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

@Command(name = "import", description = "Import the legacy JSON history (sessions/*.json) of an .ait42 home.",
        mixinStandardHelpOptions = true)
final class ImportCommand extends StoreCommand.WithJson {


    @Parameters(paramLabel = "AIT42_HOME", arity = "0..1", description = "The .ait42 folder (default: ~/.ait42).")
    Path home = LegacyHistory.defaultHome();

    @Option(names = "--dry-run", description = "Parse and validate only; write nothing.")
    boolean dryRun;

    @Option(names = "--verify", description = "Then compare JSON and database session by session.")
    boolean verify;


    @Override
    public Integer call() {
        PrintWriter out = out();
        try (SessionStore s = store.open()) {
            LegacyHistory legacy = new LegacyHistory(s);
            Progress progress = json ? null : new Progress(out, "bytes");
            ImportReport report = legacy.importHome(home, dryRun,
                    progress == null ? (read, total, sessions) -> { } : (read, total, sessions) -> progress.update(read, total));
            if (progress != null) {
                progress.finish();
            }
            VerificationReport verification = verify ? legacy.verify(home) : null;
            if (json) {
                Map<String, Object> doc = new LinkedHashMap<>();
                doc.put("import", document(report));
                doc.put("verification", verification == null ? null : document(verification));
                Json.print(out, doc);
            } else {
                print(out, report, verification);
            }
            boolean verified = verification == null || dryRun || verification.consistent();
            List<String> failures = new ArrayList<>();
            if (!report.ok()) {
                failures.add(report.problems().size() + " problems in the files (see the report)");
            }
            if (!verified) {
                failures.add("the database differs from the JSON (see the verification)");
            }
            if (!failures.isEmpty()) {
                spec.commandLine().getErr().println("error: " + String.join("; ", failures));
            }
            return report.ok() && verified ? 0 : 1;
        }
    }

    private static Map<String, Object> document(ImportReport report) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("dryRun", report.dryRun());
        m.put("filesRead", report.filesRead());
        m.put("created", report.created());
        m.put("updated", report.updated());
        m.put("unchanged", report.unchanged());
        m.put("failed", report.failed());
        m.put("newerInDatabase", report.newerInDatabase());
        m.put("onlyInDatabase", report.onlyInDatabase());
        m.put("problems", report.problems().stream().map(ImportCommand::document).toList());
        m.put("elapsedMillis", report.elapsed().toMillis());
        m.put("indexingMillis", report.indexing().toMillis());
        return m;
    }

    private static Map<String, Object> document(ImportProblem problem) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("file", problem.file().toString());
        m.put("line", problem.line());
        m.put("column", problem.column());
        m.put("sessionId", problem.sessionId());
        m.put("message", problem.message());
        return m;
    }

    private static Map<String, Object> document(VerificationReport verification) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("consistent", verification.consistent());
        Map<String, Long> counts = new LinkedHashMap<>();
        for (SessionComparison.State state : SessionComparison.State.values()) {
            counts.put(stateName(state), verification.count(state));
        }
        m.put("counts", counts);
        m.put("sessions", verification.sessions().stream()
                .filter(c -> c.state() != SessionComparison.State.CONSISTENT)
                .map(c -> {
                    Map<String, Object> s = new LinkedHashMap<>();
                    s.put("workspace", c.workspaceHash());
                    s.put("id", c.sessionId());
                    s.put("state", stateName(c.state()));
                    s.put("differingFields", c.differingFields());
                    return s;
                }).toList());
        m.put("problems", verification.problems().stream().map(ImportCommand::document).toList());
        return m;
    }

    /** {@code ONLY_IN_JSON} as {@code onlyInJson}. */
    private static String stateName(SessionComparison.State state) {
        StringBuilder name = new StringBuilder();
        for (String part : state.name().toLowerCase(Locale.ROOT).split("_")) {
            name.append(name.length() == 0 ? part : Character.toUpperCase(part.charAt(0)) + part.substring(1));
        }
        return name.toString();
    }

    private static void print(PrintWriter out, ImportReport report, VerificationReport verification) {
        out.printf(Locale.ROOT, "%s%d files: %d sessions created, %d updated, %d unchanged, %d failed (%.1f s)%n",
                report.dryRun() ? "dry run, nothing written: " : "", report.filesRead(), report.created(),
                report.updated(), report.unchanged(), report.failed(), report.elapsed().toNanos() / 1e9);
        if (!report.newerInDatabase().isEmpty()) {
            out.printf(Locale.ROOT, "%d sessions were changed in the database after the JSON (database copy kept): %s%n",
                    report.newerInDatabase().size(), String.join(", ", report.newerInDatabase()));
        }
        if (!report.onlyInDatabase().isEmpty()) {
            out.printf(Locale.ROOT, "%d sessions are in the database but no longer in the JSON (left alone): %s%n",
                    report.onlyInDatabase().size(), String.join(", ", report.onlyInDatabase()));
        }
        for (ImportProblem problem : report.problems()) {
            out.println("problem: " + problem.describe());
        }
        if (verification != null) {
            out.printf(Locale.ROOT, "verification: %d consistent, %d inconsistent, %d only in JSON, %d only in the database%n",
                    verification.count(SessionComparison.State.CONSISTENT),
                    verification.count(SessionComparison.State.INCONSISTENT),
                    verification.count(SessionComparison.State.ONLY_IN_JSON),
                    verification.count(SessionComparison.State.ONLY_IN_DATABASE));
            for (SessionComparison c : verification.sessions()) {
                if (c.state() != SessionComparison.State.CONSISTENT) {
                    out.printf(Locale.ROOT, "  %s %s/%s %s%n", c.state().name().toLowerCase(Locale.ROOT).replace('_', ' '),
                            c.workspaceHash(), c.sessionId(),
                            c.differingFields().isEmpty() ? "" : String.join(", ", c.differingFields()));
                }
            }
        }
    }
}
