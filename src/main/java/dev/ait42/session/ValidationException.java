package dev.ait42.session;

/** An argument was rejected before anything was written: names the field and the offending value. */
public class ValidationException extends SessionStoreException {
    private static final long serialVersionUID = 1L;

    private final String field;

    public ValidationException(String field, String problem) {
        super(field + ": " + problem);
        this.field = field;
    }

    /** The path of the rejected field, e.g. {@code session.instances[2].branch}. */
    public String field() {
        return field;
    }
}
