package dev.ait42.session.repository;

import java.util.List;
import java.util.Optional;

/**
 * One keyset (cursor) page: cheap at any depth, stable while new sessions arrive.
 *
 * @param items      at most the requested number of items
 * @param nextCursor pass it to get the following page; null on the last page
 */
public record KeysetPage<T>(List<T> items, String nextCursor) {

    public KeysetPage {
        items = List.copyOf(items);
    }

    public Optional<String> next() {
        return Optional.ofNullable(nextCursor);
    }
}
