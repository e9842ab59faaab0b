package dev.ait42.session.cli;

import dev.ait42.session.NotFoundException;
import dev.ait42.session.SessionStore;
import dev.ait42.session.StorageException;
import dev.ait42.session.StoreConfig;
import dev.ait42.session.legacy.ImportProblem;
import dev.ait42.session.legacy.ImportProgress;
import dev.ait42.session.legacy.ImportReport;
import dev.ait42.session.legacy.LegacyHistory;
import dev.ait42.session.legacy.SessionComparison;
import dev.ait42.session.legacy.VerificationReport;
import dev.ait42.session.store.OwnerOnlyFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

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
        requireLegacyHome(home);
        if (dryRun && !store.exists()) {
            return dryRunWithoutDatabase();
        }
        try (SessionStore s = store.openOrCreate()) {
            return run(s);
        }
    }

    /**
     * A dry run on a database that does not exist yet writes nothing either: it compares the files
     * with an empty store in a temporary folder, deleted afterwards.
     */
    private int dryRunWithoutDatabase() {
        Path scratch;
        try {
            scratch = Files.createTempDirectory("ait42-dry-run");
        } catch (IOException e) {
            throw new StorageException("cannot create a temporary folder for the dry run: " + OwnerOnlyFiles.reason(e), e);
        }
        try (SessionStore s = SessionStore.open(StoreConfig.of(scratch.resolve("sessions.db")))) {
            return run(s);
        } finally {
            deleteTree(scratch);
        }
    }

    /** A folder that is not a legacy home is one clear error, before any database is opened or created. */
    static void requireLegacyHome(Path home) {
        if (Files.isDirectory(home.resolve("sessions"))) {
            return;
        }
        String hint = Files.isDirectory(home.resolve(".ait42").resolve("sessions"))
                ? "; did you mean " + home.resolve(".ait42") + "?"
                : "; give the .ait42 folder that holds sessions/<hash>.json";
        throw new NotFoundException("no legacy history at " + home + ": it has no sessions/ folder" + hint);
    }

    private int run(SessionStore s) {
        PrintWriter out = out();
        LegacyHistory legacy = new LegacyHistory(s);
        Progress progress = json ? null : new Progress(out, "bytes");
        AtomicLong committed = new AtomicLong();
        ImportProgress listener = new ImportProgress() {
            @Override
            public void progress(long read, long total, long sessions) {
                if (progress != null) {
                    progress.update(read, total);
                }
            }

            @Override
            public void committed(long sessions) {
                committed.set(sessions);
            }
        };
        String database = store.name();
        Thread interrupted = dryRun ? null : new Thread(() -> {
            PrintWriter err = spec.commandLine().getErr();
            err.println();
            err.println("interrupted: " + count(committed.get(), "session") + " committed (kept in " + database
                    + "); run the same import again to continue");
            err.flush();
        }, "ait42-import-interrupted");
        if (interrupted != null) {
            Runtime.getRuntime().addShutdownHook(interrupted); // SIGTERM, Ctrl-C: say what is kept
        }
        ImportReport report;
        try {
            report = legacy.importHome(home, dryRun, listener);
        } finally {
            if (interrupted != null) {
                try {
                    Runtime.getRuntime().removeShutdownHook(interrupted);
                } catch (IllegalStateException shuttingDown) {
                    // the hook is running or about to: it reports
                }
            }
        }
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
            failures.add(count(report.problems().size(), "problem") + " in the files (see the report)");
        }
        if (!verified) {
            failures.add(verificationFailure(verification));
        }
        if (!failures.isEmpty()) {
            spec.commandLine().getErr().println("error: " + String.join("; ", failures));
        }
        return report.ok() && verified ? 0 : 1;
    }

    /** What the verification found wrong: differing sessions, parts of the JSON it could not read, or both. */
    private static String verificationFailure(VerificationReport verification) {
        long differing = verification.sessions().stream()
                .filter(c -> c.state() != SessionComparison.State.CONSISTENT).count();
        List<String> parts = new ArrayList<>();
        if (differing > 0) {
            parts.add(count(differing, "session") + " of the database " + (differing == 1 ? "differs" : "differ")
                    + " from the JSON (see the verification)");
        }
        if (!verification.problems().isEmpty()) {
            parts.add("the verification could not read " + count(verification.problems().size(), "part")
                    + " of the JSON, so it is incomplete (see the unreadable lines)");
        }
        return String.join("; ", parts);
    }

    static String count(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // a temporary folder: the system cleans it up eventually
                }
            });
        } catch (IOException ignored) {
            // same
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
        m.put("warnings", report.warnings().stream().map(ImportCommand::document).toList());
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
        m.put("warnings", verification.warnings().stream().map(ImportCommand::document).toList());
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
        if (report.dryRun()) {
            out.printf(Locale.ROOT, "dry run, nothing written: %s: would create %d sessions, update %d, leave %d"
                            + " unchanged; %d would fail (%.1f s)%n", count(report.filesRead(), "file"),
                    report.created(), report.updated(), report.unchanged(), report.failed(),
                    report.elapsed().toNanos() / 1e9);
        } else {
            out.printf(Locale.ROOT, "%s: %d sessions created, %d updated, %d unchanged, %d failed (%.1f s)%n",
                    count(report.filesRead(), "file"), report.created(), report.updated(), report.unchanged(),
                    report.failed(), report.elapsed().toNanos() / 1e9);
        }
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
        for (ImportProblem warning : report.warnings()) {
            out.println("warning: " + warning.describe());
        }
        if (verification != null) {
            out.printf(Locale.ROOT, "verification: %d consistent, %d inconsistent, %d only in JSON, %d only in the database%n",
                    verification.count(SessionComparison.State.CONSISTENT),
                    verification.count(SessionComparison.State.INCONSISTENT),
                    verification.count(SessionComparison.State.ONLY_IN_JSON),
                    verification.count(SessionComparison.State.ONLY_IN_DATABASE));
            for (ImportProblem problem : verification.problems()) {
                out.println("  unreadable " + problem.describe());
            }
            for (ImportProblem warning : verification.warnings()) {
                out.println("  warning " + warning.describe());
            }
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
