package dev.ait42.session.search;

import dev.ait42.session.model.ChatMessage;
import dev.ait42.session.model.Instance;
import dev.ait42.session.model.MessageRole;
import dev.ait42.session.model.Session;
import dev.ait42.session.model.SessionStatus;
import dev.ait42.session.model.SessionType;
import dev.ait42.session.repository.FetchPlan;
import dev.ait42.session.repository.InstanceOutput;
import dev.ait42.session.repository.SessionQuery;
import org.hibernate.LazyInitializationException;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import static dev.ait42.session.Fixtures.instance;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each {@link SessionQuery} filter combined with a full-text query: the index-side filters
 * (workspace, types, statuses, creation range) and the database-side ones (update range, model,
 * runtime, listing text), for task, instance and message hits alike.
 */
class FullTextFilterTest extends FullTextTestSupport {

    /** A session whose only mention of {@code deploy} is in a message, unless the task says otherwise. */
    private static Session deploySession(String id, SessionType type, SessionStatus status, Instant created) {
        Session s = new Session(id, type, "Task of " + id);
        s.setStatus(status);
        s.setCreatedAt(created);
        s.setUpdatedAt(created);
        s.addMessage(new ChatMessage("m0", MessageRole.USER,
                "please deploy the service", created));
        return s;
    }

    private Session deploySession(String id) {
        return deploySession(id, SessionType.COMPETITION, SessionStatus.RUNNING, T0);
    }

    // ---- index-side filters ----

    @Test
    void workspaceFilterSeesOnlyThatWorkspaceForTaskInstanceAndMessageHits() {
        String other = repo.registerWorkspace(dir.resolve("project-b")).getHash();
        for (String workspace : List.of(ws, other)) {
            String suffix = workspace.equals(ws) ? "-a" : "-b";
            repo.create(workspace, session("task" + suffix, "Shared kerberos task"));
            repo.create(workspace, session("message" + suffix, "Plain", "shared kerberos note"));
            Session withAgent = session("agent" + suffix, "Plain");
            withAgent.addInstance(instance(0, "kerberos-expert"));
            repo.create(workspace, withAgent);
        }
        // the same session id in both workspaces
        repo.create(other, session("task-a", "Kerberos under the same id"));

        assertEquals(Set.of("task-a", "message-a", "agent-a"), found("kerberos", inWs().build()));
        FullTextPage otherPage = search("kerberos", SessionQuery.inWorkspace(other).build());
        assertEquals(Set.of("task-a", "task-b", "message-b", "agent-b"), idSet(otherPage));
        otherPage.hits().forEach(h -> assertEquals(other, h.session().getWorkspaceHash()));
        assertEquals(7, search("kerberos", SessionQuery.allWorkspaces().build()).totalSessions());
        assertEquals(7, search("kerberos").totalSessions(), "no filter: every workspace");
    }

    @Test
    void typesFilterAppliesToMessageHits() {
        save(deploySession("competition", SessionType.COMPETITION, SessionStatus.RUNNING, T0));
        save(deploySession("ensemble", SessionType.ENSEMBLE, SessionStatus.RUNNING, T0));
        save(deploySession("debate", SessionType.DEBATE, SessionStatus.RUNNING, T0));

        assertEquals(Set.of("ensemble"), found("deploy", inWs().types(SessionType.ENSEMBLE).build()));
        assertEquals(Set.of("competition", "debate"),
                found("deploy", inWs().types(SessionType.COMPETITION, SessionType.DEBATE).build()));
        assertEquals(Set.of("competition", "ensemble", "debate"), found("deploy", inWs().build()));
    }

    @Test
    void statusesFilterAppliesToTaskInstanceAndMessageHits() {
        save(deploySession("running", SessionType.COMPETITION, SessionStatus.RUNNING, T0));
        save(deploySession("failed", SessionType.COMPETITION, SessionStatus.FAILED, T0));
        Session done = new Session("done", SessionType.COMPETITION, "Deploy to staging");
        done.setStatus(SessionStatus.COMPLETED);
        save(done);
        Session paused = new Session("paused", SessionType.COMPETITION, "Plain task");
        paused.setStatus(SessionStatus.PAUSED);
        paused.addInstance(instance(0, "deploy-bot"));
        save(paused);

        assertEquals(Set.of("failed"), found("deploy", inWs().statuses(SessionStatus.FAILED).build()));
        assertEquals(Set.of("done", "paused"),
                found("deploy", inWs().statuses(SessionStatus.COMPLETED, SessionStatus.PAUSED).build()));
        assertEquals(Set.of("running", "failed", "done", "paused"), found("deploy", inWs().build()));
    }

    @Test
    void messageAndInstanceHitsFollowAStatusChangedAfterTheyWereIndexed() {
        Session s = deploySession("s", SessionType.COMPETITION, SessionStatus.RUNNING, T0);
        s.addInstance(instance(0, "alpha"));
        save(s);
        repo.saveInstanceOutput(ws, "s", 0, new InstanceOutput("rollout finished", null, null, null, null));
        SessionQuery completed = inWs().statuses(SessionStatus.COMPLETED).build();
        SessionQuery running = inWs().statuses(SessionStatus.RUNNING).build();
        assertEquals(Set.of(), found("deploy", completed));
        assertEquals(Set.of(), found("rollout", completed));

        repo.changeStatus(ws, "s", SessionStatus.COMPLETED);

        FullTextPage page = search("deploy", completed);
        assertEquals(Set.of("s"), idSet(page));
        assertEquals(Match.Source.MESSAGE, page.hits().get(0).matches().get(0).source());
        assertEquals(Set.of("s"), found("rollout", completed), "the instance document follows the status too");
        assertEquals(Set.of(), found("deploy", running), "the old status no longer matches");
        assertEquals(Set.of(), found("rollout", running));
    }

    @Test
    void messageHitsFollowATypeAndCreationTimeChangedByUpdate() {
        save(deploySession("s", SessionType.COMPETITION, SessionStatus.RUNNING, T0));
        Session copy = repo.get(ws, "s");
        copy.setType(SessionType.DEBATE);
        copy.setCreatedAt(T0.plus(Duration.ofDays(3)));
        repo.update(ws, copy);

        assertEquals(Set.of("s"), found("deploy", inWs().types(SessionType.DEBATE).build()));
        assertEquals(Set.of(), found("deploy", inWs().types(SessionType.COMPETITION).build()));
        assertEquals(Set.of("s"), found("deploy", inWs().createdBetween(T0.plus(Duration.ofDays(2)), null).build()));
        assertEquals(Set.of(), found("deploy", inWs().createdBetween(null, T0.plus(Duration.ofDays(1))).build()));
    }

    @Test
    void createdBetweenIsHalfOpen() {
        Instant from = T0;
        Instant to = T0.plus(Duration.ofDays(1));
        save(deploySession("before", SessionType.COMPETITION, SessionStatus.RUNNING, from.minusMillis(1)));
        save(deploySession("at-from", SessionType.COMPETITION, SessionStatus.RUNNING, from));
        save(deploySession("inside", SessionType.COMPETITION, SessionStatus.RUNNING, from.plus(Duration.ofHours(5))));
        save(deploySession("just-before-to", SessionType.COMPETITION, SessionStatus.RUNNING, to.minusMillis(1)));
        save(deploySession("at-to", SessionType.COMPETITION, SessionStatus.RUNNING, to));

        assertEquals(Set.of("at-from", "inside", "just-before-to"),
                found("deploy", inWs().createdBetween(from, to).build()));
        assertEquals(Set.of("before", "at-from", "inside", "just-before-to"),
                found("deploy", inWs().createdBetween(null, to).build()));
        assertEquals(Set.of("at-from", "inside", "just-before-to", "at-to"),
                found("deploy", inWs().createdBetween(from, null).build()));
    }

    // ---- database-side filters ----

    @Test
    void updatedBetweenIsHalfOpenAndIgnoresCreationTime() {
        Instant from = T0.plus(Duration.ofDays(10));
        Instant to = T0.plus(Duration.ofDays(11));
        String[] names = {"before", "at-from", "inside", "at-to"};
        Instant[] updated = {from.minusMillis(1), from, from.plusSeconds(60), to};
        for (int i = 0; i < names.length; i++) {
            Session s = deploySession(names[i], SessionType.COMPETITION, SessionStatus.RUNNING, T0);
            s.setUpdatedAt(updated[i]);
            save(s);
        }

        assertEquals(Set.of("at-from", "inside"), found("deploy", inWs().updatedBetween(from, to).build()));
        assertEquals(Set.of("before", "at-from", "inside"), found("deploy", inWs().updatedBetween(null, to).build()));
        assertEquals(Set.of("at-from", "inside", "at-to"), found("deploy", inWs().updatedBetween(from, null).build()));
    }

    @Test
    void modelFilterMatchesTheSessionModelOrAnInstanceModel() {
        Session sessionModel = deploySession("session-model");
        sessionModel.setModel("opus");
        save(sessionModel);
        Session instanceModel = deploySession("instance-model");
        Instance i = instance(0, "alpha");
        i.setModel("opus");
        instanceModel.addInstance(i);
        save(instanceModel);
        Session otherModel = deploySession("other-model");
        otherModel.setModel("sonnet");
        save(otherModel);

        assertEquals(Set.of("session-model", "instance-model"), found("deploy", inWs().model("opus").build()));
        assertEquals(Set.of("other-model"), found("deploy", inWs().model("sonnet").build()));
    }

    @Test
    void runtimeFilterMatchesTheRuntimeMixOrAnInstanceRuntime() {
        Session mix = deploySession("mix");
        mix.setRuntimeMix(List.of("codex", "gemini"));
        save(mix);
        Session byInstance = deploySession("by-instance");
        Instance i = instance(0, "alpha");
        i.setRuntime("codex");
        byInstance.addInstance(i);
        save(byInstance);
        Session claude = deploySession("claude");
        claude.addInstance(instance(0, "beta")); // Fixtures instances run claude
        save(claude);

        assertEquals(Set.of("mix", "by-instance"), found("deploy", inWs().runtime("codex").build()));
        assertEquals(Set.of("claude"), found("deploy", inWs().runtime("claude").build()));
    }

    @Test
    void listingTextFilterNarrowsFullTextHitsToSessionsWhoseTaskIdOrAgentContainsIt() {
        Session parser = deploySession("s-parser");
        parser.setTask("Refactor the Parser");
        save(parser);
        save(deploySession("lexer-work"));
        Session agent = deploySession("agent-work");
        agent.addInstance(instance(0, "parser-specialist"));
        save(agent);

        assertEquals(Set.of("s-parser", "agent-work"), found("deploy", inWs().text("PARSER").build()));
        assertEquals(Set.of("lexer-work"), found("deploy", inWs().text("lexer").build()), "matches the id");
    }

    @Test
    void everyFilterCombinedMustAllMatch() {
        Instant from = T0;
        Instant to = T0.plus(Duration.ofDays(7));
        String other = repo.registerWorkspace(dir.resolve("project-b")).getHash();
        Session match = combined("match", SessionType.DEBATE, SessionStatus.COMPLETED, T0.plusSeconds(10), "opus",
                "codex", "Refactor the parser");
        save(match);
        repo.create(other, combined("match", SessionType.DEBATE, SessionStatus.COMPLETED, T0.plusSeconds(10), "opus",
                "codex", "Refactor the parser"));
        // each misses exactly one filter
        save(combined("wrong-type", SessionType.ENSEMBLE, SessionStatus.COMPLETED, T0.plusSeconds(10), "opus", "codex",
                "Refactor the parser"));
        save(combined("wrong-status", SessionType.DEBATE, SessionStatus.FAILED, T0.plusSeconds(10), "opus", "codex",
                "Refactor the parser"));
        save(combined("wrong-created", SessionType.DEBATE, SessionStatus.COMPLETED, to, "opus", "codex",
                "Refactor the parser"));
        Session wrongUpdated = combined("wrong-updated", SessionType.DEBATE, SessionStatus.COMPLETED, T0.plusSeconds(10),
                "opus", "codex", "Refactor the parser");
        wrongUpdated.setUpdatedAt(to.plusSeconds(1));
        save(wrongUpdated);
        save(combined("wrong-model", SessionType.DEBATE, SessionStatus.COMPLETED, T0.plusSeconds(10), "sonnet", "codex",
                "Refactor the parser"));
        save(combined("wrong-runtime", SessionType.DEBATE, SessionStatus.COMPLETED, T0.plusSeconds(10), "opus", "gemini",
                "Refactor the parser"));
        save(combined("wrong-text", SessionType.DEBATE, SessionStatus.COMPLETED, T0.plusSeconds(10), "opus", "codex",
                "Rewrite the lexer"));

        SessionQuery all = inWs().types(SessionType.DEBATE, SessionType.COMPETITION)
                .statuses(SessionStatus.COMPLETED)
                .createdBetween(from, to)
                .updatedBetween(from, to)
                .model("opus")
                .runtime("codex")
                .text("parser")
                .build();

        FullTextPage page = search("deploy", all);
        assertEquals(Set.of("match"), idSet(page));
        assertEquals(ws, page.hits().get(0).session().getWorkspaceHash());
        assertEquals(1, page.totalMatches());
        assertEquals(9, search("deploy", SessionQuery.allWorkspaces().build()).totalSessions(),
                "without filters every session matches");
    }

    private static Session combined(String id, SessionType type, SessionStatus status, Instant created, String model,
                                    String runtime, String task) {
        Session s = deploySession(id, type, status, created);
        s.setUpdatedAt(T0.plusSeconds(10)); // inside the update range, whatever the creation time
        s.setTask(task);
        s.setModel(model);
        s.setRuntimeMix(List.of(runtime));
        return s;
    }

    @Test
    void filtersMatchingNothingGiveAnEmptyPageWithZeroTotals() {
        save(deploySession("a"));
        save(deploySession("b"));

        for (SessionQuery nothing : List.of(
                inWs().model("no-such-model").build(),
                inWs().statuses(SessionStatus.FAILED).build(),
                inWs().createdBetween(T0.plus(Duration.ofDays(1)), null).build(),
                inWs().updatedBetween(null, T0.minusSeconds(1)).build(),
                SessionQuery.inWorkspace(repo.registerWorkspace(dir.resolve("empty")).getHash()).build())) {
            FullTextPage page = search("deploy", nothing);
            assertTrue(page.hits().isEmpty());
            assertEquals(0, page.totalSessions());
            assertEquals(0, page.totalMatches());
            assertFalse(page.hasNext());
        }
        assertEquals(2, search("deploy", inWs().build()).totalSessions());
    }

    // ---- what is loaded ----

    @Test
    void theFilterFetchPlanDecidesHowMuchOfEachHitIsLoaded() {
        Session s = deploySession("s");
        s.addInstance(instance(0, "alpha"));
        s.addInstance(instance(1, "beta"));
        save(s);

        Session full = search("deploy", inWs().build()).hits().get(0).session();
        assertEquals(2, full.getInstances().size());
        assertEquals(1, full.getMessages().size());
        assertEquals(ws, full.getWorkspace().getHash());

        Session withInstances = search("deploy", inWs().fetch(FetchPlan.INSTANCES).build()).hits().get(0).session();
        assertEquals(2, withInstances.getInstances().size());
        assertThrows(LazyInitializationException.class, () -> withInstances.getMessages().size());

        Session summary = search("deploy", inWs().fetch(FetchPlan.SUMMARY).build()).hits().get(0).session();
        assertEquals("Task of s", summary.getTask());
        assertThrows(LazyInitializationException.class, () -> summary.getInstances().size());
    }

    @Test
    void databaseFilterMatchingThousandsOfSessionsStillWorks() throws Exception {
        // the embedded store rebuilds an index the database has moved past; an application's unit does not
        org.junit.jupiter.api.Assumptions.assumeFalse(sharedMode(), "embedded store only");
        assumeSqlite("rows written straight to the file");
        // more session keys than Lucene's default clause limit (1024), written straight to the file
        int count = 1_500;
        closeStore();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dbFile)) {
            c.setAutoCommit(false);
            try (PreparedStatement insert = c.prepareStatement("insert into sessions (workspace_hash, id, version,"
                    + " session_type, task, status, created_at, updated_at, model) values (?, ?, 0, 'competition', ?,"
                    + " 'running', " + timeLiteral("2025-05-01T00:00:00.000Z") + ", " + timeLiteral("2025-05-01T00:00:00.000Z") + ", 'bulk-model')")) {
                for (int i = 0; i < count; i++) {
                    insert.setString(1, ws);
                    insert.setString(2, "bulk-" + i);
                    insert.setString(3, "deploy batch " + i);
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            try (Statement st = c.createStatement()) {
                st.executeUpdate("insert into sessions (workspace_hash, id, version, session_type, task, status,"
                        + " created_at, updated_at, model) values ('" + ws + "', 'other', 0, 'competition',"
                        + " 'deploy other', 'running', " + timeLiteral("2025-05-01T00:00:00.000Z") + ", " + timeLiteral("2025-05-01T00:00:00.000Z") + ", 'x')");
            }
            c.commit();
        }
        reopen(); // the database changed without the index: rebuilt

        // More matches than the default threshold counts exactly: asked for exact totals.
        FullTextPage page = search(FullTextQuery.matching("deploy").filter(inWs().model("bulk-model").build())
                .page(0, 10).exactTotals());

        assertEquals(count, page.totalSessions());
        assertEquals(count, page.totalMatches());
        assertEquals(10, page.hits().size());
        assertTrue(page.hasNext());
        page.hits().forEach(h -> assertEquals("bulk-model", h.session().getModel()));
    }
}
