package dev.ait42.session.legacy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ait42.session.StoreTestSupport;
import dev.ait42.session.model.Timestamps;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/** A store (from {@link StoreTestSupport}) plus legacy homes written into the test's folder. */
abstract class LegacyTestSupport extends StoreTestSupport {

    /** The example home shipped in the repository (also the command line's first example). */
    static final Path EXAMPLE_HOME = Path.of("examples", "ait42-home");
    static final String TODO_APP = "c28347c764e96805";
    static final String API_GATEWAY = "ac43b3eed530358e";

    static final ObjectMapper JSON = new ObjectMapper();

    LegacyHistory legacy() {
        return new LegacyHistory(store);
    }

    ImportReport importHome(Path home) {
        return legacy().importHome(home, false, ImportProgress.NONE);
    }

    /** A copy of a home folder (sessions/ and the mapping) under the test's folder. */
    Path copyHome(Path source, String name) {
        Path target = dir.resolve(name);
        try (Stream<Path> files = Files.walk(source)) {
            for (Path from : files.toList()) {
                Path to = target.resolve(source.relativize(from).toString());
                if (Files.isDirectory(from)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(from, to);
                    to.toFile().setWritable(true, true);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return target;
    }

    Path exampleHome() {
        return copyHome(EXAMPLE_HOME, "example-home");
    }

    /** An empty home (sessions/ folder, no mapping) under the test's folder. */
    Path emptyHome(String name) {
        Path home = dir.resolve(name);
        try {
            Files.createDirectories(home.resolve("sessions"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return home;
    }

    static Path writeFile(Path file, String content) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, content, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    static Path sessionFile(Path home, String hash) {
        return home.resolve("sessions").resolve(hash + ".json");
    }

    static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode readJson(Path file) {
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void writeJson(Path file, JsonNode node) {
        try {
            JSON.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A minimal valid session in legacy JSON, with one instance and one message. */
    static String session(String id, String task) {
        return """
                {"id": "%s", "type": "competition", "task": "%s", "status": "running",
                 "createdAt": "2025-05-02T09:00:00.000Z", "updatedAt": "2025-05-02T09:30:00+00:00",
                 "instances": [{"instanceId": 0, "worktreePath": "/tmp/w-%1$s", "branch": "b/%1$s",
                                "agentName": "agent-%1$s", "status": "running", "tmuxSessionId": "t-%1$s"}],
                 "chatHistory": [{"id": "msg-1", "role": "user", "content": "message of %1$s",
                                  "timestamp": "2025-05-02T09:00:00Z"}]}""".formatted(id, task);
    }

    static String array(String... sessions) {
        return "[\n" + String.join(",\n", sessions) + "\n]\n";
    }

    // ---- the database, read with plain JDBC ----

    /** Every row of the four tables, every column, as text: equal dumps mean equal databases. */
    String dump() {
        StringBuilder out = new StringBuilder();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dbFile); Statement st = c.createStatement()) {
            for (String sql : List.of("SELECT * FROM workspaces ORDER BY hash", "SELECT * FROM sessions ORDER BY pk",
                    "SELECT * FROM instances ORDER BY session_pk, instance_id",
                    "SELECT * FROM chat_messages ORDER BY session_pk, seq")) {
                out.append(sql).append('\n');
                try (ResultSet rs = st.executeQuery(sql)) {
                    ResultSetMetaData meta = rs.getMetaData();
                    while (rs.next()) {
                        for (int i = 1; i <= meta.getColumnCount(); i++) {
                            out.append(meta.getColumnName(i)).append('=').append(rs.getString(i)).append('|');
                        }
                        out.append('\n');
                    }
                }
            }
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
        return out.toString();
    }

    // ---- comparing legacy JSON ----

    private static final Set<String> TIMESTAMP_FIELDS = Set.of("createdAt", "updatedAt", "completedAt", "startTime",
            "endTime", "timestamp");
    private static final Set<String> KNOWN = Set.of("id", "type", "task", "status", "createdAt", "updatedAt",
            "completedAt", "model", "timeoutSeconds", "preserveWorktrees", "winnerId", "runtimeMix", "totalDuration",
            "totalFilesChanged", "totalLinesAdded", "totalLinesDeleted", "integrationPhase", "integrationInstanceId",
            "instanceId", "worktreePath", "branch", "agentName", "tmuxSessionId", "output", "startTime", "endTime",
            "filesChanged", "linesAdded", "linesDeleted", "runtime", "runtimeLabel", "role", "content", "timestamp");

    /**
     * A legacy file's sessions in the form export promises, for comparisons: timestamps in the
     * canonical UTC form, {@code instances} and {@code chatHistory} present (a null one is empty).
     * Everything else, explicit nulls and unknown fields included, is left exactly as it is.
     */
    static ArrayNode normalized(JsonNode sessions) {
        ArrayNode copy = (ArrayNode) sessions.deepCopy();
        for (JsonNode s : copy) {
            ObjectNode session = (ObjectNode) s;
            normalizeObject(session, true);
            if (!session.hasNonNull("instances")) {
                session.putArray("instances");
            }
            if (!session.hasNonNull("chatHistory")) {
                session.putArray("chatHistory");
            }
            session.get("instances").forEach(i -> normalizeObject((ObjectNode) i, false));
            session.get("chatHistory").forEach(m -> normalizeObject((ObjectNode) m, false));
        }
        return copy;
    }

    private static void normalizeObject(ObjectNode node, boolean session) {
        for (Iterator<Map.Entry<String, JsonNode>> fields = node.properties().iterator(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            String name = field.getKey();
            if ((name.equals("instances") || name.equals("chatHistory")) && field.getValue().isNull()) {
                fields.remove();
            } else if (TIMESTAMP_FIELDS.contains(name) && field.getValue().isTextual()) {
                field.setValue(JSON.getNodeFactory().textNode(Timestamps.format(
                        OffsetDateTime.parse(field.getValue().asText()).toInstant())));
            }
        }
    }

    static List<String> ids(JsonNode sessions) {
        List<String> ids = new ArrayList<>();
        sessions.forEach(s -> ids.add(s.get("id").asText()));
        return ids;
    }
}
