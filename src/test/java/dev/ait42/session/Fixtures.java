package dev.ait42.session;

import dev.ait42.session.model.ChatMessage;
import dev.ait42.session.model.Instance;
import dev.ait42.session.model.InstanceStatus;
import dev.ait42.session.model.MessageRole;
import dev.ait42.session.model.Session;
import dev.ait42.session.model.SessionType;

import java.time.Instant;
import java.util.UUID;

/** Builders of realistic sessions for tests. */
public final class Fixtures {

    private Fixtures() {
    }

    public static Session session(String task) {
        return session(UUID.randomUUID().toString(), SessionType.COMPETITION, task);
    }

    public static Session session(String id, SessionType type, String task) {
        return new Session(id, type, task);
    }

    /** A session with {@code instances} agents and {@code messages} chat messages. */
    public static Session sessionWithGraph(String task, int instances, int messages) {
        Session s = session(task);
        for (int i = 0; i < instances; i++) {
            s.addInstance(instance(i, "agent-" + i));
        }
        for (int m = 0; m < messages; m++) {
            s.addMessage(message("msg-" + m, "message " + m + " of " + task));
        }
        return s;
    }

    public static Instance instance(int instanceId, String agentName) {
        Instance i = new Instance(instanceId);
        i.setWorktreePath("/tmp/worktree-" + instanceId);
        i.setBranch("competition/" + instanceId);
        i.setAgentName(agentName);
        i.setTmuxSessionId("ait42-" + instanceId);
        i.setStatus(InstanceStatus.RUNNING);
        i.setRuntime("claude");
        return i;
    }

    public static ChatMessage message(String id, String content) {
        return new ChatMessage(id, MessageRole.USER, content);
    }

    public static ChatMessage message(String id, String content, Instant at) {
        return new ChatMessage(id, MessageRole.ASSISTANT, content, at);
    }
}
