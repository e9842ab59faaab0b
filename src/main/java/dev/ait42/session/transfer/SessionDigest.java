package dev.ait42.session.transfer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.ait42.session.model.ChatMessage;
import dev.ait42.session.model.Instance;
import dev.ait42.session.model.Session;
import dev.ait42.session.model.Timestamps;
import dev.ait42.session.model.WireValue;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;

/**
 * A SHA-256 of everything a session holds (its fields, its instances by number, its messages by
 * sequence, the legacy extra fields), computed in Java from a session read from either database,
 * so that equal digests mean equal content whatever the database stored it as: times as their
 * canonical UTC text, JSON objects with their keys sorted (PostgreSQL's {@code jsonb} keeps its
 * own key order). The row key and the version counter are the database's own and left out.
 */
public final class SessionDigest {

    private static final ObjectMapper CANONICAL = JsonMapper.builder()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS).build();

    private SessionDigest() {
    }

    /** The digest of a session with its instances and messages loaded, as 64 hex digits. */
    public static String of(Session s) {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
        Fields f = new Fields(sha);
        f.add(s.getWorkspaceHash()).add(s.getId()).add(s.getType()).add(s.getTask()).add(s.getStatus())
                .add(s.getCreatedAt()).add(s.getUpdatedAt()).add(s.getCompletedAt()).add(s.getModel())
                .add(s.getTimeoutSeconds()).add(s.getPreserveWorktrees()).add(s.getWinnerId())
                .add(s.getRuntimeMix()).add(s.getTotalDuration()).add(s.getTotalFilesChanged())
                .add(s.getTotalLinesAdded()).add(s.getTotalLinesDeleted()).add(s.getIntegrationPhase())
                .add(s.getIntegrationInstanceId()).json(s.getExtra());
        List<Instance> instances = s.getInstances().stream().sorted(Comparator.comparingInt(Instance::getInstanceId)).toList();
        f.add(instances.size());
        for (Instance i : instances) {
            f.add(i.getInstanceId()).add(i.getWorktreePath()).add(i.getBranch()).add(i.getAgentName())
                    .add(i.getTmuxSessionId()).add(i.getStatus()).add(i.getOutput()).add(i.getStartTime())
                    .add(i.getEndTime()).add(i.getFilesChanged()).add(i.getLinesAdded()).add(i.getLinesDeleted())
                    .add(i.getRuntime()).add(i.getModel()).add(i.getRuntimeLabel()).json(i.getExtra());
        }
        List<ChatMessage> messages = s.getMessages().stream()
                .sorted(Comparator.comparingInt(ChatMessage::getSeq).thenComparing(ChatMessage::getId)).toList();
        f.add(messages.size());
        for (ChatMessage m : messages) {
            f.add(m.getId()).add(m.getSeq()).add(m.getRole()).add(m.getContent()).add(m.getTimestamp())
                    .add(m.getInstanceId()).json(m.getExtra());
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    /** Each value with a type letter and its length before it, so that no two field lists run together. */
    private record Fields(MessageDigest sha) {

        Fields add(Object value) {
            String text;
            char kind;
            if (value == null) {
                kind = 'n';
                text = "";
            } else if (value instanceof Instant time) {
                kind = 't';
                text = Timestamps.format(time);
            } else if (value instanceof WireValue wire) {
                kind = 'w';
                text = wire.wire();
            } else if (value instanceof List<?> list) {
                kind = 'l';
                text = String.join("\u0000", list.stream().map(String::valueOf).toList()) + "#" + list.size();
            } else {
                kind = value instanceof String ? 's' : 'v';
                text = value.toString();
            }
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            sha.update((kind + Integer.toString(bytes.length) + ":").getBytes(StandardCharsets.US_ASCII));
            sha.update(bytes);
            return this;
        }

        Fields json(JsonNode node) {
            if (node == null) {
                return add(null);
            }
            try {
                return add(CANONICAL.writeValueAsString(CANONICAL.treeToValue(node, Object.class)));
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException("a JSON tree always serializes", e);
            }
        }
    }
}
