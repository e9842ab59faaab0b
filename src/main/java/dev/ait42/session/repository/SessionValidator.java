package dev.ait42.session.repository;

import dev.ait42.session.ValidationException;
import dev.ait42.session.model.ChatMessage;
import dev.ait42.session.model.Instance;
import dev.ait42.session.model.JsonObjectConverter;
import dev.ait42.session.model.Limits;
import dev.ait42.session.model.Session;
import dev.ait42.session.model.Timestamps;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.persistence.Persistence;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Checks a session graph before it is written, so a bad value is reported with its path
 * ({@code session.instances[1].branch}) instead of as a database constraint failure, or not at all:
 * every string within its {@link Limits} and storable exactly ({@link StringRules}), and every
 * instance number the session refers to ({@code winnerId}, {@code integrationInstanceId}, a
 * message's {@code instanceId}) naming one of its instances. The legacy import does not come
 * through here: old files with long values (ids aside) or dangling references import as they are.
 */
final class SessionValidator {

    private SessionValidator() {
    }

    static void validate(Session s) {
        if (s == null) {
            throw new ValidationException("session", "must not be null");
        }
        requireId("session.id", s.getId());
        StringRules.oneLine("session.id", s.getId(), Limits.ID);
        requireLoaded(s, "instances");
        requireLoaded(s, "messages");
        validateScalars(s);
        validateInstances(s.getInstances());
        validateMessages(s.getMessages());
        validateReferences(s);
    }

    /**
     * A stored session a change was applied to in place: its own fields, and of its collections
     * those the change loaded, with the references among what was loaded. What it could not see
     * is the caller's to check: references to instances that were not loaded, and the stored
     * messages' references to instances the change may have removed.
     */
    static void validateChanged(Session s) {
        validateScalars(s);
        boolean instances = isLoaded(s, "instances");
        boolean messages = isLoaded(s, "messages");
        if (instances) {
            validateInstances(s.getInstances());
        }
        if (messages) {
            validateMessages(s.getMessages());
        }
        if (messages) {
            validateReferences(s); // reads the instances too
        } else if (instances) {
            Set<Integer> numbers = instanceNumbers(s);
            reference("session.winnerId", s.getWinnerId(), numbers, s.getId());
            reference("session.integrationInstanceId", s.getIntegrationInstanceId(), numbers, s.getId());
        }
    }

    static Set<Integer> instanceNumbers(Session s) {
        return s.getInstances().stream().map(Instance::getInstanceId).collect(Collectors.toSet());
    }

    private static void validateScalars(Session s) {
        required("session.type", s.getType());
        required("session.task", s.getTask());
        StringRules.text("session.task", s.getTask(), Limits.TEXT);
        StringRules.oneLine("session.model", s.getModel(), Limits.NAME);
        extra("session.extra", s.getExtra());
        required("session.status", s.getStatus());
        timestamp("session.createdAt", s.getCreatedAt(), true);
        timestamp("session.updatedAt", s.getUpdatedAt(), true);
        timestamp("session.completedAt", s.getCompletedAt(), false);
        notNegative("session.timeoutSeconds", s.getTimeoutSeconds());
        notNegative("session.winnerId", s.getWinnerId());
        notNegative("session.totalDuration", s.getTotalDuration());
        notNegative("session.totalFilesChanged", s.getTotalFilesChanged());
        notNegative("session.totalLinesAdded", s.getTotalLinesAdded());
        notNegative("session.totalLinesDeleted", s.getTotalLinesDeleted());
        notNegative("session.integrationInstanceId", s.getIntegrationInstanceId());
        validateRuntimeMix(s.getRuntimeMix());
    }

    private static boolean isLoaded(Session s, String collection) {
        return Persistence.getPersistenceUtil().isLoaded(s, collection);
    }

    private static void validateRuntimeMix(List<String> mix) {
        if (mix == null) {
            return;
        }
        if (mix.size() > Limits.RUNTIME_MIX_ENTRIES) {
            throw new ValidationException("session.runtimeMix", "has " + mix.size() + " entries; the limit is "
                    + Limits.RUNTIME_MIX_ENTRIES);
        }
        for (int n = 0; n < mix.size(); n++) {
            required("session.runtimeMix[" + n + "]", mix.get(n));
            StringRules.oneLine("session.runtimeMix[" + n + "]", mix.get(n), Limits.NAME);
        }
    }

    /** The winner, the integrating instance and each message's instance are instances of the session. */
    private static void validateReferences(Session s) {
        Set<Integer> instances = instanceNumbers(s);
        reference("session.winnerId", s.getWinnerId(), instances, s.getId());
        reference("session.integrationInstanceId", s.getIntegrationInstanceId(), instances, s.getId());
        List<ChatMessage> messages = s.getMessages();
        for (int n = 0; n < messages.size(); n++) {
            reference("session.messages[" + n + "].instanceId", messages.get(n).getInstanceId(), instances, s.getId());
        }
    }

    private static void reference(String field, Integer instanceId, Set<Integer> instances, String sessionId) {
        if (instanceId != null && !instances.contains(instanceId)) {
            throw danglingReference(field, instanceId, sessionId);
        }
    }

    /** An instance number that names no instance of the session. */
    static ValidationException danglingReference(String field, int instanceId, String sessionId) {
        return new ValidationException(field, instanceId + " names no instance of session " + Limits.quoted(sessionId));
    }

    /** The extra fields as they will be stored: JSON text. */
    private static void extra(String field, ObjectNode extra) {
        if (extra != null) {
            StringRules.text(field, new JsonObjectConverter().convertToDatabaseColumn(extra), Limits.TEXT);
        }
    }

    /** A copy from a SUMMARY listing lacks its collections: saving it would have to guess them. */
    private static void requireLoaded(Session s, String collection) {
        if (!isLoaded(s, collection)) {
            throw new ValidationException("session." + collection, "were not loaded; read the session with"
                    + " get() (or a FetchPlan.FULL listing) before saving it");
        }
    }

    private static void validateInstances(List<Instance> instances) {
        Set<Integer> seen = new HashSet<>();
        for (int n = 0; n < instances.size(); n++) {
            Instance i = instances.get(n);
            String at = "session.instances[" + n + "]";
            notNegative(at + ".instanceId", i.getInstanceId());
            if (!seen.add(i.getInstanceId())) {
                throw new ValidationException(at + ".instanceId", "instance " + i.getInstanceId()
                        + " appears twice in the session");
            }
            StringRules.oneLine(at + ".worktreePath", required(at + ".worktreePath", i.getWorktreePath()), Limits.PATH);
            StringRules.oneLine(at + ".branch", required(at + ".branch", i.getBranch()), Limits.NAME);
            StringRules.oneLine(at + ".agentName", required(at + ".agentName", i.getAgentName()), Limits.NAME);
            StringRules.oneLine(at + ".tmuxSessionId", required(at + ".tmuxSessionId", i.getTmuxSessionId()), Limits.NAME);
            required(at + ".status", i.getStatus());
            StringRules.oneLine(at + ".runtime", i.getRuntime(), Limits.NAME);
            StringRules.oneLine(at + ".model", i.getModel(), Limits.NAME);
            StringRules.oneLine(at + ".runtimeLabel", i.getRuntimeLabel(), Limits.NAME);
            StringRules.text(at + ".output", i.getOutput(), Limits.TEXT);
            extra(at + ".extra", i.getExtra());
            timestamp(at + ".startTime", i.getStartTime(), false);
            timestamp(at + ".endTime", i.getEndTime(), false);
            notNegative(at + ".filesChanged", i.getFilesChanged());
            notNegative(at + ".linesAdded", i.getLinesAdded());
            notNegative(at + ".linesDeleted", i.getLinesDeleted());
        }
    }

    private static void validateMessages(List<ChatMessage> messages) {
        Set<String> seen = new HashSet<>();
        for (int n = 0; n < messages.size(); n++) {
            ChatMessage m = messages.get(n);
            String at = "session.messages[" + n + "]";
            validate(at, m);
            if (!seen.add(m.getId())) {
                throw new ValidationException(at + ".id", "message id '" + m.getId() + "' appears twice in the session");
            }
        }
    }

    static void validate(String at, ChatMessage m) {
        if (m == null) {
            throw new ValidationException(at, "must not be null");
        }
        requireId(at + ".id", m.getId());
        StringRules.oneLine(at + ".id", m.getId(), Limits.ID);
        required(at + ".role", m.getRole());
        StringRules.text(at + ".content", required(at + ".content", m.getContent()), Limits.TEXT);
        extra(at + ".extra", m.getExtra());
        timestamp(at + ".timestamp", m.getTimestamp(), true);
        notNegative(at + ".instanceId", m.getInstanceId());
    }

    static void validate(InstanceOutput output) {
        if (output == null) {
            throw new ValidationException("output", "must not be null");
        }
        StringRules.text("output.output", output.output(), Limits.TEXT);
        timestamp("output.endTime", output.endTime(), false);
        notNegative("output.filesChanged", output.filesChanged());
        notNegative("output.linesAdded", output.linesAdded());
        notNegative("output.linesDeleted", output.linesDeleted());
    }

    /** A workspace's path as it will be stored; null (unknown) passes. */
    static void workspacePath(String field, String path) {
        StringRules.oneLine(field, path, Limits.PATH);
    }

    /**
     * A session id in a lookup: only not blank. Lengths are checked where an id is written, so that a
     * session imported from an old file with a longer id can still be read, deleted and given
     * messages and statuses.
     */
    static String requireId(String field, String id) {
        if (id == null || id.isBlank()) {
            throw new ValidationException(field, "must not be blank");
        }
        return id;
    }

    static <T> T required(String field, T value) {
        if (value == null) {
            throw new ValidationException(field, "must not be null");
        }
        return value;
    }

    private static void timestamp(String field, Instant value, boolean required) {
        if (value == null) {
            if (required) {
                throw new ValidationException(field, "must not be null");
            }
            return;
        }
        try {
            Timestamps.requireStorable(value);
        } catch (ValidationException e) {
            throw new ValidationException(field, "'" + value + "' is outside the years 0000-9999");
        }
    }

    private static void notNegative(String field, Number value) {
        if (value != null && value.longValue() < 0) {
            throw new ValidationException(field, "must not be negative, was " + value);
        }
    }
}
