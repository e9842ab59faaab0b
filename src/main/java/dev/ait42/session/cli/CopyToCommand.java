package dev.ait42.session.cli;

import dev.ait42.session.SessionStore;
import dev.ait42.session.ValidationException;
import dev.ait42.session.repository.SessionQuery;
import dev.ait42.session.transfer.StoreCopy;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

@Command(name = "copy-to", mixinStandardHelpOptions = true,
        description = "Copy every session of --db into TARGET (a file or a PostgreSQL URL), session by session, "
                + "then verify both sides; run it again to continue an interrupted copy.")
final class CopyToCommand extends StoreCommand.WithJson {

    @Parameters(paramLabel = "TARGET", description = "The database to copy into: a SQLite file (created if missing) "
            + "or a jdbc:postgresql:// URL (its tables created if missing).")
    String targetDatabase;

    @Option(names = "--to-index-dir", paramLabel = "DIR",
            description = "The target's full-text index folder (default for a file: TARGET.index; required with a URL).")
    Path targetIndexDirectory;

    @Option(names = "--limit", paramLabel = "N", description = "Copy at most N sessions in this run (default: all).")
    long limit;

    @Override
    public Integer call() {
        if (limit < 0) {
            throw new ValidationException("--limit", "must not be negative, was " + limit);
        }
        StoreOptions.Target target = StoreOptions.target(targetDatabase, targetIndexDirectory);
        if (target.name().equals(store.name())) {
            throw new ValidationException("TARGET", "is the source database itself: " + target.name());
        }
        PrintWriter out = out();
        try (SessionStore from = store.open(); SessionStore to = target.open()) {
            Progress progress = json ? null : new Progress(out, "sessions");
            long total = from.sessions().statistics(SessionQuery.allWorkspaces().build()).total();
            StoreCopy.CopyReport report = new StoreCopy(from.services(), to.services())
                    .copy(limit, done -> {
                        if (progress != null) {
                            progress.update(done, total);
                        }
                    });
            if (progress != null) {
                progress.finish();
            }
            if (json) {
                Map<String, Object> doc = new LinkedHashMap<>();
                doc.put("copied", report.copied());
                doc.put("alreadyThere", report.alreadyThere());
                doc.put("conflicts", report.conflicts());
                doc.put("limited", report.limited());
                doc.put("verification", report.verification());
                doc.put("elapsedMillis", report.elapsedMillis());
                doc.put("ok", report.ok());
                Json.print(out, doc);
            } else {
                print(out, report, target.name());
            }
            return report.ok() || report.limited() && report.conflicts().isEmpty() ? 0 : 1;
        }
    }

    private static void print(PrintWriter out, StoreCopy.CopyReport report, String target) {
        out.printf(Locale.ROOT, "%d sessions copied to %s, %d already there, %d in conflict (%.1f s)%n",
                report.copied(), target, report.alreadyThere(), report.conflicts().size(), report.elapsedMillis() / 1e3);
        report.conflicts().forEach(c -> out.println("conflict: " + c + " is in the target with other content (left alone)"));
        if (report.limited()) {
            out.println("stopped at --limit: run the same command again to continue");
            return;
        }
        StoreCopy.Verification v = report.verification();
        out.printf(Locale.ROOT, "verification: %d sessions equal (counts and digest), %d missing, %d differing%n",
                v.verified(), v.missing().size(), v.differing().size());
        for (List<String> list : List.of(v.missing(), v.differing())) {
            list.forEach(s -> out.println((list == v.missing() ? "missing: " : "differs: ") + s));
        }
    }
}
