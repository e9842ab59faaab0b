package dev.ait42.session.bench;

import dev.ait42.session.model.ChatMessage;
import dev.ait42.session.model.Instance;
import dev.ait42.session.model.MessageRole;
import dev.ait42.session.model.Session;
import dev.ait42.session.model.SessionType;

/**
 * New sessions and messages for the write benchmarks, texts made ahead (seeded) so that timed
 * runs do no text generation. The same object feeds ours and the JDBC baseline.
 */
final class Samples {

    static final int NEW_INSTANCES = 5;
    static final int NEW_MESSAGES = 50;
    private static final int TEXTS = 512;

    private final String[] texts = new String[TEXTS];

    Samples(long seed) {
        SyntheticHistory history = new SyntheticHistory(seed);
        for (int i = 0; i < TEXTS; i++) {
            texts[i] = history.message();
        }
    }

    String text(int n) {
        return texts[Math.floorMod(n, TEXTS)];
    }

    /** A new session {@code id} of 5 instances and 50 messages. */
    Session session(String id, int n) {
        Session s = new Session(id, SessionType.values()[n % SessionType.values().length], text(n).substring(0, 80));
        s.setModel("claude-sonnet-4");
        for (int i = 0; i < NEW_INSTANCES; i++) {
            Instance instance = new Instance(i);
            instance.setWorktreePath("/tmp/worktrees/" + id + "-" + i);
            instance.setBranch("ait42/" + id + "-" + i);
            instance.setAgentName("agent-" + i);
            instance.setTmuxSessionId("ait42-" + id);
            s.addInstance(instance);
        }
        for (int m = 0; m < NEW_MESSAGES; m++) {
            s.addMessage(message("msg-" + m, n + m));
        }
        return s;
    }

    ChatMessage message(String id, int n) {
        ChatMessage m = new ChatMessage(id, n % 2 == 0 ? MessageRole.USER : MessageRole.ASSISTANT, text(n));
        m.setInstanceId(n % NEW_INSTANCES);
        return m;
    }
}
