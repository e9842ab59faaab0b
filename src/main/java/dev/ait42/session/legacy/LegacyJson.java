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
 * {@code 2025-05-02T09:00:00.000Z} form; an absent optional field omitted, an explicit {@code null}
 * written back (the reader marks it in {@code extra}); extra
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

    /** The deepest nesting read (sessions need 4 levels; extra fields may nest, but not without end). */
    static final int MAX_NESTING_DEPTH = 1000;

    /** The longest string read is the heap's size divided by this (in characters, at least 1 Mi). */
    static final int HEAP_SHARE = 16;

    /**
     * The longest string value read, in characters: as large as this JVM's heap allows (an agent's
     * terminal capture can be tens of MB and must not be refused), but bounded, so that a value
     * larger than the heap can hold costs its session instead of ending the JVM with an
     * {@code OutOfMemoryError}. Reading a string takes several times its size while it is
     * decoded, and the session is then written and indexed.
     */
    static int maxStringLength() {
        return (int) Math.min(Integer.MAX_VALUE, Math.max(1 << 20, Runtime.getRuntime().maxMemory() / HEAP_SHARE));
    }

    /**
     * The mapper and factory of every legacy read and write: strings up to
     * {@link #maxStringLength()}, nesting up to {@link #MAX_NESTING_DEPTH}, Jackson's defaults
     * otherwise.
     */
    static final ObjectMapper MAPPER = new ObjectMapper(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxStringLength(maxStringLength())
                    .maxNestingDepth(MAX_NESTING_DEPTH)
                    .build())
            .build());

    private static final JsonNodeFactory NODES = MAPPER.getNodeFactory();

    private LegacyJson() {
    }

    /** The legacy JSON of a session with its instances and messages (all must be loaded). */
    static ObjectNode toJson(Session s) {
        ObjectNode n = NODES.objectNode();
        ObjectNode x = s.getExtra();
        n.put("id", s.getId());
        n.put("type", s.getType().wire());
        n.put("task", s.getTask());
        n.put("status", s.getStatus().wire());
        putTime(n, "createdAt", s.getCreatedAt());
        putTime(n, "updatedAt", s.getUpdatedAt());
        optional(n, x, "completedAt", s.getCompletedAt());
        optional(n, x, "model", s.getModel());
        optional(n, x, "timeoutSeconds", s.getTimeoutSeconds());
        optional(n, x, "preserveWorktrees", s.getPreserveWorktrees());
        optional(n, x, "winnerId", s.getWinnerId());
        optional(n, x, "runtimeMix", s.getRuntimeMix());
        optional(n, x, "totalDuration", s.getTotalDuration());
        optional(n, x, "totalFilesChanged", s.getTotalFilesChanged());
        optional(n, x, "totalLinesAdded", s.getTotalLinesAdded());
        optional(n, x, "totalLinesDeleted", s.getTotalLinesDeleted());
        optional(n, x, "integrationPhase", s.getIntegrationPhase() == null ? null : s.getIntegrationPhase().wire());
        optional(n, x, "integrationInstanceId", s.getIntegrationInstanceId());
        putExtra(n, x, SESSION_FIELDS);
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
        ObjectNode x = i.getExtra();
        n.put("instanceId", i.getInstanceId());
        n.put("worktreePath", i.getWorktreePath());
        n.put("branch", i.getBranch());
        n.put("agentName", i.getAgentName());
        n.put("status", i.getStatus().wire());
        n.put("tmuxSessionId", i.getTmuxSessionId());
        optional(n, x, "output", i.getOutput());
        optional(n, x, "startTime", i.getStartTime());
        optional(n, x, "endTime", i.getEndTime());
        optional(n, x, "filesChanged", i.getFilesChanged());
        optional(n, x, "linesAdded", i.getLinesAdded());
        optional(n, x, "linesDeleted", i.getLinesDeleted());
        optional(n, x, "runtime", i.getRuntime());
        optional(n, x, "model", i.getModel());
        optional(n, x, "runtimeLabel", i.getRuntimeLabel());
        putExtra(n, x, INSTANCE_FIELDS);
        return n;
    }

    static ObjectNode toJson(ChatMessage m) {
        ObjectNode n = NODES.objectNode();
        n.put("id", m.getId());
        n.put("role", m.getRole().wire());
        n.put("content", m.getContent());
        putTime(n, "timestamp", m.getTimestamp());
        optional(n, m.getExtra(), "instanceId", m.getInstanceId());
        putExtra(n, m.getExtra(), MESSAGE_FIELDS);
        return n;
    }

    /**
     * Fields of the format that may be null, and that the reader records in {@code extra} as an
     * explicit {@code null} when the file had one, so that it is written back as it was.
     */
    static final Set<String> NULLABLE_FIELDS = Set.of("completedAt", "model", "timeoutSeconds", "preserveWorktrees",
            "winnerId", "runtimeMix", "totalDuration", "totalFilesChanged", "totalLinesAdded", "totalLinesDeleted",
            "integrationPhase", "integrationInstanceId", "output", "startTime", "endTime", "filesChanged", "linesAdded",
            "linesDeleted", "runtime", "runtimeLabel", "instanceId");

    /**
     * An optional field: its value; when it has none, {@code null} if the file it was read from
     * had an explicit {@code null} there (recorded in {@code extra}), or nothing if it had no such
     * field.
     */
    private static void optional(ObjectNode n, ObjectNode extra, String field, Object value) {
        if (value == null) {
            JsonNode marker = extra == null ? null : extra.get(field);
            if (marker != null && marker.isNull()) {
                n.putNull(field);
            }
        } else if (value instanceof Instant t) {
            n.put(field, Timestamps.format(t));
        } else if (value instanceof String text) {
            n.put(field, text);
        } else if (value instanceof Integer number) {
            n.put(field, number);
        } else if (value instanceof Long number) {
            n.put(field, number);
        } else if (value instanceof Boolean flag) {
            n.put(field, flag);
        } else if (value instanceof List<?> list) {
            ArrayNode array = n.putArray(field);
            list.forEach(e -> array.add(String.valueOf(e)));
        } else {
            throw new IllegalArgumentException(field + ": " + value.getClass());
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
