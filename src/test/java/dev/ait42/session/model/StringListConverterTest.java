package dev.ait42.session.model;

import dev.ait42.session.StorageException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StringListConverterTest {

    private final StringListConverter converter = new StringListConverter();

    @Test
    void aMixReadTwiceIsTheSameUnmodifiableList() {
        List<String> first = converter.convertToEntityAttribute("[\"claude\",\"codex\"]");
        List<String> second = converter.convertToEntityAttribute("[\"claude\",\"codex\"]");
        assertEquals(List.of("claude", "codex"), first);
        assertEquals(first, second);
        // rows share the parsed list: none of them may change it
        assertThrows(UnsupportedOperationException.class, () -> second.add("gemini"));
        assertEquals(List.of("claude", "codex"), converter.convertToEntityAttribute("[\"claude\",\"codex\"]"));
    }

    @Test
    void otherTextsGiveTheirOwnLists() {
        assertEquals(List.of("codex"), converter.convertToEntityAttribute("[\"codex\"]"));
        assertEquals(List.of(), converter.convertToEntityAttribute("[]"));
        assertNull(converter.convertToEntityAttribute(null));
        assertNull(converter.convertToEntityAttribute("null"));
    }

    @Test
    void invalidTextIsAStorageErrorEveryTime() {
        for (int read = 0; read < 2; read++) {
            StorageException e = assertThrows(StorageException.class,
                    () -> converter.convertToEntityAttribute("[\"claude\""));
            assertTrue(e.getMessage().contains("runtime mix"), e.getMessage());
        }
    }

    @Test
    void aListWrittenReadsBackEqual() {
        String json = converter.convertToDatabaseColumn(List.of("claude", "gemini"));
        assertEquals(List.of("claude", "gemini"), converter.convertToEntityAttribute(json));
    }
}
