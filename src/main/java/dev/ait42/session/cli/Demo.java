package dev.ait42.session.cli;

import dev.ait42.session.SessionStore;
import dev.ait42.session.model.ChatMessage;
import dev.ait42.session.model.Instance;
import dev.ait42.session.model.InstanceStatus;
import dev.ait42.session.model.MessageRole;
import dev.ait42.session.model.Session;
import dev.ait42.session.model.SessionStatus;
import dev.ait42.session.model.SessionType;
import dev.ait42.session.repository.FetchPlan;
import dev.ait42.session.repository.KeysetPage;
import dev.ait42.session.repository.SessionQuery;
import dev.ait42.session.repository.SessionRepository;
import dev.ait42.session.repository.SessionSort;
import dev.ait42.session.repository.SessionStatistics;
import dev.ait42.session.repository.SortDirection;
import dev.ait42.session.search.FullTextPage;
import dev.ait42.session.search.FullTextQuery;
import dev.ait42.session.search.Match;
import dev.ait42.session.search.SessionHit;

import java.io.PrintWriter;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/** Saves an example history once (re-runs reuse it) and shows listing, search and statistics. */
final class Demo {

    private static final String WORKSPACE_HASH = "8d5ad9544df715a2";
    private static final String WORKSPACE_PATH = "/Users/dev/code/todo-app";

    private final SessionStore store;
    private final SessionRepository sessions;
    private final PrintWriter out;

    Demo(SessionStore store, PrintWriter out) {
        this.store = store;
        this.sessions = store.sessions();
        this.out = out;
    }

    void run() {
        sessions.registerWorkspace(WORKSPACE_HASH, WORKSPACE_PATH);
        int created = seed();
        out.printf("database %s: %d example sessions saved, %d already there%n",
                store.databaseFile(), created, 3 - created);

        out.println();
        out.println("All sessions, newest update first:");
        print(sessions.searchKeyset(SessionQuery.inWorkspace(WORKSPACE_HASH).fetch(FetchPlan.INSTANCES).build(),
                null, 20));

        out.println();
        out.println("Completed or running competitions and debates mentioning \"API\", longest first:");
        print(sessions.searchKeyset(SessionQuery.inWorkspace(WORKSPACE_HASH)
                .types(SessionType.COMPETITION, SessionType.DEBATE)
                .statuses(SessionStatus.COMPLETED, SessionStatus.RUNNING, SessionStatus.PAUSED)
                .text("api")
                .sort(SessionSort.TOTAL_DURATION, SortDirection.DESC)
                .fetch(FetchPlan.INSTANCES)
                .build(), null, 20));

        out.println();
        out.println("Sessions whose task mentions \"リフレッシュトークン\":");
        print(sessions.searchKeyset(SessionQuery.inWorkspace(WORKSPACE_HASH).text("リフレッシュトークン")
                .fetch(FetchPlan.INSTANCES).build(), null, 20));

        out.println();
        out.println("Full-text search \"theme\" (tasks, agent outputs and chat history, ranked):");
        print(store.fullText().search(FullTextQuery.matching("theme")
                .filter(SessionQuery.inWorkspace(WORKSPACE_HASH).fetch(FetchPlan.SUMMARY).build()).build()));

        out.println();
        out.println("Full-text search \"トークン\" (a word inside Japanese sentences):");
        print(store.fullText().search(FullTextQuery.matching("トークン")
                .filter(SessionQuery.inWorkspace(WORKSPACE_HASH).fetch(FetchPlan.SUMMARY).build()).build()));

        SessionStatistics stats = sessions.statistics(SessionQuery.inWorkspace(WORKSPACE_HASH).build());
        out.println();
        out.printf("Statistics: %d sessions, by status %s, by type %s%n", stats.total(), stats.byStatus(),
                stats.byType());
        out.printf("  success rate %s, average duration %s s, %d files changed, +%d/-%d lines%n",
                stats.successRate() == null ? "n/a" : String.format("%.0f%%", stats.successRate() * 100),
                stats.averageDurationSeconds() == null ? "n/a" : String.format("%.0f", stats.averageDurationSeconds()),
                stats.filesChanged(), stats.linesAdded(), stats.linesDeleted());
        out.printf("Integrity check: %s%n", store.maintenance().checkIntegrity().ok() ? "ok" : "PROBLEMS");
    }

    private void print(KeysetPage<Session> page) {
        out.printf("  %-38s %-11s %-9s %8s  %-22s %s%n", "ID", "TYPE", "STATUS", "DURATION", "AGENTS", "TASK");
        for (Session s : page.items()) {
            String agents = String.join(",", s.getInstances().stream().map(Instance::getAgentName).toList());
            out.printf("  %-38s %-11s %-9s %8s  %-22s %s%n", s.getId(), s.getType().wire(), s.getStatus().wire(),
                    s.getTotalDuration() == null ? "-" : s.getTotalDuration() + "s", agents, s.getTask());
        }
        if (page.items().isEmpty()) {
            out.println("  (none)");
        }
    }

    private void print(FullTextPage page) {
        out.printf("  %d sessions, %d matching passages%n", page.totalSessions(), page.totalMatches());
        for (SessionHit hit : page.hits()) {
            out.printf("  %.2f  %s  %s%n", hit.score(), hit.session().getId(), hit.session().getTask());
            for (Match match : hit.matches()) {
                String where = switch (match.source()) {
                    case MESSAGE -> "message " + match.messageId();
                    case INSTANCE_OUTPUT -> "output of instance " + match.instanceId();
                    case AGENT_NAME -> "agent name of instance " + match.instanceId();
                    case TASK -> "task";
                };
                out.printf("        %-32s %s%n", where, String.join(" … ", match.snippets()));
            }
        }
    }

    /** Saves the example sessions that are not there yet; returns how many it saved. */
    private int seed() {
        int created = 0;
        Instant base = Instant.parse("2025-05-02T09:00:00Z");
        if (sessions.find(WORKSPACE_HASH, "3d0c9a7e-5f41-4b8e-9c2a-1e7f6b5a4d30").isEmpty()) {
            Session s = new Session("3d0c9a7e-5f41-4b8e-9c2a-1e7f6b5a4d30", SessionType.COMPETITION,
                    "Add dark mode toggle to settings page and expose it in the public API");
            s.setCreatedAt(base);
            s.setModel("claude-sonnet-4");
            s.setRuntimeMix(List.of("claude", "codex"));
            s.setTotalDuration(3900L);
            s.setTotalFilesChanged(6);
            s.setTotalLinesAdded(210);
            s.setTotalLinesDeleted(12);
            s.addInstance(instance(0, "frontend-developer", "claude", base));
            s.addInstance(instance(1, "ui-designer", "codex", base));
            s.addMessage(new ChatMessage("msg-1746176400000", MessageRole.USER,
                    "Persist the chosen theme in localStorage.", base));
            sessions.create(WORKSPACE_HASH, s);
            sessions.addChatMessage(WORKSPACE_HASH, s.getId(), new ChatMessage("history-0-1746176460000",
                    MessageRole.ASSISTANT, "Theme is stored under key 'todo.theme' and read on startup.",
                    base.plus(1, ChronoUnit.MINUTES)));
            sessions.selectWinner(WORKSPACE_HASH, s.getId(), 0);
            sessions.changeStatus(WORKSPACE_HASH, s.getId(), SessionStatus.COMPLETED);
            created++;
        }
        if (sessions.find(WORKSPACE_HASH, "debate-77aa").isEmpty()) {
            Session s = new Session("debate-77aa", SessionType.DEBATE, "REST or GraphQL for the public API?");
            s.setCreatedAt(base.plus(1, ChronoUnit.DAYS));
            s.setStatus(SessionStatus.PAUSED);
            s.setTotalDuration(1200L);
            for (String agent : List.of("proponent", "opponent", "moderator")) {
                Instance i = instance(s.getInstances().size(), agent, "claude", s.getCreatedAt());
                i.setWorktreePath("/tmp/worktree-debate-77aa"); // debates share one worktree and tmux session
                i.setTmuxSessionId("debate-77aa");
                s.addInstance(i);
            }
            s.addMessage(new ChatMessage("msg-1746277200000", MessageRole.SYSTEM, "Debate paused by user",
                    s.getCreatedAt().plus(20, ChronoUnit.MINUTES)));
            sessions.create(WORKSPACE_HASH, s);
            created++;
        }
        if (sessions.find(WORKSPACE_HASH, "b5e2f1c0-2a3b-4c5d-8e9f-0a1b2c3d4e5f").isEmpty()) {
            Session s = new Session("b5e2f1c0-2a3b-4c5d-8e9f-0a1b2c3d4e5f", SessionType.ENSEMBLE,
                    "認証サービスのリフレッシュトークンのローテーションを実装する");
            s.setCreatedAt(base.plus(2, ChronoUnit.DAYS));
            s.addInstance(instance(0, "backend-developer", "gemini", s.getCreatedAt()));
            s.addMessage(new ChatMessage("msg-1746345600000", MessageRole.USER,
                    "古いトークンは一度だけ使えるようにしてください。", s.getCreatedAt()));
            sessions.create(WORKSPACE_HASH, s);
            sessions.updateInstanceStatus(WORKSPACE_HASH, s.getId(), 0, InstanceStatus.RUNNING);
            created++;
        }
        return created;
    }

    private static Instance instance(int number, String agent, String runtime, Instant start) {
        Instance i = new Instance(number);
        i.setAgentName(agent);
        i.setRuntime(runtime);
        i.setWorktreePath("/tmp/worktree-" + agent);
        i.setBranch("ait42/" + agent);
        i.setTmuxSessionId("ait42-" + runtime + "-" + number);
        i.setStatus(InstanceStatus.RUNNING);
        i.setStartTime(start);
        return i;
    }
}
