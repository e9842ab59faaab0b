package dev.ait42.session.model;

/** Who wrote a chat message. */
public enum MessageRole implements WireValue {
    USER, ASSISTANT, SYSTEM;

    /** Parses the lowercase wire value; unknown values are a {@link dev.ait42.session.ValidationException}. */
    public static MessageRole fromWire(String value) {
        return WireValue.parse(MessageRole.class, "message.role", value);
    }
}
