package dev.ait42.session.bench;

import dev.ait42.session.model.ColumnTypes;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A deterministic (seeded) history for benchmarks: sessions of a given {@link Shape} (5
 * instances and 50 messages unless told otherwise), messages of about 200 characters mixing English and Japanese, with marker words at known
 * rates so queries of different selectivity can be timed. Written with raw JDBC batches, the
 * way a bulk import writes (the same SQL on SQLite and PostgreSQL, times bound as each database
 * holds them); the search index is rebuilt afterwards.
 */
final class SyntheticHistory {

    static final int INSTANCES_PER_SESSION = 5;
    static final int MESSAGES_PER_SESSION = 50;

    /** Instances and messages per session. */
    record Shape(int instances, int messages) {
        static final Shape DEFAULT = new Shape(INSTANCES_PER_SESSION, MESSAGES_PER_SESSION);
    }

    /** Marker words and the share of messages that contain each. */
    record Marker(String word, double rate) {
    }

    static final List<Marker> MARKERS = List.of(
            new Marker("deadlock", 0.005),
            new Marker("migration", 0.05),
            new Marker("token", 0.15),
            new Marker("認証", 0.03),
            new Marker("トークン", 0.08));

    private static final String[] ENGLISH = {
        "Refactored the repository layer and added tests for the edge cases.",
        "The build failed on the CI runner because of a missing environment variable.",
        "I will split the component into smaller pieces before the review.",
        "Updated the dependency versions and regenerated the lock file.",
        "The endpoint now validates its input and returns a clear error message.",
        "Benchmarks show the new cache halves the response time of the listing.",
        "Renamed the configuration keys to match the documentation.",
        "Fixed a race between the writer thread and the background flush.",
    };
    private static final String[] JAPANESE = {
        "リポジトリ層をリファクタリングし、境界ケースのテストを追加しました。",
        "環境変数が不足していたため、CIのビルドが失敗しました。",
        "レビューの前にコンポーネントを小さく分割します。",
        "依存関係のバージョンを更新し、ロックファイルを再生成しました。",
        "エンドポイントで入力を検証し、分かりやすいエラーを返すようにしました。",
        "新しいキャッシュで一覧のレスポンス時間が半分になりました。",
    };
    private static final String[] MARKER_SENTENCES_EN = {
        "We hit a %s when two agents wrote at once.",
        "The %s step is now part of the release checklist.",
        "Checked how the %s is handled on expiry.",
    };
    private static final String[] MARKER_SENTENCES_JA = {
        "%sの処理を見直す必要があります。",
        "リフレッシュ%sのローテーションを実装しました。",
    };

    static final String[] TYPES = {"competition", "ensemble", "debate"};
    static final String[] STATUSES = {"completed", "completed", "failed", "running"};
    /** Runtimes and their models; a null runtime (about one instance in twenty) is the unknown group. */
    static final String[] RUNTIMES = {"claude", "codex", "gemini"};
    static final String[] MODELS = {"claude-sonnet-4", "gpt-5-codex", "gemini-2.5-pro"};
    private static final String[] INSTANCE_STATUSES = {"completed", "completed", "completed", "failed", "archived"};

    private final SplittableRandom random;
    /** A stream of its own for the instances' facts, so the messages stay what they were before them. */
    private final SplittableRandom facts;
    private final Shape shape;
    private final Instant start = Instant.parse("2025-01-01T00:00:00Z");

    SyntheticHistory(long seed) {
        this(seed, Shape.DEFAULT);
    }

    SyntheticHistory(long seed, Shape shape) {
        this.random = new SplittableRandom(seed);
        this.facts = new SplittableRandom(~seed);
        this.shape = shape;
    }

    /** The user-visible id of the session with row key {@code pk}. */
    static String sessionId(long pk) {
        return String.format("bench-%06d", pk);
    }

    String message() {
        StringBuilder text = new StringBuilder();
        while (text.length() < 180) {
            String[] pool = random.nextInt(3) == 0 ? JAPANESE : ENGLISH;
            text.append(pool[random.nextInt(pool.length)]).append(' ');
        }
        for (Marker marker : MARKERS) {
            if (random.nextDouble() < marker.rate()) {
                boolean japanese = Character.UnicodeScript.of(marker.word().codePointAt(0)) != Character.UnicodeScript.LATIN;
                String[] templates = japanese ? MARKER_SENTENCES_JA : MARKER_SENTENCES_EN;
                text.append(String.format(templates[random.nextInt(templates.length)], marker.word())).append(' ');
            }
        }
        return text.toString().strip();
    }

    /** Runtime, model, start and end (one in ten unfinished), files and lines: parameters 9 to 15. */
    private void bindFacts(PreparedStatement i, ColumnTypes.JdbcValues values, Instant start) throws SQLException {
        int runtime = facts.nextInt(20) == 0 ? -1 : facts.nextInt(RUNTIMES.length);
        i.setString(9, runtime < 0 ? null : RUNTIMES[runtime]);
        i.setString(10, runtime < 0 ? null : MODELS[runtime]);
        values.time(i, 11, start);
        values.time(i, 12, facts.nextInt(10) == 0 ? null : start.plusSeconds(60 + facts.nextInt(3540)));
        setInteger(i, 13, facts.nextInt(21));
        setInteger(i, 14, facts.nextInt(501));
        setInteger(i, 15, facts.nextInt(201));
    }

    private static void setInteger(PreparedStatement ps, int index, Integer value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.INTEGER);
        } else {
            ps.setInt(index, value);
        }
    }

    /**
     * Writes {@code sessions} sessions with their graphs into a migrated, empty store, with
     * explicit keys 1..sessions (on PostgreSQL, {@link BenchDatabase#keysWritten} then moves the
     * key sequence past them).
     */
    void write(Connection c, String workspaceHash, int sessions) throws SQLException {
        ColumnTypes.JdbcValues values = ColumnTypes.jdbcValues(c);
        c.setAutoCommit(false);
        try (PreparedStatement s = c.prepareStatement("insert into sessions (pk, workspace_hash, id, version,"
                + " session_type, task, status, created_at, updated_at, model, total_duration, winner_id)"
                + " values (?,?,?,0,?,?,?,?,?,?,?,?)");
             PreparedStatement i = c.prepareStatement("insert into instances (session_pk, instance_id, worktree_path,"
                     + " branch, agent_name, tmux_session_id, status, output, runtime, model, start_time, end_time,"
                     + " files_changed, lines_added, lines_deleted) values (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
             PreparedStatement m = c.prepareStatement("insert into chat_messages (session_pk, id, seq, role, content,"
                     + " timestamp, instance_id) values (?,?,?,?,?,?,?)")) {
            for (int pk = 1; pk <= sessions; pk++) {
                Instant created = start.plusSeconds(pk * 600L);
                s.setLong(1, pk);
                s.setString(2, workspaceHash);
                s.setString(3, sessionId(pk));
                s.setString(4, TYPES[pk % TYPES.length]);
                s.setString(5, message().substring(0, 80));
                s.setString(6, STATUSES[pk % STATUSES.length]);
                values.time(s, 7, created);
                values.time(s, 8, created.plusSeconds(300));
                s.setString(9, "claude-sonnet-4");
                s.setLong(10, 300);
                // decided competitions have a winner; the others (and every ensemble or debate) none
                boolean decided = TYPES[pk % TYPES.length].equals("competition")
                        && STATUSES[pk % STATUSES.length].equals("completed");
                setInteger(s, 11, decided ? facts.nextInt(shape.instances()) : null);
                s.addBatch();
                for (int n = 0; n < shape.instances(); n++) {
                    i.setLong(1, pk);
                    i.setInt(2, n);
                    i.setString(3, "/tmp/worktrees/bench-" + pk + "-" + n);
                    i.setString(4, "ait42/bench-" + pk + "-" + n);
                    i.setString(5, "agent-" + n);
                    i.setString(6, "ait42-bench-" + pk);
                    i.setString(7, INSTANCE_STATUSES[facts.nextInt(INSTANCE_STATUSES.length)]);
                    i.setString(8, message());
                    bindFacts(i, values, created.plusSeconds(n));
                    i.addBatch();
                }
                for (int n = 0; n < shape.messages(); n++) {
                    m.setLong(1, pk);
                    m.setString(2, "msg-" + n);
                    m.setInt(3, n);
                    m.setString(4, n % 2 == 0 ? "user" : "assistant");
                    m.setString(5, message());
                    values.time(m, 6, created.plusSeconds(n));
                    m.setInt(7, n % shape.instances());
                    m.addBatch();
                }
                if (pk % 100 == 0 || pk == sessions) {
                    s.executeBatch();
                    i.executeBatch();
                    m.executeBatch();
                }
            }
            c.commit();
        } finally {
            c.setAutoCommit(true);
        }
    }
}
