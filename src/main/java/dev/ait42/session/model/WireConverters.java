package dev.ait42.session.model;

import dev.ait42.session.StorageException;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/** Stores each enum as its lowercase wire value; one converter per enum so errors name the column. */
public final class WireConverters {

    private WireConverters() {
    }

    /** Shared logic: an unknown value read back from the file is a storage error naming field and value. */
    public abstract static class WireEnumConverter<E extends Enum<E> & WireValue>
            implements AttributeConverter<E, String> {
        private final Class<E> type;
        private final String field;

        protected WireEnumConverter(Class<E> type, String field) {
            this.type = type;
            this.field = field;
        }

        @Override
        public String convertToDatabaseColumn(E value) {
            return value == null ? null : value.wire();
        }

        @Override
        public E convertToEntityAttribute(String value) {
            if (value == null) {
                return null;
            }
            try {
                return WireValue.parse(type, field, value);
            } catch (RuntimeException unknown) {
                throw new StorageException("database holds an invalid value for " + unknown.getMessage(), unknown);
            }
        }
    }

    @Converter
    public static class SessionTypeConverter extends WireEnumConverter<SessionType> {
        public SessionTypeConverter() {
            super(SessionType.class, "session.type");
        }
    }

    @Converter
    public static class SessionStatusConverter extends WireEnumConverter<SessionStatus> {
        public SessionStatusConverter() {
            super(SessionStatus.class, "session.status");
        }
    }

    @Converter
    public static class InstanceStatusConverter extends WireEnumConverter<InstanceStatus> {
        public InstanceStatusConverter() {
            super(InstanceStatus.class, "instance.status");
        }
    }

    @Converter
    public static class MessageRoleConverter extends WireEnumConverter<MessageRole> {
        public MessageRoleConverter() {
            super(MessageRole.class, "message.role");
        }
    }

    @Converter
    public static class IntegrationPhaseConverter extends WireEnumConverter<IntegrationPhase> {
        public IntegrationPhaseConverter() {
            super(IntegrationPhase.class, "session.integrationPhase");
        }
    }
}
