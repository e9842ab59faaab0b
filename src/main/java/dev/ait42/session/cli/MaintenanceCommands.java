package dev.ait42.session.cli;

import dev.ait42.session.ConflictException;
import dev.ait42.session.SessionStore;
import dev.ait42.session.ValidationException;
import dev.ait42.session.legacy.ExportReport;
import dev.ait42.session.legacy.LegacyHistory;
import dev.ait42.session.maintenance.IntegrityReport;
import dev.ait42.session.search.IndexDifferences;
import dev.ait42.session.search.ReindexReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The commands that look after the database and its index rather than browse it. */
final class MaintenanceCommands {

    private MaintenanceCommands() {
    }

    @Command(name = "export", description = "Write the legacy layout back: DIR/sessions/<hash>.json and workspace_mapping.json.",
            mixinStandardHelpOptions = true)
    static final class Export extends StoreCommand {
        @Parameters(paramLabel = "DIR", description = "The folder to write (an .ait42 home).")
        Path directory;

        @Override
        public Integer call() {
            try (SessionStore s = store.open()) {
                ExportReport report = new LegacyHistory(s).exportTo(directory);
                out().printf(Locale.ROOT, "exported %d sessions of %d workspaces to %s%n",
                        report.sessions(), report.workspaces(), directory);
                return 0;
            }
        }
    }

    @Command(name = "reindex", description = "Rebuild the full-text index from the database.", mixinStandardHelpOptions = true)
    static final class Reindex extends StoreCommand {

        @Override
        public Integer call() {
            PrintWriter out = out();
            try (SessionStore s = store.open()) {
                Progress progress = new Progress(out, "documents");
                ReindexReport report = s.fullText().reindex(progress::update);
                progress.finish();
                out.printf(Locale.ROOT, "reindexed %,d documents in %.1f s (%,.0f docs/s)%n", report.documents(),
                        report.elapsed().toNanos() / 1e9, report.documentsPerSecond());
                return 0;
            }
        }
    }

    @Command(name = "check", description = "Check the database (integrity, foreign keys) and the index (every"
            + " document against its row).",
            mixinStandardHelpOptions = true)
    static final class Check extends StoreCommand.WithJson {

        @Override
        public Integer call() {
            PrintWriter out = out();
            try (SessionStore s = store.open()) {
                IntegrityReport database = s.maintenance().checkIntegrity();
                IndexDifferences index = s.fullText().differences();
                List<String> problems = new ArrayList<>(database.problems());
                if (!index.consistent()) {
                    problems.add(String.format(Locale.ROOT, "search index out of step: %d missing, %d extra and %d"
                                    + " stale documents (%d documents, %d rows); run reindex",
                            index.missing(), index.extra(), index.stale(), index.documents(), index.rows()));
                    index.examples().forEach(example -> problems.add("  " + example));
                }
                if (index.pendingWork() > 0 && !json) {
                    // not a problem: another process holds the index writer and applies them
                    out.printf(Locale.ROOT, "%,d recorded changes are on their way into the search index%n",
                            index.pendingWork());
                }
                if (json) {
                    Map<String, Object> doc = new LinkedHashMap<>();
                    doc.put("ok", problems.isEmpty());
                    doc.put("problems", problems);
                    doc.put("index", s.fullText().counts());
                    doc.put("differences", index);
                    Json.print(out, doc);
                } else {
                    out.println(problems.isEmpty() ? "ok: database and search index are consistent" : "PROBLEMS:");
                    problems.forEach(p -> out.println("  " + p));
                }
                return problems.isEmpty() ? 0 : 1;
            }
        }
    }

    @Command(name = "backup", description = "Online, consistent copy of the database into a new FILE.",
            mixinStandardHelpOptions = true)
    static final class Backup extends StoreCommand {
        @Parameters(paramLabel = "FILE", description = "The backup file; must not exist.")
        Path target;

        @Override
        public Integer call() {
            if (store.server()) {
                // Nothing opened: a server database has its own tools, and export writes a portable copy.
                throw new ConflictException("backup copies a SQLite file; back " + store.name() + " up with pg_dump"
                        + " (pg_dump -Fc -d DATABASE -f FILE), or write its history as JSON with export DIR");
            }
            try (SessionStore s = store.open()) {
                s.maintenance().backup(target);
                out().println("backed up to " + target);
                return 0;
            } catch (ValidationException e) {
                // An existing target or a missing folder: the command ran and failed (1), not a usage error (2).
                throw new ConflictException(e.getMessage(), e);
            }
        }
    }

    @Command(name = "optimize", description = "Refresh the query planner's statistics (SQLite: PRAGMA optimize; PostgreSQL: ANALYZE).",
            mixinStandardHelpOptions = true)
    static final class Optimize extends StoreCommand {

        @Override
        public Integer call() {
            try (SessionStore s = store.open()) {
                s.maintenance().optimize();
                out().println(store.server() ? "optimized (ANALYZE)" : "optimized");
                return 0;
            }
        }
    }
}
