package dev.ait42.session.model;

import dev.ait42.session.StorageException;
import dev.ait42.session.ValidationException;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WireValueTest {

    @Test
    void enumsAreStoredAsTheirLowercaseWireValue() {
        assertEquals("in_progress", new WireConverters.IntegrationPhaseConverter()
                .convertToDatabaseColumn(IntegrationPhase.IN_PROGRESS));
        assertEquals("archived", new WireConverters.InstanceStatusConverter()
                .convertToDatabaseColumn(InstanceStatus.ARCHIVED));
        assertEquals(SessionType.DEBATE, new WireConverters.SessionTypeConverter().convertToEntityAttribute("debate"));
    }

    @Test
    void everyConstantRoundTripsThroughItsWireValue() {
        for (SessionStatus s : SessionStatus.values()) {
            assertEquals(s, SessionStatus.fromWire(s.wire()));
        }
        for (InstanceStatus s : InstanceStatus.values()) {
            assertEquals(s, InstanceStatus.fromWire(s.wire()));
        }
        for (MessageRole r : MessageRole.values()) {
            assertEquals(r, MessageRole.fromWire(r.wire()));
        }
        assertEquals(6, InstanceStatus.values().length);
    }

    @Test
    void unknownValueFromAUserNamesTheFieldTheValueAndTheKnownOnes() {
        ValidationException e = assertThrows(ValidationException.class, () -> SessionStatus.fromWire("done"));
        assertEquals("session.status", e.field());
        assertTrue(e.getMessage().contains("'done'"), e.getMessage());
        assertTrue(e.getMessage().contains("running, completed, failed, paused"), e.getMessage());
        assertThrows(ValidationException.class, () -> IntegrationPhase.fromWire("IN_PROGRESS"));
        assertThrows(ValidationException.class, () -> MessageRole.fromWire(null));
    }

    @Test
    void unknownValueReadFromTheDatabaseIsAStorageErrorNamingFieldAndValue() {
        StorageException e = assertThrows(StorageException.class,
                () -> new WireConverters.InstanceStatusConverter().convertToEntityAttribute("sleeping"));
        assertTrue(e.getMessage().contains("instance.status"), e.getMessage());
        assertTrue(e.getMessage().contains("'sleeping'"), e.getMessage());
    }

    @Test
    void everyEnumKeepsItsOwnWireValues() {
        // enums with a constant of the same name each map it to their own type
        assertEquals(SessionStatus.COMPLETED, SessionStatus.fromWire("completed"));
        assertEquals(InstanceStatus.COMPLETED, InstanceStatus.fromWire("completed"));
        assertEquals("completed", InstanceStatus.COMPLETED.wire());
        for (IntegrationPhase p : IntegrationPhase.values()) {
            assertEquals(p.name().toLowerCase(java.util.Locale.ROOT), p.wire());
            assertEquals(p, IntegrationPhase.fromWire(p.wire()));
        }
    }
}
