package dev.ait42.session.legacy;

import java.time.Duration;
import java.util.List;

/**
 * What an import did (or, for a dry run, would do). Every session element read from the files is
 * counted once: {@code created + updated + unchanged + failed + newerInDatabase.size()}.
 *
 * @param filesRead         session files read (broken ones included)
 * @param created           sessions new to the database
 * @param updated           sessions changed in the JSON since the last import (replaced whole)
 * @param unchanged         sessions already imported as they are
 * @param failed            sessions not imported (see {@code problems})
 * @param onlyInDatabase    "workspaceHash/sessionId" of sessions in the database but no longer in the JSON
 *                          file of their workspace; left alone. Only workspaces the imported home
 *                          has a file for are looked at.
 * @param problems          broken files and invalid sessions, with file, line and column
 * @param dryRun            nothing was written
 * @param elapsed           wall-clock time of the import, search indexing included
 * @param newerInDatabase   "workspaceHash/sessionId" of sessions that differ from the JSON but were
 *                          updated in the database after the JSON's {@code updatedAt}: the
 *                          database copy is newer, so it was left alone (not a problem)
 * @param indexing          the part of {@code elapsed} spent making new sessions searchable
 * @param warnings          what imported sessions hold that was kept as it is but is worth knowing:
 *                          a {@code winnerId}, {@code integrationInstanceId} or message
 *                          {@code instanceId} naming no instance of its session; not problems
 */
public record ImportReport(int filesRead, int created, int updated, int unchanged, int failed,
                           List<String> onlyInDatabase, List<ImportProblem> problems, boolean dryRun,
                           Duration elapsed, List<String> newerInDatabase, Duration indexing,
                           List<ImportProblem> warnings) {

    public ImportReport {
        onlyInDatabase = List.copyOf(onlyInDatabase);
        problems = List.copyOf(problems);
        newerInDatabase = List.copyOf(newerInDatabase);
        warnings = List.copyOf(warnings);
    }

    /** True when every file and session was read and imported (warnings do not count). */
    public boolean ok() {
        return problems.isEmpty();
    }
}
