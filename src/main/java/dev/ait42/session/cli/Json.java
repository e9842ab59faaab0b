package dev.ait42.session.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.ait42.session.model.ChatMessage;
import dev.ait42.session.model.Instance;
import dev.ait42.session.model.Session;
import dev.ait42.session.model.Timestamps;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code --json} output: one document on standard output, camelCase as in the legacy files. */
final class Json {

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private Json() {
    }

    static void print(PrintWriter out, Object document) {
        try {
            out.println(MAPPER.writeValueAsString(document));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String time(Instant instant) {
        return instant == null ? null : Timestamps.format(instant);
    }

    /** A session's own fields (no instances or messages). */
    static Map<String, Object> summary(Session s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("workspace", s.getWorkspaceHash());
        m.put("id", s.getId());
        m.put("type", s.getType().wire());
        m.put("task", s.getTask());
        m.put("status", s.getStatus().wire());
        m.put("createdAt", time(s.getCreatedAt()));
        m.put("updatedAt", time(s.getUpdatedAt()));
        m.put("completedAt", time(s.getCompletedAt()));
        m.put("model", s.getModel());
        m.put("timeoutSeconds", s.getTimeoutSeconds());
        m.put("preserveWorktrees", s.getPreserveWorktrees());
        m.put("winnerId", s.getWinnerId());
        m.put("runtimeMix", s.getRuntimeMix());
        m.put("totalDuration", s.getTotalDuration());
        m.put("totalFilesChanged", s.getTotalFilesChanged());
        m.put("totalLinesAdded", s.getTotalLinesAdded());
        m.put("totalLinesDeleted", s.getTotalLinesDeleted());
        m.put("integrationPhase", s.getIntegrationPhase() == null ? null : s.getIntegrationPhase().wire());
        m.put("integrationInstanceId", s.getIntegrationInstanceId());
        return m;
    }

    /** A session with its instances and chat history. */
    static Map<String, Object> full(Session s) {
        Map<String, Object> m = summary(s);
        m.put("instances", s.getInstances().stream().map(Json::instance).toList());
        m.put("chatHistory", s.getMessages().stream().map(Json::message).toList());
        return m;
    }

    static Map<String, Object> instance(Instance i) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("instanceId", i.getInstanceId());
        m.put("worktreePath", i.getWorktreePath());
        m.put("branch", i.getBranch());
        m.put("agentName", i.getAgentName());
        m.put("status", i.getStatus().wire());
        m.put("tmuxSessionId", i.getTmuxSessionId());
        m.put("output", i.getOutput());
        m.put("startTime", time(i.getStartTime()));
        m.put("endTime", time(i.getEndTime()));
        m.put("filesChanged", i.getFilesChanged());
        m.put("linesAdded", i.getLinesAdded());
        m.put("linesDeleted", i.getLinesDeleted());
        m.put("runtime", i.getRuntime());
        m.put("model", i.getModel());
        m.put("runtimeLabel", i.getRuntimeLabel());
        return m;
    }

    static Map<String, Object> message(ChatMessage c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", c.getId());
        m.put("role", c.getRole().wire());
        m.put("content", c.getContent());
        m.put("timestamp", time(c.getTimestamp()));
        m.put("instanceId", c.getInstanceId());
        return m;
    }

    static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }
}
