package dev.ait42.session.legacy;

import java.util.List;

/** JSON and database compared session by session. */
public record VerificationReport(List<SessionComparison> sessions) {

    public VerificationReport {
        sessions = List.copyOf(sessions);
    }

    public long count(SessionComparison.State state) {
        return sessions.stream().filter(s -> s.state() == state).count();
    }

    /** True when every session is in both and equal. */
    public boolean consistent() {
        return sessions.stream().allMatch(s -> s.state() == SessionComparison.State.CONSISTENT);
    }
}
