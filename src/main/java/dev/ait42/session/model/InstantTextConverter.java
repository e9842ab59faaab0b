package dev.ait42.session.model;

import dev.ait42.session.StorageException;
import dev.ait42.session.ValidationException;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

import java.time.Instant;

/** The {@link Instant} attributes of this module's entities are stored (named on each, never auto-applied, so an application's own entities keep their own mapping) as {@link Timestamps canonical} UTC text. */
@Converter
public class InstantTextConverter implements AttributeConverter<Instant, String> {

    @Override
    public String convertToDatabaseColumn(Instant value) {
        return value == null ? null : Timestamps.format(value);
    }

    @Override
    public Instant convertToEntityAttribute(String value) {
        if (value == null) {
            return null;
        }
        try {
            return Timestamps.parse("timestamp", value);
        } catch (ValidationException e) {
            throw new StorageException("database holds an invalid " + e.getMessage(), e);
        }
    }
}
