package dev.ait42.session.legacy;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ait42.session.model.ChatMessage;
import dev.ait42.session.model.Instance;
import dev.ait42.session.model.Session;
import dev.ait42.session.model.Timestamps;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The legacy JSON form of a session, as the exporter writes it and as import and verification
 * compare it: camelCase field names of the legacy files; timestamps in the canonical
 * {@code 2025-05-02T09:00:00.000Z} form; absent and null optional fields both omitted; extra
 * (unknown) fields written back; {@code instances} (ordered by instance number) and
 * {@code chatHistory} (in history order) always present.
 */
final class LegacyJson {

    static final String SESSIONS = "sessions";
    static final String MAPPING_FILE = "workspace_mapping.json";

    static final String INSTANCES = "instances";
    static final String CHAT_HISTORY = "chatHistory";

    /** Field names of a session in the legacy files: never taken from {@code extra}. */
    static final Set<String> SESSION_FIELDS = Set.of("id", "type", "task", "status", "createdAt", "updatedAt",
            "completedAt", "model", "timeoutSeconds", "preserveWorktrees", "winnerId", "runtimeMix", "totalDuration",
            "totalFilesChanged", "totalLinesAdded", "totalLinesDeleted", "integrationPhase", "integrationInstanceId",
            INSTANCES, CHAT_HISTORY);
    static final Set<String> INSTANCE_FIELDS = Set.of("instanceId", "worktreePath", "branch", "agentName", "status",
            "tmuxSessionId", "output", "startTime", "endTime", "filesChanged", "linesAdded", "linesDeleted", "runtime",
            "model", "runtimeLabel");
    static final Set<String> MESSAGE_FIELDS = Set.of("id", "role", "content", "timestamp", "instanceId");

    /**
     * The mapper and factory of every legacy read and write: no cap on string length (an agent's
     * terminal capture can be tens of MB and must not be refused), Jackson's defaults otherwise.
     */
    static final ObjectMapper MAPPER = new ObjectMapper(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(Integer.MAX_VALUE).build())
            .build());

    private static final JsonNodeFactory NODES = MAPPER.getNodeFactory();

    private LegacyJson() {
    }

    /** The legacy JSON of a session with its instances and messages (all must be loaded). */
    static ObjectNode toJson(Session s) {
        ObjectNode n = NODES.objectNode();
        n.put("id", s.getId());
        n.put("type", s.getType().wire());
        n.put("task", s.getTask());
        n.put("status", s.getStatus().wire());
        putTime(n, "createdAt", s.getCreatedAt());
        putTime(n, "updatedAt", s.getUpdatedAt());
        putTime(n, "completedAt", s.getCompletedAt());
        putText(n, "model", s.getModel());
        if (s.getTimeoutSeconds() != null) {
            n.put("timeoutSeconds", s.getTimeoutSeconds());
        }
        if (s.getPreserveWorktrees() != null) {
            n.put("preserveWorktrees", s.getPreserveWorktrees());
        }
        if (s.getWinnerId() != null) {
            n.put("winnerId", s.getWinnerId());
        }
        if (s.getRuntimeMix() != null) {
            ArrayNode mix = n.putArray("runtimeMix");
            s.getRuntimeMix().forEach(mix::add);
        }
        if (s.getTotalDuration() != null) {
            n.put("totalDuration", s.getTotalDuration());
        }
        if (s.getTotalFilesChanged() != null) {
            n.put("totalFilesChanged", s.getTotalFilesChanged());
        }
        if (s.getTotalLinesAdded() != null) {
            n.put("totalLinesAdded", s.getTotalLinesAdded());
        }
        if (s.getTotalLinesDeleted() != null) {
            n.put("totalLinesDeleted", s.getTotalLinesDeleted());
        }
        if (s.getIntegrationPhase() != null) {
            n.put("integrationPhase", s.getIntegrationPhase().wire());
        }
        if (s.getIntegrationInstanceId() != null) {
            n.put("integrationInstanceId", s.getIntegrationInstanceId());
        }
        putExtra(n, s.getExtra(), SESSION_FIELDS);
        ArrayNode instances = n.putArray(INSTANCES);
        List<Instance> byNumber = new ArrayList<>(s.getInstances());
        byNumber.sort(Comparator.comparingInt(Instance::getInstanceId));
        byNumber.forEach(i -> instances.add(toJson(i)));
        ArrayNode history = n.putArray(CHAT_HISTORY);
        s.getMessages().forEach(m -> history.add(toJson(m)));
        return n;
    }

    static ObjectNode toJson(Instance i) {
        ObjectNode n = NODES.objectNode();
        n.put("instanceId", i.getInstanceId());
        n.put("worktreePath", i.getWorktreePath());
        n.put("branch", i.getBranch());
        n.put("agentName", i.getAgentName());
        n.put("status", i.getStatus().wire());
        n.put("tmuxSessionId", i.getTmuxSessionId());
        putText(n, "output", i.getOutput());
        putTime(n, "startTime", i.getStartTime());
        putTime(n, "endTime", i.getEndTime());
        if (i.getFilesChanged() != null) {
            n.put("filesChanged", i.getFilesChanged());
        }
        if (i.getLinesAdded() != null) {
            n.put("linesAdded", i.getLinesAdded());
        }
        if (i.getLinesDeleted() != null) {
            n.put("linesDeleted", i.getLinesDeleted());
        }
        putText(n, "runtime", i.getRuntime());
        putText(n, "model", i.getModel());
        putText(n, "runtimeLabel", i.getRuntimeLabel());
        putExtra(n, i.getExtra(), INSTANCE_FIELDS);
        return n;
    }

    static ObjectNode toJson(ChatMessage m) {
        ObjectNode n = NODES.objectNode();
        n.put("id", m.getId());
        n.put("role", m.getRole().wire());
        n.put("content", m.getContent());
        putTime(n, "timestamp", m.getTimestamp());
        if (m.getInstanceId() != null) {
            n.put("instanceId", m.getInstanceId());
        }
        putExtra(n, m.getExtra(), MESSAGE_FIELDS);
        return n;
    }

    private static void putText(ObjectNode n, String field, String value) {
        if (value != null) {
            n.put(field, value);
        }
    }

    private static void putTime(ObjectNode n, String field, Instant value) {
        if (value != null) {
            n.put(field, Timestamps.format(value));
        }
    }

    /**
     * Extra fields after the known ones. A known field name is never taken from {@code extra} (an
     * import never puts one there; one set through {@code setExtra} is ignored), so that what is
     * written reads back the same.
     */
    private static void putExtra(ObjectNode n, ObjectNode extra, Set<String> known) {
        if (extra == null) {
            return;
        }
        for (Iterator<String> names = extra.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!known.contains(name)) {
                n.set(name, extra.get(name));
            }
        }
    }

    /**
     * The paths at which two legacy JSON values differ ({@code task}, {@code instances[1].status},
     * {@code evaluation.score}), depth first; empty when they are equal. Arrays are compared
     * element by element; an element only one side has is reported as a whole.
     */
    static List<String> differences(JsonNode expected, JsonNode actual) {
        List<String> paths = new ArrayList<>();
        diff("", expected, actual, paths);
        return paths;
    }

    private static void diff(String path, JsonNode a, JsonNode b, List<String> out) {
        if (a != null && a.equals(b)) {
            return;
        }
        if (a instanceof ObjectNode oa && b instanceof ObjectNode ob) {
            Set<String> names = new LinkedHashSet<>();
            oa.fieldNames().forEachRemaining(names::add);
            ob.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                diff(path.isEmpty() ? name : path + "." + name, oa.get(name), ob.get(name), out);
            }
        } else if (a instanceof ArrayNode aa && b instanceof ArrayNode ab) {
            for (int i = 0; i < Math.max(aa.size(), ab.size()); i++) {
                diff(path + "[" + i + "]", aa.get(i), ab.get(i), out);
            }
        } else {
            out.add(path.isEmpty() ? "$" : path);
        }
    }

    /**
     * A generator for legacy files: two-space indentation, one array element per line,
     * {@code "name": value} and {@code []} as the legacy application wrote them.
     */
    static JsonGenerator generator(java.io.OutputStream out) throws IOException {
        DefaultPrettyPrinter pretty = new DefaultPrettyPrinter(Separators.createDefaultInstance()
                .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                .withArrayEmptySeparator("")
                .withObjectEmptySeparator(""));
        DefaultIndenter lines = new DefaultIndenter("  ", "\n");
        pretty.indentArraysWith(lines);
        pretty.indentObjectsWith(lines);
        JsonGenerator g = MAPPER.getFactory().createGenerator(out);
        g.setPrettyPrinter(pretty);
        return g;
    }
}
