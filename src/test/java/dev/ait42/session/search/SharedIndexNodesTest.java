package dev.ait42.session.search;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Two application nodes in two JVMs on one PostgreSQL database and one OpenSearch index: this
 * test's store (node B) and {@link SharedIndexNode} (node A). What one node commits, a search on
 * the other finds; a node killed after its commit, before indexing it, loses nothing: the other
 * node applies its rows. Each document is written to the index once ({@code _version} 1).
 */
class SharedIndexNodesTest extends FullTextTestSupport {

    private static final Pattern VERSION = Pattern.compile("\"_version\"\\s*:\\s*(\\d+)");
    private final List<Process> nodes = new ArrayList<>();

    @BeforeEach
    void onOpenSearchOnly() {
        assumeTrue(onOpenSearch(), "needs -Dait42.test.search=http://... and a PostgreSQL server (.ci/run)");
    }

    @AfterEach
    void stopNodes() throws InterruptedException {
        for (Process node : nodes) {
            node.destroyForcibly();
            node.waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void aSearchOnOneNodeFindsWhatTheOtherNodeCommitted() throws Exception {
        Node a = start("PT0.25S");

        a.command("write from-a otterfall");

        assertEquals(List.of("from-a"), ids(search("otterfall")));
        save("from-b", "Node task kestrelwind");
        a.command("write from-a-2 kestrelwind");
        assertEquals(List.of("from-a-2", "from-b"), sorted(ids(search("kestrelwind"))));
        assertEquals(0, services().fullText().catchUp().pending());
        assertEquals(1, documentVersion("sessions", "from-a"));
        assertEquals(1, documentVersion("sessions", "from-b"));
    }

    @Test
    void theRowsOfANodeKilledAfterItsCommitAreAppliedByTheOtherNode() throws Exception {
        // no background round: what it writes waits in the table for another node
        Node a = start("PT0S");
        a.command("write orphan heronmist");
        assertTrue(services().fullText().catchUp().pending() > 0, "the killed node's rows are waiting");

        a.process.destroyForcibly(); // SIGKILL: no close, no last catch-up
        assertTrue(a.process.waitFor(30, TimeUnit.SECONDS));

        assertEquals(List.of("orphan"), ids(search("heronmist")));
        assertEquals(0, services().fullText().catchUp().pending());
        assertTrue(services().fullText().counts().consistent(), services().fullText().counts().toString());
        assertEquals(1, documentVersion("sessions", "orphan"));
    }

    @Test
    void twoNodesWritingAtOnceIndexEverySessionOnce() throws Exception {
        Node a = start("PT0.05S");
        Thread other = new Thread(() -> {
            for (int i = 0; i < 20; i++) {
                save("b-" + i, "Node task wrenbrook");
            }
        });
        other.start();
        for (int i = 0; i < 20; i++) {
            a.command("write a-" + i + " wrenbrook");
        }
        other.join();

        assertEquals(40, search("wrenbrook").totalSessions());
        assertEquals(0, services().fullText().catchUp().pending());
        assertTrue(services().fullText().counts().consistent(), services().fullText().counts().toString());
        for (int i = 0; i < 20; i++) {
            assertEquals(1, documentVersion("sessions", "a-" + i), "a-" + i);
            assertEquals(1, documentVersion("sessions", "b-" + i), "b-" + i);
        }
    }

    private static List<String> sorted(List<String> ids) {
        return ids.stream().sorted().toList();
    }

    /** How many times OpenSearch wrote the document of session {@code id} (1: indexed once). */
    private long documentVersion(String index, String id) throws IOException, InterruptedException {
        long pk = ((Number) queryNumber("select pk from sessions where id = '" + id + "'")).longValue();
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(openSearchServer() + "/ait42-test-" + index + "-read/_doc/" + pk)).build(),
                HttpResponse.BodyHandlers.ofString());
        Matcher m = VERSION.matcher(response.body());
        assertTrue(m.find(), response.body());
        return Long.parseLong(m.group(1));
    }

    private Object queryNumber(String sql) {
        return countRows(sql);
    }

    private Node start(String catchUpPeriod) throws IOException {
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:TieredStopAtLevel=1", "-cp", classPath, SharedIndexNode.class.getName(),
                serverDatabase(), openSearchServer(), "ait42-test-", ws, catchUpPeriod)
                .redirectErrorStream(true).start();
        nodes.add(process);
        Node node = new Node(process);
        node.awaitLine("ready");
        return node;
    }

    /** A node's process, its commands and answers. */
    private static final class Node {
        final Process process;
        final Writer commands;
        final BufferedReader answers;

        Node(Process process) {
            this.process = process;
            this.commands = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
            this.answers = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        }

        void command(String line) throws IOException {
            commands.write(line + "\n");
            commands.flush();
            String[] words = line.split(" ");
            awaitLine("wrote " + words[1]);
        }

        void awaitLine(String expected) throws IOException {
            StringBuilder seen = new StringBuilder();
            for (String line = answers.readLine(); line != null; line = answers.readLine()) {
                if (line.equals(expected)) {
                    return;
                }
                seen.append(line).append('\n');
            }
            throw new AssertionError("the node ended before '" + expected + "':\n" + seen);
        }
    }
}
