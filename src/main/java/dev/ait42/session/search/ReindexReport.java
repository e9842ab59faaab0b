package dev.ait42.session.search;

import java.time.Duration;

/** What a reindex did: documents written (sessions, instances and messages) and how long it took. */
public record ReindexReport(long documents, Duration elapsed) {

    public double documentsPerSecond() {
        double seconds = elapsed.toNanos() / 1e9;
        return seconds == 0 ? documents : documents / seconds;
    }
}
