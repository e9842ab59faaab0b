package dev.ait42.session.bench;

import dev.ait42.session.repository.SessionRepository;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

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
    private static final int UPDATE_POOL = 32;

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
     * Changes the task of a session: ours through {@code modify} (reads the session row, writes the
     * changed columns, bumps the version); the baseline runs the version-checked UPDATE of the
     * changed row, its key and version read beforehand.
     */
    private Row update() throws Exception {
        int pool = Math.max(1, Math.min(UPDATE_POOL, sessionCount / 2));
        Map<String, long[]> keys = new HashMap<>();
        for (int r = 0; r < pool; r++) {
            keys.put(theirs(r), jdbc.keyAndVersion(theirs(r)));
        }
        return Row.latency("update a session's task (modify)", harness.measure(
                r -> {
                    String task = "renamed " + r;
                    sessions.modify(workspace, ours(r % pool), s -> s.setTask(task));
                },
                r -> {
                    long[] key = keys.get(theirs(r % pool));
                    jdbc.updateTask(key[0], key[1], "renamed " + r);
                    key[1]++;
                }), 4.0, Row.MAX_RATIO);
    }
}
