package dev.ait42.session.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ait42.session.StorageException;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** A list of strings (the runtime mix) as a JSON array in one text column, as the seed stored it. */
@Converter
public class StringListConverter implements AttributeConverter<List<String>, String> {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<List<String>> LIST = new TypeReference<>() {
    };

    @Override
    public String convertToDatabaseColumn(List<String> value) {
        if (value == null) {
            return null;
        }
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a string list as JSON", e);
        }
    }

    /**
     * Parsed mixes by their JSON text: a workspace has a handful of distinct mixes, and every
     * session row read parsed its own. The lists are unmodifiable, so rows share them; the cache
     * stops growing at {@link #CACHED} texts.
     */
    private static final int CACHED = 256;
    private static final Map<String, List<String>> PARSED = new ConcurrentHashMap<>();

    @Override
    public List<String> convertToEntityAttribute(String value) {
        if (value == null) {
            return null;
        }
        List<String> cached = PARSED.get(value);
        if (cached != null) {
            return cached;
        }
        List<String> parsed = parse(value);
        if (parsed != null && PARSED.size() < CACHED) {
            PARSED.putIfAbsent(value, parsed);
        }
        return parsed;
    }

    private static List<String> parse(String value) {
        List<String> list;
        try {
            list = JSON.readValue(value, LIST);
        } catch (JsonProcessingException e) {
            throw new StorageException("database holds an invalid runtime mix: " + value, e);
        }
        return list == null ? null : Collections.unmodifiableList(list);
    }
}
