package dev.ait42.session.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ait42.session.StorageException;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import org.hibernate.annotations.Immutable;

/**
 * A JSON object in one text column (the {@code extra} fields of the legacy files), written
 * compactly; null stays null. The entities never change a stored {@link ObjectNode} in place
 * (their setters and getters copy), hence {@link Immutable}: Hibernate compares values with
 * {@code equals} instead of taking a serialised snapshot of every loaded row.
 */
@Converter
@Immutable
public class JsonObjectConverter implements AttributeConverter<ObjectNode, String> {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public String convertToDatabaseColumn(ObjectNode value) {
        if (value == null) {
            return null;
        }
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a JSON object", e);
        }
    }

    @Override
    public ObjectNode convertToEntityAttribute(String value) {
        if (value == null) {
            return null;
        }
        JsonNode node;
        try {
            node = JSON.readTree(value);
        } catch (JsonProcessingException e) {
            throw new StorageException("database holds invalid JSON in an extra column: " + e.getOriginalMessage(), e);
        }
        if (!(node instanceof ObjectNode object)) {
            throw new StorageException("database holds JSON that is not an object in an extra column");
        }
        return object;
    }

    /** A private copy of {@code extra}, or null for null or an empty object (nothing extra). */
    static ObjectNode copy(ObjectNode extra) {
        return extra == null || extra.isEmpty() ? null : extra.deepCopy();
    }
}
