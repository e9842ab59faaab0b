package dev.ait42.session.repository;

import java.util.List;

/**
 * One offset page of a listing.
 *
 * @param items         at most {@code limit} items
 * @param totalElements how many items match in all
 */
public record Page<T>(List<T> items, long totalElements, int offset, int limit) {

    public Page {
        items = List.copyOf(items);
    }

    public boolean hasNext() {
        return offset + items.size() < totalElements;
    }
}
