package dev.ait42.session.legacy;

import java.util.List;

/**
 * JSON and database compared session by session.
 *
 * @param sessions every session of either side, in file order, then the database-only ones
 * @param problems what could not be read in the JSON (broken files, invalid sessions); an invalid
 *                 session is also listed in {@code sessions}: {@code INCONSISTENT} (naming the bad
 *                 field) if the database has it, {@code ONLY_IN_JSON} otherwise
 * @param warnings what the JSON's sessions hold that an import keeps but reports (references to
 *                 instances a session does not have); they do not make it inconsistent
 */
public record VerificationReport(List<SessionComparison> sessions, List<ImportProblem> problems,
                                 List<ImportProblem> warnings) {

    public VerificationReport {
        sessions = List.copyOf(sessions);
        problems = List.copyOf(problems);
        warnings = List.copyOf(warnings);
    }

    public VerificationReport(List<SessionComparison> sessions, List<ImportProblem> problems) {
        this(sessions, problems, List.of());
    }

    public VerificationReport(List<SessionComparison> sessions) {
        this(sessions, List.of());
    }

    public long count(SessionComparison.State state) {
        return sessions.stream().filter(s -> s.state() == state).count();
    }

    /** True when every session is in both and equal, and the JSON could be read whole. */
    public boolean consistent() {
        return problems.isEmpty()
                && sessions.stream().allMatch(s -> s.state() == SessionComparison.State.CONSISTENT);
    }
}
