package dev.ait42.session.legacy;

import java.time.Duration;
import java.util.List;

/**
 * What an import did (or, for a dry run, would do).
 *
 * @param filesRead         session files read (broken ones included)
 * @param created           sessions new to the database
 * @param updated           sessions changed in the JSON since the last import
 * @param unchanged         sessions already imported as they are
 * @param failed            sessions not imported (see {@code problems})
 * @param onlyInDatabase    "workspaceHash/sessionId" of sessions in the database but no longer in the JSON; left alone
 * @param problems          broken files and invalid sessions, with file, line and column
 */
public record ImportReport(int filesRead, int created, int updated, int unchanged, int failed,
                           List<String> onlyInDatabase, List<ImportProblem> problems, boolean dryRun,
                           Duration elapsed) {

    public ImportReport {
        onlyInDatabase = List.copyOf(onlyInDatabase);
        problems = List.copyOf(problems);
    }

    /** True when every file and session was read and imported. */
    public boolean ok() {
        return problems.isEmpty();
    }
}
