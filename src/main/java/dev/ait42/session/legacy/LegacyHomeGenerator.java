package dev.ait42.session.legacy;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.ait42.session.model.WorkspaceHash;
import dev.ait42.session.store.OwnerOnlyFiles;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Writes a deterministic (seeded) legacy home for benchmarks and tests: {@code sessions/<hash>.json}
 * files holding {@code sessions} sessions of {@value #INSTANCES} instances and {@value #MESSAGES}
 * chat messages each (messages of about 200 characters, English and Japanese), spread over
 * {@code workspaces} files, plus {@code workspace_mapping.json}. Both timestamp styles of the
 * legacy files occur (with {@code Z} and milliseconds, with an offset, {@code +09:00} included),
 * every type and status, and fields the schema does not know at each level. Streamed with
 * Jackson's generator: memory does not grow with the number of sessions.
 *
 * <pre>{@code
 * LegacyHomeGenerator.write(Path.of("target/legacy-home"), 1000, 1, 42);
 * }</pre>
 *
 * From the command line: {@code LegacyHomeGenerator HOME SESSIONS [WORKSPACES [SEED]]}.
 */
public final class LegacyHomeGenerator {

    public static final int INSTANCES = 5;
    public static final int MESSAGES = 50;

    private static final String[] TYPES = {"competition", "ensemble", "debate"};
    private static final String[] STATUSES = {"completed", "failed", "running", "paused"};
    private static final String[] INSTANCE_STATUSES = {"idle", "running", "completed", "failed", "paused", "archived"};
    private static final String[] RUNTIMES = {"claude", "codex", "gemini"};
    private static final String[] AGENTS = {"frontend-developer", "backend-developer", "test-engineer",
        "security-reviewer", "ui-designer"};
    private static final String[] ENGLISH = {
        "Refactored the repository layer and added tests for the edge cases.",
        "The build failed on the CI runner because of a missing environment variable.",
        "I will split the component into smaller pieces before the review.",
        "Updated the dependency versions and regenerated the lock file.",
        "The endpoint now validates its input and returns a clear error message.",
        "Fixed a race between the writer thread and the background flush.",
        "The refresh token is rotated on every login and revoked on logout.",
    };
    private static final String[] JAPANESE = {
        "リポジトリ層をリファクタリングし、境界ケースのテストを追加しました。",
        "環境変数が不足していたため、CIのビルドが失敗しました。",
        "レビューの前にコンポーネントを小さく分割します。",
        "リフレッシュトークンのローテーションを実装しました。",
        "エンドポイントで入力を検証し、分かりやすいエラーを返すようにしました。",
    };
    private static final DateTimeFormatter OFFSET_STYLE = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssxxx");
    private static final DateTimeFormatter MILLIS_STYLE = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);
    private static final Instant START = Instant.parse("2025-01-01T00:00:00Z");

    private final SplittableRandom random;

    private LegacyHomeGenerator(long seed) {
        this.random = new SplittableRandom(seed);
    }

    public static void main(String[] args) {
        if (args.length < 2) {
            System.err.println("usage: LegacyHomeGenerator HOME SESSIONS [WORKSPACES [SEED]]");
            System.exit(2);
        }
        Path home = Path.of(args[0]);
        int sessions = Integer.parseInt(args[1]);
        int workspaces = args.length > 2 ? Integer.parseInt(args[2]) : 1;
        long seed = args.length > 3 ? Long.parseLong(args[3]) : 42;
        List<Path> files = write(home, sessions, workspaces, seed);
        System.out.println("wrote " + sessions + " sessions into " + files.size() + " files under " + home);
    }

    /**
     * Writes the home (creating folders, replacing files of the same names).
     *
     * @return the session files written, in workspace order
     */
    public static List<Path> write(Path home, int sessions, int workspaces, long seed) {
        if (sessions < 0 || workspaces < 1) {
            throw new IllegalArgumentException("sessions must be >= 0 and workspaces >= 1");
        }
        return new LegacyHomeGenerator(seed).writeHome(home, sessions, workspaces);
    }

    /** The hash of the {@code n}th generated workspace ({@code /home/dev/project-n}). */
    public static String workspaceHash(int n) {
        return WorkspaceHash.ofCanonicalPath(workspacePath(n));
    }

    private static String workspacePath(int n) {
        return "/home/dev/project-" + n;
    }

    private List<Path> writeHome(Path home, int sessions, int workspaces) {
        Path folder = home.resolve(LegacyJson.SESSIONS);
        OwnerOnlyFiles.createDirectories(folder);
        List<Path> files = new ArrayList<>();
        int written = 0;
        try {
            for (int w = 0; w < workspaces; w++) {
                int count = sessions / workspaces + (w < sessions % workspaces ? 1 : 0);
                Path file = folder.resolve(workspaceHash(w) + ".json");
                try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
                     JsonGenerator g = LegacyJson.generator(out)) {
                    g.writeStartArray();
                    for (int i = 0; i < count; i++) {
                        writeSession(g, written++);
                    }
                    g.writeEndArray();
                }
                files.add(file);
            }
            try (OutputStream out = Files.newOutputStream(home.resolve(LegacyJson.MAPPING_FILE));
                 JsonGenerator g = LegacyJson.generator(out)) {
                g.writeStartObject();
                for (int w = 0; w < workspaces; w++) {
                    g.writeStringField(workspaceHash(w), workspacePath(w));
                }
                g.writeEndObject();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }

    private void writeSession(JsonGenerator g, int n) throws IOException {
        String id = String.format("%08x-0000-4000-8000-%012x", random.nextInt() & 0x7fffffff, (long) n);
        String type = TYPES[n % TYPES.length];
        String status = STATUSES[n % STATUSES.length];
        Instant created = START.plusSeconds(n * 600L);
        Instant updated = created.plusSeconds(300 + random.nextInt(3000));
        g.writeStartObject();
        g.writeStringField("id", id);
        g.writeStringField("type", type);
        g.writeStringField("task", (n % 3 == 0 ? JAPANESE[n % JAPANESE.length] : ENGLISH[n % ENGLISH.length])
                + " (#" + n + ")");
        g.writeStringField("status", status);
        g.writeStringField("createdAt", time(created, n));
        g.writeStringField("updatedAt", time(updated, n + 1));
        if (status.equals("completed") || status.equals("failed")) {
            g.writeStringField("completedAt", time(updated, n));
        }
        g.writeStringField("model", "claude-sonnet-4");
        g.writeNumberField("timeoutSeconds", 900);
        g.writeBooleanField("preserveWorktrees", n % 2 == 0);
        if (type.equals("competition") && status.equals("completed")) {
            g.writeNumberField("winnerId", n % INSTANCES);
        }
        g.writeArrayFieldStart("runtimeMix");
        g.writeString(RUNTIMES[n % RUNTIMES.length]);
        g.writeString(RUNTIMES[(n + 1) % RUNTIMES.length]);
        g.writeEndArray();
        g.writeNumberField("totalDuration", updated.getEpochSecond() - created.getEpochSecond());
        g.writeNumberField("totalFilesChanged", random.nextInt(40));
        g.writeNumberField("totalLinesAdded", random.nextInt(2000));
        g.writeNumberField("totalLinesDeleted", random.nextInt(500));
        if (type.equals("ensemble")) {
            g.writeStringField("integrationPhase", n % 2 == 0 ? "in_progress" : "pending");
        }
        if (n % 10 == 0) { // a field the schema does not know
            g.writeObjectFieldStart("evaluation");
            g.writeNumberField("score", random.nextInt(100) / 10.0);
            g.writeStringField("winnerReason", "smallest diff, all tests green");
            g.writeEndObject();
        }
        g.writeArrayFieldStart(LegacyJson.INSTANCES);
        for (int i = 0; i < INSTANCES; i++) {
            writeInstance(g, n, i, type, created);
        }
        g.writeEndArray();
        g.writeArrayFieldStart(LegacyJson.CHAT_HISTORY);
        for (int m = 0; m < MESSAGES; m++) {
            Instant at = created.plusSeconds(m * 5L);
            g.writeStartObject();
            g.writeStringField("id", m == 0 ? "msg-" + at.toEpochMilli() : "history-" + (m % INSTANCES) + "-" + at.toEpochMilli());
            g.writeStringField("role", m % 2 == 0 ? "user" : (m % 7 == 0 ? "system" : "assistant"));
            g.writeStringField("content", text(180));
            g.writeStringField("timestamp", time(at, m));
            if (m % 2 == 1) {
                g.writeNumberField("instanceId", m % INSTANCES);
            }
            if (m % 25 == 0) {
                g.writeNumberField("executionTime", random.nextInt(10_000));
            }
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    private void writeInstance(JsonGenerator g, int n, int i, String type, Instant created) throws IOException {
        boolean debate = type.equals("debate"); // a debate's agents share one worktree and tmux session
        g.writeStartObject();
        g.writeNumberField("instanceId", i);
        g.writeStringField("worktreePath", debate ? "/tmp/worktree-debate-" + n : "/tmp/worktree-" + n + "-" + i);
        g.writeStringField("branch", type + "/" + n + (debate ? "" : "-" + i));
        g.writeStringField("agentName", AGENTS[i % AGENTS.length]);
        g.writeStringField("status", INSTANCE_STATUSES[(n + i) % INSTANCE_STATUSES.length]);
        g.writeStringField("tmuxSessionId", debate ? "debate-" + n : "ait42-" + RUNTIMES[i % RUNTIMES.length] + "-" + n + "-" + i);
        g.writeStringField("output", text(200));
        g.writeStringField("startTime", time(created.plusSeconds(3 + i), i));
        g.writeStringField("endTime", time(created.plusSeconds(250 + i), i + 1));
        g.writeNumberField("filesChanged", random.nextInt(10));
        g.writeNumberField("linesAdded", random.nextInt(400));
        g.writeNumberField("linesDeleted", random.nextInt(100));
        g.writeStringField("runtime", RUNTIMES[i % RUNTIMES.length]);
        g.writeStringField("model", "claude-sonnet-4");
        if (i % 2 == 0) {
            g.writeStringField("runtimeLabel", "Claude Sonnet");
            g.writeNumberField("testsPassed", random.nextInt(50));
        }
        g.writeEndObject();
    }

    /** Either legacy style: {@code ...00.000Z}, or an offset ({@code +00:00}, every fifth one {@code +09:00}). */
    private static String time(Instant instant, int n) {
        if (n % 2 == 0) {
            return MILLIS_STYLE.format(instant);
        }
        ZoneOffset offset = n % 5 == 0 ? ZoneOffset.ofHours(9) : ZoneOffset.UTC;
        return OFFSET_STYLE.format(OffsetDateTime.ofInstant(instant, offset));
    }

    /** About {@code length} characters of English and Japanese sentences. */
    private String text(int length) {
        StringBuilder text = new StringBuilder(length + 80);
        while (text.length() < length) {
            String[] pool = random.nextInt(3) == 0 ? JAPANESE : ENGLISH;
            text.append(pool[random.nextInt(pool.length)]).append(' ');
        }
        return text.toString().strip();
    }
}
