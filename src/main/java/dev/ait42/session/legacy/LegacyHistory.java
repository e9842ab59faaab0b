package dev.ait42.session.legacy;

import dev.ait42.session.SessionServices;
import dev.ait42.session.SessionStore;
import dev.ait42.session.UnitOfWork;
import dev.ait42.session.search.FullTextSearch;
import dev.ait42.session.model.Session;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.Objects;

/**
 * The legacy JSON history ({@code ~/.ait42/sessions/<hash>.json} plus
 * {@code workspace_mapping.json}): import into the store, compare with it, export back.
 *
 * <pre>{@code
 * LegacyHistory legacy = new LegacyHistory(store);
 * ImportReport report = legacy.importHome(LegacyHistory.defaultHome(), false, ImportProgress.NONE);
 * VerificationReport check = legacy.verify(LegacyHistory.defaultHome());
 * legacy.exportTo(Path.of("backup"));   // backup/sessions/<hash>.json + backup/workspace_mapping.json
 * }</pre>
 *
 * <p><b>The legacy form of a session</b>, which import, verification and export share: the legacy
 * files' camelCase field names; timestamps of either style and any offset, stored and written in
 * UTC with milliseconds ({@code 2025-05-02T09:00:00.000Z}); an optional field stored as NULL is
 * written back as the file had it: an explicit {@code null} as {@code null} (the import marks it
 * among the session's, instance's or message's extra fields), an absent one not at all; fields this
 * schema has no column for ({@code evaluation}, {@code testsPassed}...) are kept per session,
 * instance and message and written back as they were (nulls included); {@code instances} are
 * ordered by instance number and {@code chatHistory} keeps its order; an absent
 * {@code instances} or {@code chatHistory} is an empty one.
 *
 * <p>Only one import, verification or export should run at a time on a store; the application
 * may keep using it meanwhile.
 */
public final class LegacyHistory {

    private final FullTextSearch fullText;
    private final UnitOfWork transactions;

    /** The legacy history of an embedded store. */
    public LegacyHistory(SessionStore store) {
        this(Objects.requireNonNull(store, "store").services());
    }

    /** The legacy history on the library's services in an application (the shared mode). */
    public LegacyHistory(SessionServices services) {
        Objects.requireNonNull(services, "services");
        this.fullText = services.fullText();
        this.transactions = services.unitOfWork();
    }

    /** {@code ~/.ait42}, the default legacy home. */
    public static Path defaultHome() {
        return Path.of(System.getProperty("user.home"), ".ait42");
    }

    /**
     * Imports every {@code sessions/*.json} under {@code ait42Home}; with {@code dryRun} parses and
     * validates only, writing nothing.
     *
     * <ul>
     * <li>Each file is a workspace, keyed by its file name's hash; its path comes from
     *     {@code workspace_mapping.json} (unknown, null, when the mapping lacks it).</li>
     * <li>Files are streamed: memory holds a chunk of sessions, never a whole file.</li>
     * <li>A session is imported whole or not at all. An invalid one (wrong type, unknown enum
     *     value, missing id...) is a problem naming file, line, column and field; the other
     *     sessions of the file still import, and so do the sessions before a break in a truncated
     *     file.</li>
     * <li>Idempotent: a session equal to its stored copy is {@code unchanged} and not written; one
     *     that differs is replaced whole ({@code updated}), unless the stored copy was updated
     *     after the JSON's {@code updatedAt} (the application changed it since): that one is left
     *     alone and listed in {@code newerInDatabase}. Sessions in the database but no longer in
     *     the file of their workspace are left alone and listed in {@code onlyInDatabase};
     *     workspaces the home has no file for are not looked at. A re-import of the same files
     *     writes nothing at all.</li>
     * <li>New and changed sessions are searchable (full text) when the call returns.</li>
     * <li>A dry run reads the files and the database and writes nothing at all; its report says
     *     what an import would do.</li>
     * </ul>
     *
     * @param progress called on this thread as the files are read; may be null
     * @throws dev.ait42.session.SessionStoreException if the database cannot be used at all (locked
     *         by another process past the busy timeout, disk full, I/O error); the sessions
     *         committed until then stay (and are indexed): importing again resumes
     */
    public ImportReport importHome(Path ait42Home, boolean dryRun, ImportProgress progress) {
        Objects.requireNonNull(ait42Home, "ait42Home");
        return new LegacyImport(fullText, transactions, dryRun, progress).run(ait42Home);
    }

    /**
     * Reads one legacy session file without touching any store, handing each valid session (a
     * detached graph) to {@code sink} as it is read; invalid sessions and a broken end of file are
     * returned as problems. For tools and benchmarks that need the sessions themselves.
     */
    public static List<ImportProblem> readSessions(Path file, Consumer<Session> sink) {
        Objects.requireNonNull(sink, "sink");
        List<ImportProblem> problems = new ArrayList<>();
        try (LegacyFileReader reader = new LegacyFileReader(file)) {
            reader.start();
            for (LegacyFileReader.Item item = reader.next(); item != null; item = reader.next()) {
                if (item instanceof LegacyFileReader.Parsed parsed) {
                    sink.accept(parsed.session());
                } else if (item instanceof LegacyFileReader.Rejected rejected) {
                    problems.add(rejected.problemIn(file));
                } else if (item instanceof LegacyFileReader.Gap gap) {
                    problems.add(gap.problemIn(file));
                }
            }
        } catch (LegacyFileReader.FormatException | IOException e) {
            problems.add(LegacyHome.readingStopped(file, e));
        }
        LegacyHome.countColumnsInCharacters(file, problems, 0);
        return problems;
    }

    /**
     * Compares the JSON files with the database, session by session, in their legacy form (see
     * the class comment: a session just imported is {@code CONSISTENT}); writes nothing.
     * {@code INCONSISTENT} names the differing JSON paths ({@code task},
     * {@code instances[1].status}, {@code evaluation.score}); every session of the database that no
     * file holds is {@code ONLY_IN_DATABASE}.
     */
    public VerificationReport verify(Path ait42Home) {
        Objects.requireNonNull(ait42Home, "ait42Home");
        return new LegacyVerification(transactions).run(ait42Home);
    }

    /**
     * Writes {@code <hash>.json} per workspace into {@code directory/sessions/} and
     * {@code workspace_mapping.json} (workspaces whose path is known), in the legacy form, from
     * one consistent snapshot of the database. Files are written owner-only through a temporary
     * file and an atomic move, replacing files of the same name; other files are left alone.
     * Importing the export gives the same data back.
     *
     * @throws dev.ait42.session.StorageException if a file cannot be written (the file it was
     *         replacing, if any, is left whole)
     */
    public ExportReport exportTo(Path directory) {
        Objects.requireNonNull(directory, "directory");
        return new LegacyExport(transactions).run(directory);
    }
}
