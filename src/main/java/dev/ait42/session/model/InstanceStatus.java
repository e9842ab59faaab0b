package dev.ait42.session.model;

/** Where one agent of a session stands; all six occur in real histories. */
public enum InstanceStatus implements WireValue {
    IDLE, RUNNING, COMPLETED, FAILED, PAUSED, ARCHIVED;

    /** Parses the lowercase wire value; unknown values are a {@link dev.ait42.session.ValidationException}. */
    public static InstanceStatus fromWire(String value) {
        return WireValue.parse(InstanceStatus.class, "instance.status", value);
    }
}
