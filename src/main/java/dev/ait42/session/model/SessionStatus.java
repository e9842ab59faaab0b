package dev.ait42.session.model;

/** Where a session stands; the Kanban board's columns. */
public enum SessionStatus implements WireValue {
    RUNNING, COMPLETED, FAILED, PAUSED;

    /** Parses the lowercase wire value; unknown values are a {@link dev.ait42.session.ValidationException}. */
    public static SessionStatus fromWire(String value) {
        return WireValue.parse(SessionStatus.class, "session.status", value);
    }
}
