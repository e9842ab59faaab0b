package dev.ait42.session.model;

import jakarta.persistence.Column;
import org.hibernate.annotations.JdbcTypeCode;
import jakarta.persistence.Convert;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.MapsId;
import jakarta.persistence.Table;


import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;

/** One message of a session's chat; assistant messages can carry whole terminal captures. */
@Entity(name = ChatMessage.ENTITY_NAME)
@Table(name = "chat_messages")
public class ChatMessage {

    /** The JPA entity name: prefixed, so that it cannot clash with an application's own entities. */
    public static final String ENTITY_NAME = "Ait42ChatMessage";

    @EmbeddedId
    private MessageKey key;

    @MapsId("sessionPk")
    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "session_pk", columnDefinition = "integer")
    private Session session;

    /** Position in the session's history, so the original order survives equal timestamps. */
    @Column(name = "seq", nullable = false)
    private Integer seq;

    @Convert(converter = WireConverters.MessageRoleConverter.class)
    @Column(name = "role", nullable = false, columnDefinition = "text")
    private MessageRole role;

    @Column(name = "content", nullable = false, columnDefinition = "text")
    private String content;

    @JdbcTypeCode(ColumnTypes.TIMESTAMP)
    @Column(name = "timestamp", nullable = false)
    private Instant timestamp;

    /** The per-session instance number that wrote or received it, if any (not a row id). */
    @Column(name = "instance_id")
    private Integer instanceId;

    /** Fields of the legacy JSON that have no column: a JSON object, or null. */
    @Convert(converter = JsonObjectConverter.class)
    @JdbcTypeCode(ColumnTypes.JSON)
    @Column(name = "extra", columnDefinition = "text")
    private ObjectNode extra;

    protected ChatMessage() {
        // for JPA
    }

    /** A message stamped now. */
    public ChatMessage(String id, MessageRole role, String content) {
        this(id, role, content, Timestamps.now());
    }

    public ChatMessage(String id, MessageRole role, String content, Instant timestamp) {
        this.key = new MessageKey(id);
        this.role = role;
        this.content = content;
        this.timestamp = Timestamps.normalize(timestamp);
    }

    /** A new, unattached copy (same id and state): what the repository saves. */
    public static ChatMessage copyOf(ChatMessage source) {
        ChatMessage copy = new ChatMessage(source.getId(), source.role, source.content, source.timestamp);
        copy.instanceId = source.instanceId;
        copy.extra = source.extra; // never changed in place: sharing is safe
        return copy;
    }

    public String getId() {
        return key.getMessageId();
    }

    public Session getSession() {
        return session;
    }

    void attach(Session session, int seq) {
        this.session = session;
        this.seq = seq;
    }

    public int getSeq() {
        return seq == null ? -1 : seq;
    }

    void copyStateFrom(ChatMessage source) {
        role = source.role;
        content = source.content;
        timestamp = source.timestamp;
        instanceId = source.instanceId;
        extra = source.extra; // never changed in place: sharing is safe
    }

    public MessageRole getRole() {
        return role;
    }

    public void setRole(MessageRole role) {
        this.role = role;
    }

    public String getContent() {
        return content;
    }

    public void setContent(String content) {
        this.content = content;
    }

    public Instant getTimestamp() {
        return timestamp;
    }

    public void setTimestamp(Instant timestamp) {
        this.timestamp = Timestamps.normalize(timestamp);
    }

    public Integer getInstanceId() {
        return instanceId;
    }

    public void setInstanceId(Integer instanceId) {
        this.instanceId = instanceId;
    }

    /** Fields of the legacy JSON this schema has no column for: a copy, or null. */
    public ObjectNode getExtra() {
        return extra == null ? null : extra.deepCopy();
    }

    /** Stores a copy; null or an empty object means no extra fields. */
    public void setExtra(ObjectNode extra) {
        this.extra = JsonObjectConverter.copy(extra);
    }

    @Override
    public String toString() {
        return "ChatMessage[" + key.getMessageId() + " " + role + "]";
    }
}
