package dev.ait42.session.model;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The wire values of one {@link WireValue} enum, worked out once per enum: every row read or
 * written converts its enum columns, and lowering each constant's name per value (and cloning the
 * constants to look one up) was a measurable share of loading a page.
 */
final class WireNames {

    private static final ClassValue<WireNames> OF = new ClassValue<>() {
        @Override
        protected WireNames computeValue(Class<?> type) {
            return new WireNames(type.getEnumConstants());
        }
    };

    /** Indexed by ordinal. */
    private final String[] wires;
    private final Map<String, Object> byWire = new HashMap<>();

    private WireNames(Object[] constants) {
        wires = new String[constants.length];
        for (Object constant : constants) {
            Enum<?> e = (Enum<?>) constant;
            wires[e.ordinal()] = e.name().toLowerCase(Locale.ROOT);
            byWire.put(wires[e.ordinal()], constant);
        }
    }

    static WireNames of(Class<?> enumType) {
        return OF.get(enumType);
    }

    String wire(Enum<?> constant) {
        return wires[constant.ordinal()];
    }

    /** The constant with this wire value, or null. */
    Object constant(String wire) {
        return byWire.get(wire);
    }
}
