package dev.ait42.session.legacy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ait42.session.Fixtures;
import dev.ait42.session.model.ChatMessage;
import dev.ait42.session.model.Instance;
import dev.ait42.session.model.Session;
import dev.ait42.session.repository.FetchPlan;
import dev.ait42.session.repository.SessionLookup;

import org.hibernate.stat.Statistics;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The {@code extra} JSON object of sessions, instances and messages, through the repository. */
class ExtraFieldsMappingTest extends LegacyTestSupport {

    private static ObjectNode object(String json) {
        try {
            return (ObjectNode) JSON.readTree(json);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private Session sessionWithExtras() {
        Session s = Fixtures.sessionWithGraph("Extras", 1, 1);
        s.setExtra(object("{\"evaluation\": {\"score\": 9.5}}"));
        Instance i = s.getInstances().get(0);
        i.setExtra(object("{\"testsPassed\": 18}"));
        s.getMessages().get(0).setExtra(object("{\"executionTime\": 12}"));
        return s;
    }

    @Test
    void extrasAreSavedAndReadBackAtEveryLevel() {
        Session saved = repo.create(ws, sessionWithExtras());

        Session read = repo.get(ws, saved.getId());

        assertEquals(object("{\"evaluation\": {\"score\": 9.5}}"), read.getExtra());
        assertEquals(object("{\"testsPassed\": 18}"), read.getInstances().get(0).getExtra());
        assertEquals(object("{\"executionTime\": 12}"), read.getMessages().get(0).getExtra());
        assertEquals("{\"evaluation\":{\"score\":9.5}}", queryString("SELECT extra FROM sessions"));
    }

    @Test
    void copiesCarryTheExtrasAndHandOutCopies() {
        Session original = sessionWithExtras();

        Session copy = Session.copyOf(original);
        copy.getExtra().put("mutated", true); // a copy: the session is not changed
        ChatMessage message = ChatMessage.copyOf(original.getMessages().get(0));

        assertEquals(object("{\"evaluation\": {\"score\": 9.5}}"), copy.getExtra());
        assertEquals(object("{\"testsPassed\": 18}"), copy.getInstances().get(0).getExtra());
        assertEquals(object("{\"executionTime\": 12}"), message.getExtra());
    }

    @Test
    void emptyObjectMeansNoExtras() {
        Session s = Fixtures.session("No extras");
        s.setExtra(JSON.createObjectNode());

        repo.create(ws, s);

        assertNull(s.getExtra());
        assertNull(queryString("SELECT extra FROM sessions"));
    }

    @Test
    void loadingSessionsWithExtrasWritesNothing() {
        Session saved = repo.create(ws, sessionWithExtras());
        Statistics stats = statistics();
        stats.clear();

        store.services().unitOfWork().write("load only", em ->
                SessionLookup.byKeys(em, List.of(saved.getPk()), FetchPlan.FULL));

        assertEquals(0, stats.getEntityUpdateCount(), "equal JSON objects are not dirty");
        assertEquals(0L, repo.get(ws, saved.getId()).getVersion());
    }

    @Test
    void updateReplacesTheExtras() {
        Session saved = repo.create(ws, sessionWithExtras());
        Session copy = repo.get(ws, saved.getId());
        copy.setExtra(object("{\"evaluation\": {\"score\": 3}}"));
        copy.getInstances().get(0).setExtra(null);

        repo.update(ws, copy);

        Session read = repo.get(ws, saved.getId());
        assertEquals(3, read.getExtra().at("/evaluation/score").asInt());
        assertNull(read.getInstances().get(0).getExtra());
        assertEquals(object("{\"executionTime\": 12}"), read.getMessages().get(0).getExtra());
    }

    @Test
    void databaseRefusesExtraThatIsNotAJsonObject() throws SQLException {
        repo.create(ws, Fixtures.sessionWithGraph("Checked", 1, 1));
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dbFile); Statement st = c.createStatement()) {
            for (String table : List.of("sessions", "instances", "chat_messages")) {
                assertThrows(SQLException.class, () -> st.execute("UPDATE " + table + " SET extra = '[1, 2]'"), table);
                assertThrows(SQLException.class, () -> st.execute("UPDATE " + table + " SET extra = '{broken'"), table);
                st.execute("UPDATE " + table + " SET extra = '{\"ok\": 1}'");
            }
        }
        assertTrue(repo.get(ws, repo.listAll(ws).get(0).getId()).getExtra().has("ok"));
    }
}
