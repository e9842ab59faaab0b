package dev.ait42.session.search;

import dev.ait42.session.SessionStore;
import dev.ait42.session.StoreConfig;
import dev.ait42.session.model.ChatMessage;
import dev.ait42.session.model.MessageRole;
import dev.ait42.session.model.Session;
import dev.ait42.session.model.SessionType;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

/**
 * An application node in a JVM of its own, on one PostgreSQL database and one OpenSearch index
 * (the other node is the test's own store). Reads commands on its standard input, one a line, and
 * answers each on its standard output once done:
 *
 * <pre>
 *   write ID WORD   creates session ID, its task and one message holding WORD -> "wrote ID"
 * </pre>
 *
 * Arguments: JDBC URL, OpenSearch URL, index prefix, workspace hash, background catch-up period
 * (ISO-8601, {@code PT0S}: none, so what it writes waits for another node).
 */
public final class SharedIndexNode {

    private SharedIndexNode() {
    }

    public static void main(String[] args) throws Exception {
        StoreConfig config = StoreConfig.builder(args[0])
                .search(SearchBackend.openSearch(args[1]).withIndexPrefix(args[2]))
                .searchCatchUpPeriod(Duration.parse(args[4]))
                .build();
        String workspace = args[3];
        try (SessionStore store = SessionStore.open(config);
             BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
            System.out.println("ready");
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                String[] command = line.split(" ");
                if (command[0].equals("write")) {
                    Session session = new Session(command[1], SessionType.COMPETITION, "Node task " + command[2]);
                    session.addMessage(new ChatMessage("m0", MessageRole.USER, "node message " + command[2],
                            Instant.parse("2025-05-01T00:00:00Z")));
                    store.sessions().create(workspace, session);
                    System.out.println("wrote " + command[1]);
                } else {
                    System.out.println("unknown command " + line);
                }
                System.out.flush();
            }
        }
    }
}
