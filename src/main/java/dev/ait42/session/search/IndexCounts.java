package dev.ait42.session.search;

/** Documents per index and rows per table; equal when the index is consistent with the database. */
public record IndexCounts(long sessionDocuments, long instanceDocuments, long messageDocuments,
                          long sessionRows, long instanceRows, long messageRows) {

    public boolean consistent() {
        return sessionDocuments == sessionRows && instanceDocuments == instanceRows
                && messageDocuments == messageRows;
    }
}
