package dev.ait42.session.model;

import dev.ait42.session.ValidationException;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * An enum whose database and legacy-JSON value is its constant name in lowercase
 * ({@code IN_PROGRESS} is stored as {@code in_progress}).
 */
public interface WireValue {

    String name();

    default String wire() {
        Enum<?> constant = (Enum<?>) this;
        return WireNames.of(constant.getDeclaringClass()).wire(constant);
    }

    /**
     * Parses a wire value, e.g. {@code "in_progress"}.
     *
     * @param field named in the error, e.g. {@code "session.status"}
     * @throws ValidationException for null or unknown values, listing the known ones
     */
    static <E extends Enum<E> & WireValue> E parse(Class<E> type, String field, String value) {
        if (value == null) {
            throw new ValidationException(field, "must not be null");
        }
        Object constant = WireNames.of(type).constant(value);
        if (constant != null) {
            return type.cast(constant);
        }
        String known = Arrays.stream(type.getEnumConstants()).map(WireValue::wire)
                .collect(Collectors.joining(", "));
        throw new ValidationException(field, "unknown value '" + value + "' (expected one of: " + known + ")");
    }
}
