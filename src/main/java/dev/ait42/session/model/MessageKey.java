package dev.ait42.session.model;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

import java.io.Serializable;
import java.util.Objects;

/**
 * Primary key of a chat message: its session's row key and the message id. Legacy message ids
 * ({@code msg-1746176400000}) repeat across sessions, so they are only unique per session.
 */
@Embeddable
public class MessageKey implements Serializable {
    private static final long serialVersionUID = 1L;

    @Column(name = "session_pk", columnDefinition = "integer")
    private Long sessionPk;

    @Column(name = "id", nullable = false, columnDefinition = "text")
    private String messageId;

    protected MessageKey() {
        // for JPA
    }

    MessageKey(String messageId) {
        this.messageId = messageId;
    }

    /** The key of message {@code messageId} of the session with row key {@code sessionPk}. */
    public static MessageKey of(long sessionPk, String messageId) {
        MessageKey key = new MessageKey(messageId);
        key.sessionPk = sessionPk;
        return key;
    }

    public Long getSessionPk() {
        return sessionPk;
    }

    public String getMessageId() {
        return messageId;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MessageKey other
                && Objects.equals(sessionPk, other.sessionPk)
                && Objects.equals(messageId, other.messageId);
    }

    @Override
    public int hashCode() {
        return 31 * Objects.hashCode(sessionPk) + Objects.hashCode(messageId); // no varargs array per call
    }
}
