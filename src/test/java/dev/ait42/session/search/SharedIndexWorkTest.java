package dev.ait42.session.search;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** How the nodes of a shared OpenSearch index drain the recorded index work. */
class SharedIndexWorkTest extends FullTextTestSupport {

    @BeforeEach
    void onOpenSearchOnly() {
        assumeTrue(onOpenSearch(), "needs -Dait42.test.search=http://... and a PostgreSQL server (.ci/run)");
    }

    @Test
    void aDocumentOpenSearchRefusesIsLeftOutAloneAndTheRestIsIndexed() {
        save("alpha-session", "Alpha");
        // written behind the API's limits: a message id far over the index's term limit
        withJdbc(c -> c.createStatement().executeUpdate("insert into chat_messages (session_pk, id, seq, role, content,"
                + " timestamp) select pk, '" + "x".repeat(40_000) + "', 9, 'user', 'a quoll in a refused message',"
                + " now() from sessions where id = 'alpha-session'"));
        save("next", "Quokka written after the refused one");

        assertEquals(List.of("next"), ids(search("quokka")), "the rest is indexed");
        assertEquals(List.of(), ids(search("quoll")));
        assertEquals(1, services().fullText().catchUp().refused());
        assertEquals(0, services().fullText().catchUp().pending(), "the refused row does not hold up the others");
        assertEquals(1, services().fullText().differences().missing());
    }

    @Test
    void rowsAnotherTransactionHoldsAreLeftToIt() {
        save("held", "Heron");
        long applied = withJdbc(c -> {
            c.setAutoCommit(false);
            try (var claim = c.createStatement()) {
                claim.executeQuery("select id from search_index_work for update").close(); // another node's claim
                return services().fullText().catchUp().catchUp();
            } finally {
                c.rollback();
            }
        });

        assertEquals(0, applied, "nothing claimed while another node holds the rows");
        assertEquals(List.of("held"), ids(search("heron")), "released, they are applied");
    }
}
