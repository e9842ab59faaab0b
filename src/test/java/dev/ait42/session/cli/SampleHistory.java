package dev.ait42.session.cli;

import dev.ait42.session.SessionStore;
import dev.ait42.session.model.ChatMessage;
import dev.ait42.session.model.Instance;
import dev.ait42.session.model.InstanceStatus;
import dev.ait42.session.model.MessageRole;
import dev.ait42.session.model.Session;
import dev.ait42.session.model.SessionStatus;
import dev.ait42.session.model.SessionType;
import dev.ait42.session.repository.SessionRepository;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static dev.ait42.session.Fixtures.instance;

/**
 * A closed database with eight sessions in two workspaces, every sort key distinct, for the
 * command-line tests.
 *
 * <pre>
 * label           ws type        status    created (UTC)     updated (UTC)     duration files
 * dark-mode       A  competition completed 05-01 09:00       05-01 10:05       3900     6
 * debate-77aa     A  debate      paused    05-02 09:00       05-02 09:30       1200     0
 * token-rotation  A  ensemble    running   05-03 00:00 (!)   05-09 08:00       -        -
 * deadlock-fix    A  competition failed    05-04 09:00       05-04 11:00       600      2
 * shared-id@A     A  competition completed 05-05 09:00       05-05 10:00       300      1
 * shared-id@B     B  debate      failed    05-06 09:00       05-06 10:00       900      3
 * docs-ja         B  ensemble    completed 05-07 09:00       05-07 09:45       2700     4
 * cache-bust      B  competition running   05-08 09:00       05-08 09:10       60       9
 * </pre>
 *
 * Workspace A is a real folder (registered by path), B only a hash. "deadlock" is in
 * deadlock-fix's task and two messages, and once in a long message of cache-bust.
 */
record SampleHistory(Path db, Path folderA, String hashA) {

    static final String HASH_B = "b0b0b0b0b0b0b0b0";
    static final List<String> ALL = List.of("dark-mode", "debate-77aa", "token-rotation", "deadlock-fix",
            "shared-id@A", "shared-id@B", "docs-ja", "cache-bust");
    static final String TOKEN_TASK = "認証サービスのリフレッシュトークンのローテーションを実装する";
    static final String DOCS_TASK = "日本語ドキュメントの目次を整える";

    /** Sessions and the id shared by two workspaces told apart: {@code shared-id@A}, {@code shared-id@B}. */
    static String label(String workspaceHash, String id) {
        return id.equals("shared-id") ? id + (workspaceHash.equals(HASH_B) ? "@B" : "@A") : id;
    }

    static SampleHistory write(Path dir) {
        Path folderA = dir.resolve("project-a");
        try {
            Files.createDirectories(folderA);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Path db = dir.resolve("sessions.db");
        try (SessionStore store = SessionStore.open(db)) {
            SessionRepository sessions = store.sessions();
            String a = sessions.registerWorkspace(folderA).getHash();
            sessions.registerWorkspace(HASH_B, "/srv/elsewhere/project-b");

            Session dark = session("dark-mode", SessionType.COMPETITION, SessionStatus.COMPLETED,
                    "Add dark mode toggle to settings page", "2025-05-01T09:00:00Z", "2025-05-01T10:05:00Z", 3900L, 6);
            dark.setCompletedAt(t("2025-05-01T10:05:00Z"));
            dark.setModel("claude-sonnet-4");
            dark.setRuntimeMix(List.of("claude", "codex"));
            dark.setTotalLinesAdded(210);
            dark.setTotalLinesDeleted(12);
            dark.setWinnerId(0);
            Instance frontend = instance(0, "frontend-developer");
            frontend.setStatus(InstanceStatus.COMPLETED);
            frontend.setFilesChanged(6);
            Instance designer = instance(1, "ui-designer");
            designer.setStatus(InstanceStatus.ARCHIVED);
            designer.setRuntime("codex");
            dark.addInstance(frontend);
            dark.addInstance(designer);
            dark.addMessage(new ChatMessage("msg-1", MessageRole.USER, "Persist the chosen theme in localStorage.",
                    t("2025-05-01T09:00:00Z")));
            ChatMessage reply = new ChatMessage("history-0-2", MessageRole.ASSISTANT,
                    "Theme is stored under key 'todo.theme'\nand read on startup.", t("2025-05-01T09:01:00Z"));
            reply.setInstanceId(0);
            dark.addMessage(reply);
            sessions.create(a, dark);

            Session debate = session("debate-77aa", SessionType.DEBATE, SessionStatus.PAUSED,
                    "REST or GraphQL for the public API?", "2025-05-02T09:00:00Z", "2025-05-02T09:30:00Z", 1200L, 0);
            for (String agent : List.of("proponent", "opponent", "moderator")) {
                debate.addInstance(instance(debate.getInstances().size(), agent));
            }
            debate.addMessage(new ChatMessage("msg-3", MessageRole.SYSTEM, "Debate paused by user",
                    t("2025-05-02T09:20:00Z")));
            sessions.create(a, debate);

            Session token = session("token-rotation", SessionType.ENSEMBLE, SessionStatus.RUNNING, TOKEN_TASK,
                    "2025-05-03T00:00:00Z", "2025-05-09T08:00:00Z", null, null);
            token.addInstance(instance(0, "バックエンド開発者"));
            token.addInstance(instance(1, "レビュー担当"));
            token.addMessage(new ChatMessage("msg-4", MessageRole.USER, "古いトークンは一度だけ使えるようにしてください。",
                    t("2025-05-03T00:05:00Z")));
            sessions.create(a, token);

            Session deadlock = session("deadlock-fix", SessionType.COMPETITION, SessionStatus.FAILED,
                    "Fix the deadlock in the worker pool", "2025-05-04T09:00:00Z", "2025-05-04T11:00:00Z", 600L, 2);
            deadlock.setTotalLinesAdded(30);
            deadlock.setTotalLinesDeleted(8);
            deadlock.addInstance(instance(0, "backend-developer"));
            deadlock.addMessage(new ChatMessage("msg-5", MessageRole.USER, "the deadlock happens on shutdown",
                    t("2025-05-04T09:10:00Z")));
            deadlock.addMessage(new ChatMessage("msg-6", MessageRole.ASSISTANT, "deadlock again after the retry",
                    t("2025-05-04T10:10:00Z")));
            sessions.create(a, deadlock);

            sessions.create(a, session("shared-id", SessionType.COMPETITION, SessionStatus.COMPLETED,
                    "Shared id, first workspace: tidy the logs", "2025-05-05T09:00:00Z", "2025-05-05T10:00:00Z", 300L, 1));

            sessions.create(HASH_B, session("shared-id", SessionType.DEBATE, SessionStatus.FAILED,
                    "Shared id, second workspace: pick a logging library", "2025-05-06T09:00:00Z",
                    "2025-05-06T10:00:00Z", 900L, 3));

            Session docs = session("docs-ja", SessionType.ENSEMBLE, SessionStatus.COMPLETED, DOCS_TASK,
                    "2025-05-07T09:00:00Z", "2025-05-07T09:45:00Z", 2700L, 4);
            docs.addInstance(instance(0, "テクニカルライター"));
            docs.addMessage(new ChatMessage("msg-7", MessageRole.USER, "見出しの番号を揃えてください。",
                    t("2025-05-07T09:01:00Z")));
            sessions.create(HASH_B, docs);

            Session cache = session("cache-bust", SessionType.COMPETITION, SessionStatus.RUNNING,
                    "Cache invalidation for the settings API", "2025-05-08T09:00:00Z", "2025-05-08T09:10:00Z", 60L, 9);
            cache.addInstance(instance(0, "performance-engineer"));
            cache.addMessage(new ChatMessage("msg-8", MessageRole.ASSISTANT, longMessageMentioning("deadlock"),
                    t("2025-05-08T09:05:00Z")));
            sessions.create(HASH_B, cache);

            return new SampleHistory(db, folderA, a);
        }
    }

    /** About 2 KB of English that mentions {@code word} once, in the middle. */
    private static String longMessageMentioning(String word) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 20; i++) {
            text.append("We looked at the build scripts and the cache settings of module ").append(i).append(". ");
            if (i == 10) {
                text.append("Someone also mentioned a ").append(word).append(" in passing. ");
            }
        }
        return text.toString();
    }

    private static Session session(String id, SessionType type, SessionStatus status, String task, String created,
                                   String updated, Long duration, Integer files) {
        Session s = new Session(id, type, task);
        s.setStatus(status);
        s.setCreatedAt(t(created));
        s.setUpdatedAt(t(updated));
        s.setTotalDuration(duration);
        s.setTotalFilesChanged(files);
        return s;
    }

    private static Instant t(String text) {
        return Instant.parse(text);
    }
}
