package dev.ait42.session.search;

import java.util.List;

/**
 * The documents of the search index that differ from the database, found by comparing every
 * document's id and stored text with its row: {@code missing} rows have no document, {@code extra}
 * documents have no row, {@code stale} documents hold other text than their row. Each list names
 * at most {@link #EXAMPLES} of them ({@code index:id}); the counts are complete.
 */
public record IndexDifferences(long documents, long rows, long missing, long extra, long stale,
                               long pendingWork, List<String> examples) {

    /** How many differing documents are named. */
    public static final int EXAMPLES = 20;

    public IndexDifferences {
        examples = List.copyOf(examples);
    }

    /** No document differs (work recorded but not applied yet is not a difference: it is on its way). */
    public boolean consistent() {
        return missing == 0 && extra == 0 && stale == 0;
    }
}
