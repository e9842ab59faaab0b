package dev.ait42.session.model;

import dev.ait42.session.StorageException;
import dev.ait42.session.ValidationException;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

import java.time.Instant;

/** An {@link Instant} as the {@link Timestamps canonical} UTC text of the SQLite schema, for raw JDBC on SQLite (the bulk insert); the entities bind their timestamps through {@link ColumnTypes#TIMESTAMP}. */
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
