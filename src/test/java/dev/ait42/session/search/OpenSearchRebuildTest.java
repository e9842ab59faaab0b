package dev.ait42.session.search;

import dev.ait42.session.StorageException;
import dev.ait42.session.UnitOfWork;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * An OpenSearch rebuild against a busy cluster: the node's in-flight request breaker is lowered
 * below a bulk request's size, so OpenSearch answers the MassIndexer's bulks with HTTP 429 as a
 * small node under load does, while the small requests (creating the indexes) still pass.
 */
class OpenSearchRebuildTest extends FullTextTestSupport {

    /** Over an index creation's body (44 kB: the analysis settings), under a bulk of 90 long messages. */
    private static final String BUSY_LIMIT = "100kb";
    private static final String LONG_TEXT = "the wombat digs a burrow under the garden fence ".repeat(40);

    private final List<Duration> pauses = new ArrayList<>();

    @BeforeEach
    void onOpenSearchOnly() {
        assumeTrue(onOpenSearch(), "needs -Dait42.test.search=http://... and a PostgreSQL server (.ci/run)");
        for (int s = 0; s < 3; s++) {
            String[] messages = new String[30];
            java.util.Arrays.fill(messages, LONG_TEXT);
            save("long-" + s, "Wombat session " + s, messages);
        }
        services().fullText().catchUpNow();
    }

    @AfterEach
    void clusterNotBusy() throws Exception {
        if (onOpenSearch()) {
            inFlightLimit(null);
        }
    }

    @Test
    void documentsABusyClusterRefusedAreIndexedAgainOnceItHasRoom() throws Exception {
        inFlightLimit(BUSY_LIMIT);
        OpenSearchRebuild rebuild = new OpenSearchRebuild(UnitOfWork.resourceLocal(factory()), (wait, retry) -> {
            pauses.add(wait);
            liftLimit(); // the cluster has room again
        });

        long documents = rebuild.rebuild(done -> { });

        assertEquals(3 + 90, documents, "every session and message, each once");
        assertEquals(List.of(OpenSearchRebuild.FIRST_PAUSE), pauses, "one pause, one round of retries");
        assertConsistent();
        assertEquals(3, search("wombat").hits().size());
    }

    @Test
    void aClusterThatStaysBusyEndsTheRebuildAfterBoundedRetriesThatWaitLongerEachTime() throws Exception {
        inFlightLimit(BUSY_LIMIT);
        long workRows = countRows("select count(*) from search_index_work");
        OpenSearchRebuild rebuild = new OpenSearchRebuild(UnitOfWork.resourceLocal(factory()),
                (wait, retry) -> pauses.add(wait));

        StorageException e = assertThrows(StorageException.class, () -> rebuild.rebuild(done -> { }));

        assertTrue(e.getMessage().contains("too busy (HTTP 429)"), e.getMessage());
        assertEquals(OpenSearchRebuild.RETRIES, pauses.size());
        for (int i = 1; i < pauses.size(); i++) {
            assertEquals(pauses.get(i - 1).multipliedBy(2), pauses.get(i), "each pause doubles the last");
        }
        assertEquals(workRows, countRows("select count(*) from search_index_work"), "no recorded work forgotten");
    }

    @Test
    void aFailureOtherThanABusyClusterIsNotRetried() {
        // a message id over the index's term limit: OpenSearch refuses that document, not for load
        withJdbc(c -> c.createStatement().executeUpdate("insert into chat_messages (session_pk, id, seq, role, content,"
                + " timestamp) select pk, '" + "x".repeat(40_000) + "', 99, 'user', 'refused', now() from sessions"
                + " where id = 'long-0'"));
        OpenSearchRebuild rebuild = new OpenSearchRebuild(UnitOfWork.resourceLocal(factory()),
                (wait, retry) -> pauses.add(wait));

        assertThrows(RuntimeException.class, () -> rebuild.rebuild(done -> { }));

        assertEquals(List.of(), pauses, "no retry of a document the cluster will never take");
    }

    @Test
    void busyIsTheClustersRefusalForLoadOnly() {
        assertTrue(OpenSearchRebuild.busy(new RuntimeException("wrapped",
                new RuntimeException("Response: 429 'Too Many Requests' ... circuit_breaking_exception"))));
        assertTrue(OpenSearchRebuild.busy(new RuntimeException("{\"status\" : 429, \"error\" : {}}")));
        assertTrue(OpenSearchRebuild.busy(new RuntimeException("es_rejected_execution_exception: queue full")));
        assertEquals(false, OpenSearchRebuild.busy(new RuntimeException("Response: 400 'Bad Request'")));
        assertEquals(false, OpenSearchRebuild.busy(new RuntimeException("document 429 failed: Response: 400 ")));
        assertEquals(false, OpenSearchRebuild.busy(new RuntimeException("no answer", null)));
    }

    private static void liftLimit() {
        try {
            inFlightLimit(null);
        } catch (IOException | InterruptedException e) {
            throw new AssertionError("cannot reset the node's breaker", e);
        }
    }

    /** Sets (or with null, resets) the node's limit on the bodies of requests in flight. */
    private static void inFlightLimit(String limit) throws IOException, InterruptedException {
        String value = limit == null ? "null" : "\"" + limit + "\"";
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(openSearchServer() + "/_cluster/settings"))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(
                        "{\"transient\": {\"network.breaker.inflight_requests.limit\": " + value + "}}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
    }
}
