package dev.ait42.session.search;

/** Told how far a reindex has come; called from indexing threads, so keep it quick. */
@FunctionalInterface
public interface ReindexProgress {

    ReindexProgress NONE = (done, total) -> { };

    /**
     * @param done  documents indexed so far
     * @param total documents to index in all (grows while the indexer counts the tables)
     */
    void progress(long done, long total);
}
