package dev.ait42.session.legacy;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.io.ContentReference;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ait42.session.ValidationException;
import dev.ait42.session.model.ChatMessage;
import dev.ait42.session.model.Instance;
import dev.ait42.session.model.InstanceStatus;
import dev.ait42.session.model.IntegrationPhase;
import dev.ait42.session.model.Limits;
import dev.ait42.session.model.MessageRole;
import dev.ait42.session.model.Session;
import dev.ait42.session.model.SessionStatus;
import dev.ait42.session.model.SessionType;
import dev.ait42.session.model.Timestamps;
import dev.ait42.session.model.WireValue;

import java.io.ByteArrayInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.SequenceInputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Reads one legacy session file ({@code sessions/<hash>.json}, a JSON array of sessions) with
 * Jackson's streaming parser, one session at a time, so memory holds one session whatever the
 * size of the file. Each session is checked field by field as it is read (types, enum values,
 * required fields, numbers not negative, timestamps, strings UTF-8 can hold) and becomes a
 * {@link Session} graph ready to save, or a {@link Rejected} element naming the line and column of
 * the offending token; the reader then skips to the next session.
 *
 * <p>A session the parser itself gives up on (invalid UTF-8, nesting deeper than
 * {@link LegacyJson#MAX_NESTING_DEPTH}, a string longer than {@link LegacyJson#maxStringLength()}, a
 * session too large for the heap) costs that session only: an {@link ElementScanner} finds where
 * the next one begins and a new parser starts there, its locations counted from that point of the
 * file. Two sessions without a comma between them are both read (a {@link Gap} reports it).
 * Broken JSON the scan cannot get past (a file cut inside a session, other garbage between
 * sessions) ends the file: {@link #next()} throws Jackson's exception, whose location says where.
 */
final class LegacyFileReader implements Closeable {

    /** One element of the array (a session or a rejected one), or a break between two. */
    sealed interface Item permits Parsed, Rejected, Gap {
    }

    /** A break between two sessions that the reader read past (a missing comma): no session is lost. */
    record Gap(JsonLocation location, String message) implements Item {
        ImportProblem problemIn(Path file) {
            return LegacyHome.problem(file, location, message);
        }
    }

    /**
     * A valid session; {@code bytes} is the size of its JSON text; {@code warnings} what it holds
     * that is kept as it is but worth knowing (references to instances the session does not have).
     */
    record Parsed(Session session, JsonLocation location, long bytes, List<Warning> warnings) implements Item {
        List<ImportProblem> warningsIn(Path file) {
            return warnings.stream().map(w -> LegacyHome.problem(file, w.location(), session.getId(), w.message())).toList();
        }
    }

    /** Something a valid session holds that is kept but reported. */
    record Warning(JsonLocation location, String message) {
    }

    /**
     * An element that is not a valid session: where, which (if its id could be read), the JSON path
     * of the offending field (null when the element as a whole is wrong) and why.
     */
    record Rejected(String sessionId, JsonLocation location, String path, String message) implements Item {
        ImportProblem problemIn(Path file) {
            return LegacyHome.problem(file, location, sessionId, message);
        }
    }

    /** A field that cannot be taken, at a given token; the message starts with the field's path. */
    static final class FormatException extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient JsonLocation location;
        private final String path;

        FormatException(String message, JsonLocation location) {
            this(null, message, location);
        }

        FormatException(String path, String message, JsonLocation location) {
            super(path == null ? message : path + ": " + message, null, false, false);
            this.path = path;
            this.location = location;
        }

        JsonLocation location() {
            return location;
        }

        /** The JSON path of the field ({@code instances[1].status}), or null. */
        String path() {
            return path;
        }
    }

    /** A reference to an instance number, checked once the session's instances are all read. */
    private record InstanceReference(String path, int instanceId, JsonLocation location) {
    }

    private static final byte[] ARRAY_START = {'['};

    private final Path file;
    /** The parser of the current stretch of the file: from its start, or from where it resumed after a broken session. */
    private JsonParser p;
    /** Where the current parser's input starts in the file; it resumes with an extra {@code [} in front. */
    private ElementScanner.Position origin = new ElementScanner.Position(0, 1, 1);
    private int prefix;
    private JsonStreamContext array;
    private final List<InstanceReference> references = new ArrayList<>();

    LegacyFileReader(Path file) throws IOException {
        this.file = file;
        this.p = LegacyJson.MAPPER.createParser(new StrictUtf8(Files.newInputStream(file)));
    }

    /**
     * Reads up to the opening bracket of the array.
     *
     * @throws FormatException if the file is empty or holds something else than an array
     */
    void start() throws IOException {
        JsonToken t;
        try {
            t = p.nextToken();
        } catch (JsonProcessingException e) {
            if (!e.getOriginalMessage().contains("Invalid UTF-8")) {
                throw e;
            }
            // A file of another encoding (UTF-16 with its byte order mark...): nothing in it is readable.
            throw new FormatException("the file is not UTF-8 (legacy files are UTF-8 JSON)",
                    new JsonLocation(ContentReference.unknown(), 0, -1, 1, 1));
        }
        if (t == null) {
            throw new FormatException("the file is empty; expected a JSON array of sessions", here());
        }
        if (t != JsonToken.START_ARRAY) {
            throw new FormatException("expected a JSON array of sessions, found " + describe(t), tokenAt());
        }
        array = p.getParsingContext();
    }

    /** Bytes of the file read so far. */
    long bytesRead() {
        return Math.max(0, here().getByteOffset());
    }

    /**
     * The next element of the array, or null after the closing bracket.
     *
     * @throws FormatException       for content after the array (every session was read)
     * @throws IOException            for broken JSON syntax the reader cannot get past (a file cut
     *                                inside a session: its
     *                                {@link com.fasterxml.jackson.core.JsonProcessingException#getLocation()}
     *                                says where) or a read error; the rest of the file is lost
     */
    Item next() throws IOException {
        JsonToken t;
        try {
            t = p.nextToken();
        } catch (JsonParseException e) {
            return missingComma(e);
        }
        if (t == JsonToken.END_ARRAY) {
            try {
                if (p.nextToken() == null) {
                    return null;
                }
            } catch (JsonProcessingException garbage) {
                // not even a JSON token: the same problem
            }
            throw new FormatException("unexpected content after the array of sessions", tokenAt());
        }
        JsonLocation at = tokenAt();
        SessionDraft draft = new SessionDraft();
        try {
            return element(t, at, draft);
        } catch (JsonProcessingException e) {
            return skipBroken(at, draft, describe(e), e);
        } catch (OutOfMemoryError e) {
            // One allocation too large for the heap (a huge value); the session is dropped with it.
            return skipBroken(at, draft, "the session is too large for this JVM's heap of "
                    + Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MB (run with a larger -Xmx to import it)", null);
        }
    }

    private Item element(JsonToken t, JsonLocation at, SessionDraft draft) throws IOException {
        if (t != JsonToken.START_OBJECT) {
            String message = "expected a session object, found " + describe(t);
            p.skipChildren();
            return new Rejected(null, at, null, message);
        }
        JsonStreamContext sessionContext = p.getParsingContext();
        references.clear();
        try {
            readSession(draft);
            Session session = draft.build(at);
            return new Parsed(session, at, here().getByteOffset() - at.getByteOffset(), danglingReferences(session));
        } catch (FormatException e) {
            String id = skipRestOfSession(sessionContext);
            return new Rejected(draft.id != null ? draft.id : id, e.location(), e.path(), e.getMessage());
        }
    }

    /**
     * After the parser gave up inside the element that starts at {@code at}: scans past it and
     * resumes after it with a new parser. The element is rejected, located where the parser
     * stopped (or at its start when the parser did not say).
     *
     * @throws JsonProcessingException {@code cause} again when the file ends inside the element
     */
    private Item skipBroken(JsonLocation at, SessionDraft draft, String message, JsonProcessingException cause)
            throws IOException {
        JsonLocation where = cause != null && cause.getLocation() != null && !(cause instanceof StreamConstraintsException)
                ? translate(atOffendingByte(cause)) : tokenAt();
        p.close();
        ElementScanner.Resync resync = ElementScanner.skipElement(file,
                new ElementScanner.Position(at.getByteOffset(), at.getLineNr(), at.getColumnNr()));
        if (resync == null) {
            if (cause != null) {
                throw cause;
            }
            throw new JsonEOFException(null, null, message + "; the file ends inside this session");
        }
        resume(resync.next());
        String id = draft.id != null ? draft.id : LoneSurrogates.escape(resync.skippedId());
        return new Rejected(id, where, null, message);
    }

    /**
     * Two sessions with no comma between them ({@code } {}): the parser stops at the second one's
     * opening brace; the reader resumes there, so that both import, and reports the break.
     *
     * @throws JsonParseException {@code e} again for any other break between sessions
     */
    private Item missingComma(JsonParseException e) throws IOException {
        JsonLocation stopped = e.getLocation() == null ? null : translate(e.getLocation());
        if (stopped == null || !e.getOriginalMessage().startsWith("Unexpected character ('{'")
                || !e.getOriginalMessage().contains("was expecting comma")) {
            throw e;
        }
        // The parser's location is at the brace or just after it, depending on how far it read.
        JsonLocation brace = byteAt(stopped.getByteOffset()) == '{' ? stopped
                : new JsonLocation(ContentReference.unknown(), stopped.getByteOffset() - 1, -1, stopped.getLineNr(),
                        stopped.getColumnNr() - 1);
        if (brace.getColumnNr() < 1 || byteAt(brace.getByteOffset()) != '{') {
            throw e;
        }
        p.close();
        resume(new ElementScanner.Position(brace.getByteOffset(), brace.getLineNr(), brace.getColumnNr()));
        return new Gap(brace, "a comma is missing before this session; it is read all the same");
    }

    private int byteAt(long offset) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer one = ByteBuffer.allocate(1);
            return offset < 0 || channel.read(one, offset) != 1 ? -1 : one.get(0);
        }
    }

    /**
     * Where the parser stopped; for invalid UTF-8 it stops after the byte it names, so one byte
     * back (never a line break: those are ASCII).
     */
    private static JsonLocation atOffendingByte(JsonProcessingException e) {
        JsonLocation at = e.getLocation();
        if (!e.getOriginalMessage().contains("Invalid UTF-8") || at.getColumnNr() <= 1) {
            return at;
        }
        return new JsonLocation(at.contentReference(), at.getByteOffset() - 1, at.getCharOffset(), at.getLineNr(),
                at.getColumnNr() - 1);
    }

    /** A new parser from {@code next} on, reading {@code [} first so that what follows parses as array elements. */
    private void resume(ElementScanner.Position next) throws IOException {
        FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
        channel.position(next.offset());
        p = LegacyJson.MAPPER.createParser(new SequenceInputStream(new ByteArrayInputStream(ARRAY_START),
                new StrictUtf8(Channels.newInputStream(channel))));
        origin = next;
        prefix = ARRAY_START.length;
        p.nextToken();
        array = p.getParsingContext();
    }

    /** What went wrong, in the reader's words: the parser's own message says too little of why. */
    private static String describe(JsonProcessingException e) {
        String original = e.getOriginalMessage();
        if (e instanceof StreamConstraintsException) {
            if (original.startsWith("String value length")) {
                return "a string value is longer than " + LegacyJson.maxStringLength() + " characters, the most this JVM"
                        + " reads in one value (1/" + LegacyJson.HEAP_SHARE + " of its heap: a larger -Xmx takes more);"
                        + " session not imported";
            }
            if (original.startsWith("Document nesting depth")) {
                return "JSON nested deeper than " + LegacyJson.MAX_NESTING_DEPTH + " levels; session not imported";
            }
            return original + "; session not imported";
        }
        if (original.contains("Invalid UTF-8")) {
            return "bytes that are not valid UTF-8; session not imported";
        }
        return "broken JSON: " + original + "; session not imported";
    }

    // ---- locations: counted from the start of the file, whichever parser reads it ----

    private JsonLocation tokenAt() {
        return translate(p.currentTokenLocation());
    }

    private JsonLocation here() {
        return translate(p.currentLocation());
    }

    private JsonLocation translate(JsonLocation raw) {
        if (prefix == 0) {
            return raw;
        }
        int line = raw.getLineNr();
        int column = raw.getColumnNr();
        return new JsonLocation(ContentReference.unknown(), origin.offset() + raw.getByteOffset() - prefix, -1,
                origin.line() + line - 1, line == 1 ? origin.column() + column - 1 - prefix : column);
    }

    /** Closes the parser of the current stretch (after a resume, the earlier ones are closed already). */
    @Override
    public void close() throws IOException {
        p.close();
    }

    // ---- references to instances: kept as they are, reported ----

    private List<Warning> danglingReferences(Session session) {
        if (references.isEmpty()) {
            return List.of();
        }
        Set<Integer> numbers = new TreeSet<>();
        session.getInstances().forEach(i -> numbers.add(i.getInstanceId()));
        List<Warning> warnings = new ArrayList<>();
        for (InstanceReference r : references) {
            if (!numbers.contains(r.instanceId())) {
                warnings.add(new Warning(r.location(), r.path() + ": " + r.instanceId()
                        + " names no instance of the session (" + (numbers.isEmpty() ? "it has none"
                        : "it has " + numbers.stream().map(String::valueOf).collect(Collectors.joining(", ")))
                        + "); kept as it is"));
            }
        }
        return warnings;
    }

    private Integer reference(String path, Integer instanceId) {
        if (instanceId != null) {
            references.add(new InstanceReference(path, instanceId, tokenAt()));
        }
        return instanceId;
    }

    // ---- after a bad field: skip to the end of the session, picking up its id if still unread ----

    private String skipRestOfSession(JsonStreamContext sessionContext) throws IOException {
        String id = null;
        while (!(p.currentToken() == JsonToken.END_OBJECT && p.getParsingContext() == array)) {
            JsonToken t = p.nextToken();
            if (t == null) {
                return id; // cannot happen: the parser reports the end of input inside the array itself
            }
            if (t == JsonToken.FIELD_NAME && p.getParsingContext() == sessionContext && "id".equals(p.currentName())
                    && p.nextToken() == JsonToken.VALUE_STRING) {
                id = LoneSurrogates.escape(p.getText());
            }
        }
        return id;
    }

    // ---- sessions ----

    /** Fields read so far; the entity is built at the end, since the JSON may list them in any order. */
    private static final class SessionDraft {
        String id;
        JsonLocation idAt;
        SessionType type;
        String task;
        SessionStatus status;
        Instant createdAt;
        Instant updatedAt;
        Instant completedAt;
        String model;
        Long timeoutSeconds;
        Boolean preserveWorktrees;
        Integer winnerId;
        List<String> runtimeMix;
        Long totalDuration;
        Integer totalFilesChanged;
        Integer totalLinesAdded;
        Integer totalLinesDeleted;
        IntegrationPhase integrationPhase;
        Integer integrationInstanceId;
        ObjectNode extra;
        final List<Instance> instances = new ArrayList<>();
        final List<ChatMessage> messages = new ArrayList<>();

        Session build(JsonLocation at) {
            if (id == null) {
                throw new FormatException("id", "missing; every session needs an id", at);
            }
            if (id.isBlank()) {
                throw new FormatException("id", "must not be blank", idAt);
            }
            required("type", type, at);
            required("task", task, at);
            required("status", status, at);
            required("createdAt", createdAt, at);
            required("updatedAt", updatedAt, at);
            Session s = new Session(id, type, task);
            s.setStatus(status);
            s.setCreatedAt(createdAt);
            s.setUpdatedAt(updatedAt);
            s.setCompletedAt(completedAt);
            s.setModel(model);
            s.setTimeoutSeconds(timeoutSeconds);
            s.setPreserveWorktrees(preserveWorktrees);
            s.setWinnerId(winnerId);
            s.setRuntimeMix(runtimeMix);
            s.setTotalDuration(totalDuration);
            s.setTotalFilesChanged(totalFilesChanged);
            s.setTotalLinesAdded(totalLinesAdded);
            s.setTotalLinesDeleted(totalLinesDeleted);
            s.setIntegrationPhase(integrationPhase);
            s.setIntegrationInstanceId(integrationInstanceId);
            s.setExtra(extra);
            instances.forEach(s::addInstance);
            messages.forEach(s::addMessage);
            return s;
        }
    }

    private void readSession(SessionDraft d) throws IOException {
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            p.nextToken();
            d.extra = markExplicitNull(d.extra, name);
            switch (name) {
                case "id" -> {
                    d.idAt = tokenAt();
                    d.id = text(name); // kept before its check: a refused session is named by it
                    checkIdLength(name, d.id);
                }
                case "type" -> d.type = wire(SessionType.class, name);
                case "task" -> d.task = text(name);
                case "status" -> d.status = wire(SessionStatus.class, name);
                case "createdAt" -> d.createdAt = time(name);
                case "updatedAt" -> d.updatedAt = time(name);
                case "completedAt" -> d.completedAt = time(name);
                case "model" -> d.model = text(name);
                case "timeoutSeconds" -> d.timeoutSeconds = wholeNumber(name, Long.MAX_VALUE);
                case "preserveWorktrees" -> d.preserveWorktrees = bool(name);
                case "winnerId" -> d.winnerId = reference(name, intNumber(name));
                case "runtimeMix" -> d.runtimeMix = textList(name);
                case "totalDuration" -> d.totalDuration = wholeNumber(name, Long.MAX_VALUE);
                case "totalFilesChanged" -> d.totalFilesChanged = intNumber(name);
                case "totalLinesAdded" -> d.totalLinesAdded = intNumber(name);
                case "totalLinesDeleted" -> d.totalLinesDeleted = intNumber(name);
                case "integrationPhase" -> d.integrationPhase = wire(IntegrationPhase.class, name);
                case "integrationInstanceId" -> d.integrationInstanceId = reference(name, intNumber(name));
                case LegacyJson.INSTANCES -> readInstances(d.instances);
                case LegacyJson.CHAT_HISTORY -> readMessages(d.messages);
                default -> d.extra = extra(d.extra, name, name);
            }
        }
    }

    // ---- instances ----

    private void readInstances(List<Instance> into) throws IOException {
        readObjects(LegacyJson.INSTANCES, "an instance object", into, this::readInstance,
                ".instanceId", instance -> "instance " + instance.getInstanceId());
    }

    /** One element of an array of objects, {@code at} its JSON path and {@code start} where it begins. */
    @FunctionalInterface
    private interface ElementReader<T> {
        T read(String at, JsonLocation start) throws IOException;
    }

    /**
     * Reads an array of objects (absent or null: none), refusing an element that is not an object
     * and one whose key ({@code keyOf}, e.g. "instance 2") an earlier element already has.
     */
    private <T> void readObjects(String field, String expected, List<T> into, ElementReader<T> reader,
                                 String keyField, Function<T, String> keyOf) throws IOException {
        if (!arrayStart(field)) {
            return;
        }
        Map<String, Integer> seen = new HashMap<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
            String at = field + "[" + into.size() + "]";
            JsonLocation start = tokenAt();
            if (p.currentToken() != JsonToken.START_OBJECT) {
                throw mismatch(at, expected);
            }
            T element = reader.read(at, start);
            String key = keyOf.apply(element);
            Integer first = seen.putIfAbsent(key, into.size());
            if (first != null) {
                throw new FormatException(at + keyField, key + " appears twice in the session (also at "
                        + field + "[" + first + "])", start);
            }
            into.add(element);
        }
    }

    private Instance readInstance(String at, JsonLocation start) throws IOException {
        Integer instanceId = null;
        String worktreePath = null;
        String branch = null;
        String agentName = null;
        String tmuxSessionId = null;
        InstanceStatus status = null;
        String output = null;
        Instant startTime = null;
        Instant endTime = null;
        Integer filesChanged = null;
        Integer linesAdded = null;
        Integer linesDeleted = null;
        String runtime = null;
        String model = null;
        String runtimeLabel = null;
        ObjectNode extra = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            String path = at + "." + name;
            p.nextToken();
            extra = markExplicitNull(extra, name);
            switch (name) {
                case "instanceId" -> instanceId = intNumber(path);
                case "worktreePath" -> worktreePath = text(path);
                case "branch" -> branch = text(path);
                case "agentName" -> agentName = text(path);
                case "tmuxSessionId" -> tmuxSessionId = text(path);
                case "status" -> status = wire(InstanceStatus.class, path);
                case "output" -> output = text(path);
                case "startTime" -> startTime = time(path);
                case "endTime" -> endTime = time(path);
                case "filesChanged" -> filesChanged = intNumber(path);
                case "linesAdded" -> linesAdded = intNumber(path);
                case "linesDeleted" -> linesDeleted = intNumber(path);
                case "runtime" -> runtime = text(path);
                case "model" -> model = text(path);
                case "runtimeLabel" -> runtimeLabel = text(path);
                default -> extra = extra(extra, name, path);
            }
        }
        required(at + ".instanceId", instanceId, start);
        Instance i = new Instance(instanceId);
        i.setWorktreePath(required(at + ".worktreePath", worktreePath, start));
        i.setBranch(required(at + ".branch", branch, start));
        i.setAgentName(required(at + ".agentName", agentName, start));
        i.setTmuxSessionId(required(at + ".tmuxSessionId", tmuxSessionId, start));
        i.setStatus(required(at + ".status", status, start));
        i.setOutput(output);
        i.setStartTime(startTime);
        i.setEndTime(endTime);
        i.setFilesChanged(filesChanged);
        i.setLinesAdded(linesAdded);
        i.setLinesDeleted(linesDeleted);
        i.setRuntime(runtime);
        i.setModel(model);
        i.setRuntimeLabel(runtimeLabel);
        i.setExtra(extra);
        return i;
    }

    // ---- chat history ----

    private void readMessages(List<ChatMessage> into) throws IOException {
        readObjects(LegacyJson.CHAT_HISTORY, "a message object", into, this::readMessage,
                ".id", message -> "message id '" + message.getId() + "'");
    }

    private ChatMessage readMessage(String at, JsonLocation start) throws IOException {
        String id = null;
        JsonLocation idAt = start;
        MessageRole role = null;
        String content = null;
        Instant timestamp = null;
        Integer instanceId = null;
        ObjectNode extra = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            String path = at + "." + name;
            p.nextToken();
            extra = markExplicitNull(extra, name);
            switch (name) {
                case "id" -> {
                    idAt = tokenAt();
                    id = text(path);
                    checkIdLength(path, id);
                }
                case "role" -> role = wire(MessageRole.class, path);
                case "content" -> content = text(path);
                case "timestamp" -> timestamp = time(path);
                case "instanceId" -> instanceId = reference(path, intNumber(path));
                default -> extra = extra(extra, name, path);
            }
        }
        required(at + ".id", id, start);
        if (id.isBlank()) {
            throw new FormatException(at + ".id", "must not be blank", idAt);
        }
        ChatMessage m = new ChatMessage(id, required(at + ".role", role, start),
                required(at + ".content", content, start), required(at + ".timestamp", timestamp, start));
        m.setInstanceId(instanceId);
        m.setExtra(extra);
        return m;
    }

    // ---- values: the current token, checked ----

    private static <T> T required(String path, T value, JsonLocation at) {
        if (value == null) {
            throw new FormatException(path, "missing (or null)", at);
        }
        return value;
    }

    /**
     * An explicit {@code null} of an optional field of the format, recorded in {@code extra} so
     * that the export writes it back (a column cannot tell it from an absent field).
     */
    private ObjectNode markExplicitNull(ObjectNode extra, String name) {
        if (p.currentToken() != JsonToken.VALUE_NULL || !LegacyJson.NULLABLE_FIELDS.contains(name)) {
            return extra;
        }
        ObjectNode into = extra == null ? LegacyJson.MAPPER.createObjectNode() : extra;
        into.putNull(name);
        return into;
    }

    /** A field this schema has no column for, kept as it is (explicit nulls included). */
    private ObjectNode extra(ObjectNode extra, String name, String path) throws IOException {
        ObjectNode into = extra == null ? LegacyJson.MAPPER.createObjectNode() : extra;
        JsonLocation at = tokenAt();
        storable(path, name);
        JsonNode value = p.readValueAsTree();
        String lone = LoneSurrogates.findIn(value);
        if (lone != null) {
            throw new FormatException(LoneSurrogates.escape(path), lone, at);
        }
        into.set(name, value == null ? NullNode.getInstance() : value);
        return into;
    }

    private String text(String path) throws IOException {
        return switch (p.currentToken()) {
            case VALUE_STRING -> storable(path, p.getText());
            case VALUE_NULL -> null;
            default -> throw mismatch(path, "a string");
        };
    }

    /**
     * A session's or a message's id, if the store can keep it: the one limit the import applies,
     * since an id is part of a search document's key and the index refuses keys over its term
     * limit (the row would be stored and never found).
     */
    private void checkIdLength(String path, String id) {
        if (id != null && id.length() > Limits.IMPORTED_ID) {
            throw new FormatException(path, "is " + id.length() + " characters long; an imported id may have at most "
                    + Limits.IMPORTED_ID, tokenAt());
        }
    }

    /**
     * The text of the current token if UTF-8 can hold it. A lone UTF-16 surrogate ({@code "\ud800"}
     * unpaired) cannot be stored or written back: the database would turn it into {@code ?}, so
     * the session is refused instead of being changed in silence.
     */
    private String storable(String path, String text) {
        int at = LoneSurrogates.indexIn(text);
        if (at >= 0) {
            throw new FormatException(LoneSurrogates.escape(path), LoneSurrogates.describe(text, at), tokenAt());
        }
        return text;
    }

    private Instant time(String path) throws IOException {
        String text = text(path);
        if (text == null) {
            return null;
        }
        try {
            Instant instant = Timestamps.parse(path, text);
            Timestamps.format(instant); // years 0000-9999 only: text order must stay time order
            return instant;
        } catch (ValidationException e) {
            throw new FormatException(path, "'" + abbreviate(text) + "' is not an RFC 3339 timestamp"
                    + " of the years 0000-9999", tokenAt());
        }
    }

    private <E extends Enum<E> & WireValue> E wire(Class<E> type, String path) throws IOException {
        String text = text(path);
        if (text == null) {
            return null;
        }
        try {
            return WireValue.parse(type, path, text);
        } catch (ValidationException e) {
            throw new FormatException(e.field(), e.getMessage().substring(e.field().length() + 2), tokenAt());
        }
    }

    private Boolean bool(String path) throws IOException {
        return switch (p.currentToken()) {
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            case VALUE_NULL -> null;
            default -> throw mismatch(path, "true or false");
        };
    }

    private Integer intNumber(String path) throws IOException {
        Long value = wholeNumber(path, Integer.MAX_VALUE);
        return value == null ? null : value.intValue();
    }

    /** A whole number from 0 to {@code max} (counts, ids, durations are never negative). */
    private Long wholeNumber(String path, long max) throws IOException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_NULL) {
            return null;
        }
        if (t != JsonToken.VALUE_NUMBER_INT) {
            throw mismatch(path, "a whole number");
        }
        if (p.getNumberType() == JsonParser.NumberType.BIG_INTEGER || p.getLongValue() > max) {
            throw new FormatException(path, p.getText() + " is too large (at most " + max + ")",
                    tokenAt());
        }
        long value = p.getLongValue();
        if (value < 0) {
            throw new FormatException(path, "must not be negative, was " + value, tokenAt());
        }
        return value;
    }

    private List<String> textList(String path) throws IOException {
        if (!arrayStart(path)) {
            return null;
        }
        List<String> values = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
            if (p.currentToken() != JsonToken.VALUE_STRING) {
                throw mismatch(path + "[" + values.size() + "]", "a string");
            }
            values.add(storable(path + "[" + values.size() + "]", p.getText()));
        }
        return values;
    }

    /** True at the start of an array, false for null; anything else is a wrong type. */
    private boolean arrayStart(String path) {
        return switch (p.currentToken()) {
            case START_ARRAY -> true;
            case VALUE_NULL -> false;
            default -> throw mismatch(path, "an array");
        };
    }

    private FormatException mismatch(String path, String expected) {
        return new FormatException(path, "expected " + expected + ", found " + describe(p.currentToken()),
                tokenAt());
    }

    private String describe(JsonToken t) {
        try {
            return switch (t) {
                case VALUE_STRING -> "a string (\"" + abbreviate(p.getText()) + "\")";
                case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number (" + abbreviate(p.getText()) + ")";
                case VALUE_TRUE, VALUE_FALSE -> "a boolean (" + p.getText() + ")";
                case VALUE_NULL -> "null";
                case START_OBJECT -> "an object";
                case START_ARRAY -> "an array";
                default -> t.asString() == null ? t.name() : "'" + t.asString() + "'";
            };
        } catch (IOException e) {
            return t.name();
        }
    }

    private static String abbreviate(String text) {
        String printable = LoneSurrogates.escape(text);
        return printable.length() <= 40 ? printable : printable.substring(0, 37) + "...";
    }
}
