package dev.ait42.session.bench;

import dev.ait42.session.model.Session;
import dev.ait42.session.repository.SessionRepository;

import java.util.ArrayList;
import java.util.List;

/**
 * The write paths, each against the same change in raw JDBC. Ours and the baseline touch
 * different sessions (ours the first half of the history, the baseline the second), so neither
 * sees the other's version numbers.
 */
final class WriteBenchmarks {

    private final SessionRepository sessions;
    private final JdbcBaseline jdbc;
    private final String workspace;
    private final int sessionCount;
    private final Harness harness;
    private final Samples samples = new Samples(7);

    WriteBenchmarks(SessionRepository sessions, JdbcBaseline jdbc, String workspace, int sessionCount, Harness harness) {
        this.sessions = sessions;
        this.jdbc = jdbc;
        this.workspace = workspace;
        this.sessionCount = sessionCount;
        this.harness = harness;
    }

    private String ours(int run) {
        return SyntheticHistory.sessionId(1 + run % Math.max(1, sessionCount / 2));
    }

    private String theirs(int run) {
        return SyntheticHistory.sessionId(1 + sessionCount / 2 + run % Math.max(1, sessionCount - sessionCount / 2));
    }

    List<Row> run() throws Exception {
        List<Row> rows = new ArrayList<>();
        rows.add(Row.latency("insert a session with 5 instances and 50 messages", harness.measure(
                r -> sessions.create(workspace, samples.session("new-ours-" + r, r)),
                r -> jdbc.insert(samples.session("new-jdbc-" + r, r))), 5.0, Row.MAX_RATIO));
        rows.add(update());
        rows.add(Row.latency("append a message", harness.measure(
                r -> sessions.addChatMessage(workspace, ours(r), samples.message("app-ours-" + r, r)),
                r -> jdbc.append(theirs(r), samples.message("app-jdbc-" + r, r))), null, Row.MAX_RATIO));
        return rows;
    }

    /**
     * Changes the task of a session read beforehand (the reads are untimed: one copy per run, all
     * read first). Ours replaces the session from the copy (version checked); the baseline runs
     * the version-checked UPDATE of the changed row.
     */
    private Row update() throws Exception {
        int total = harness.warmup() + harness.runs();
        List<Session> copies = new ArrayList<>(total);
        List<long[]> keys = new ArrayList<>(total);
        for (int r = 0; r < total; r++) {
            copies.add(sessions.get(workspace, ours(r)));
            keys.add(jdbc.keyAndVersion(theirs(r)));
        }
        boolean fresh = total <= sessionCount / 2; // each copy still current: no session is hit twice
        return Row.latency("update a session (task)", harness.measure(
                r -> {
                    Session copy = fresh ? copies.get(r) : sessions.get(workspace, ours(r));
                    copy.setTask("renamed " + r);
                    sessions.update(workspace, copy);
                },
                r -> {
                    long[] key = fresh ? keys.get(r) : jdbc.keyAndVersion(theirs(r));
                    jdbc.updateTask(key[0], key[1], "renamed " + r);
                }), 4.0, Row.MAX_RATIO);
    }
}
