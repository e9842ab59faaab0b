package dev.ait42.session.cli;

import dev.ait42.session.SessionStore;
import dev.ait42.session.legacy.ImportProblem;
import dev.ait42.session.legacy.ImportReport;
import dev.ait42.session.legacy.LegacyHistory;
import dev.ait42.session.legacy.SessionComparison;
import dev.ait42.session.legacy.VerificationReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "import", description = "Import the legacy JSON history (sessions/*.json) of an .ait42 home.",
        mixinStandardHelpOptions = true)
final class ImportCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;
    @Mixin
    StoreOptions store;

    @Parameters(paramLabel = "AIT42_HOME", arity = "0..1", description = "The .ait42 folder (default: ~/.ait42).")
    Path home = LegacyHistory.defaultHome();

    @Option(names = "--dry-run", description = "Parse and validate only; write nothing.")
    boolean dryRun;

    @Option(names = "--verify", description = "Then compare JSON and database session by session.")
    boolean verify;

    @Option(names = "--json", description = "One JSON document on standard output.")
    boolean json;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
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
                doc.put("import", report);
                doc.put("verification", verification);
                Json.print(out, doc);
            } else {
                print(out, report, verification);
            }
            boolean ok = report.ok() && (verification == null || dryRun || verification.consistent());
            return ok ? 0 : 1;
        }
    }

    private void print(PrintWriter out, ImportReport report, VerificationReport verification) {
        out.printf(Locale.ROOT, "%s%d files: %d sessions created, %d updated, %d unchanged, %d failed (%.1f s)%n",
                report.dryRun() ? "dry run, nothing written: " : "", report.filesRead(), report.created(),
                report.updated(), report.unchanged(), report.failed(), report.elapsed().toNanos() / 1e9);
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
