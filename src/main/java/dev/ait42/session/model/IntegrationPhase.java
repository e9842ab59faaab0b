package dev.ait42.session.model;

/** Progress of merging an ensemble's results. */
public enum IntegrationPhase implements WireValue {
    PENDING, IN_PROGRESS, COMPLETED;

    /** Parses the lowercase wire value; unknown values are a {@link dev.ait42.session.ValidationException}. */
    public static IntegrationPhase fromWire(String value) {
        return WireValue.parse(IntegrationPhase.class, "session.integrationPhase", value);
    }
}
