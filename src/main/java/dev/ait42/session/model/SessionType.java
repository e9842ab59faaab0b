package dev.ait42.session.model;

/** How the agents of a session work together. */
public enum SessionType implements WireValue {
    COMPETITION, ENSEMBLE, DEBATE;

    /** Parses the lowercase wire value; unknown values are a {@link dev.ait42.session.ValidationException}. */
    public static SessionType fromWire(String value) {
        return WireValue.parse(SessionType.class, "session.type", value);
    }
}
