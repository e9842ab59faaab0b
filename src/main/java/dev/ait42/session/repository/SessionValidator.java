package dev.ait42.session.repository;

import dev.ait42.session.ValidationException;
import dev.ait42.session.model.ChatMessage;
import dev.ait42.session.model.Instance;
import dev.ait42.session.model.Session;
import dev.ait42.session.model.Timestamps;
import jakarta.persistence.Persistence;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Checks a session graph before it is written, so a bad value is reported with its path
 * ({@code session.instances[1].branch}) instead of as a database constraint failure.
 */
final class SessionValidator {

    private SessionValidator() {
    }

    static void validate(Session s) {
        if (s == null) {
            throw new ValidationException("session", "must not be null");
        }
        requireId("session.id", s.getId());
        requireLoaded(s, "instances");
        requireLoaded(s, "messages");
        required("session.type", s.getType());
        required("session.task", s.getTask());
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
        if (s.getRuntimeMix() != null && s.getRuntimeMix().stream().anyMatch(r -> r == null)) {
            throw new ValidationException("session.runtimeMix", "must not contain null");
        }
        validateInstances(s.getInstances());
        validateMessages(s.getMessages());
    }

    /** A copy from a SUMMARY listing lacks its collections: saving it would have to guess them. */
    private static void requireLoaded(Session s, String collection) {
        if (!Persistence.getPersistenceUtil().isLoaded(s, collection)) {
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
            required(at + ".worktreePath", i.getWorktreePath());
            required(at + ".branch", i.getBranch());
            required(at + ".agentName", i.getAgentName());
            required(at + ".tmuxSessionId", i.getTmuxSessionId());
            required(at + ".status", i.getStatus());
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
        required(at + ".role", m.getRole());
        required(at + ".content", m.getContent());
        timestamp(at + ".timestamp", m.getTimestamp(), true);
        notNegative(at + ".instanceId", m.getInstanceId());
    }

    static void validate(InstanceOutput output) {
        if (output == null) {
            throw new ValidationException("output", "must not be null");
        }
        timestamp("output.endTime", output.endTime(), false);
        notNegative("output.filesChanged", output.filesChanged());
        notNegative("output.linesAdded", output.linesAdded());
        notNegative("output.linesDeleted", output.linesDeleted());
    }

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
            Timestamps.format(value);
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
