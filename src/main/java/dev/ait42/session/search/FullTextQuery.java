package dev.ait42.session.search;

import dev.ait42.session.ValidationException;
import dev.ait42.session.repository.SessionQuery;

/**
 * A full-text search: the user's words, the same filters as a {@link SessionQuery} listing, and
 * which page of ranked sessions to return. Built with {@link #matching(String)}.
 *
 * <p>The text uses the simple query syntax and is never a syntax error: every word must match
 * (in a task, an agent name or output, or a message); {@code "quoted words"} match as a phrase,
 * {@code a | b} matches either, {@code -word} excludes, {@code prefix*} matches a prefix.
 * Anything else ({@code :}, {@code AND}, unbalanced quotes or parentheses) is read as text.
 *
 * <pre>{@code
 * FullTextQuery q = FullTextQuery.matching("refresh token rotation")
 *         .filter(SessionQuery.inWorkspace(hash).statuses(SessionStatus.COMPLETED).build())
 *         .page(0, 20)
 *         .build();
 * }</pre>
 */
public final class FullTextQuery {

    /** Longest accepted query: a longer one would expand past Lucene's clause limit. */
    public static final int MAX_LENGTH = 200;
    public static final int MAX_LIMIT = 100;

    private final String text;
    private final SessionQuery filter;
    private final int offset;
    private final int limit;
    private final int snippetsPerSession;
    private final String preTag;
    private final String postTag;

    private FullTextQuery(Builder b) {
        this.text = b.text;
        this.filter = b.filter;
        this.offset = b.offset;
        this.limit = b.limit;
        this.snippetsPerSession = b.snippetsPerSession;
        this.preTag = b.preTag;
        this.postTag = b.postTag;
    }

    public static Builder matching(String text) {
        return new Builder(text);
    }

    public String text() {
        return text;
    }

    /**
     * Workspace, types, statuses and creation range are filtered in the index; the other filters
     * (update range, model, runtime, text) by the database, exactly as in a listing. Its sort is
     * ignored (hits are ranked by relevance); its fetch plan says how much of each hit's session
     * is loaded.
     */
    public SessionQuery filter() {
        return filter;
    }

    public int offset() {
        return offset;
    }

    public int limit() {
        return limit;
    }

    public int snippetsPerSession() {
        return snippetsPerSession;
    }

    public String preTag() {
        return preTag;
    }

    public String postTag() {
        return postTag;
    }

    /** Builder of a {@link FullTextQuery}; {@link #build()} validates it. */
    public static final class Builder {
        private final String text;
        private SessionQuery filter = SessionQuery.allWorkspaces().build();
        private int offset;
        private int limit = 20;
        private int snippetsPerSession = 3;
        private String preTag = "**";
        private String postTag = "**";

        private Builder(String text) {
            this.text = text == null ? null : text.strip();
        }

        public Builder filter(SessionQuery value) {
            if (value == null) {
                throw new ValidationException("filter", "must not be null: use SessionQuery.allWorkspaces().build()");
            }
            filter = value;
            return this;
        }

        /** Sessions {@code offset} to {@code offset + limit - 1} of the ranking. */
        public Builder page(int offset, int limit) {
            this.offset = offset;
            this.limit = limit;
            return this;
        }

        /** How many matching passages (task, outputs, messages) each hit shows; at least 1. */
        public Builder snippetsPerSession(int value) {
            snippetsPerSession = value;
            return this;
        }

        /** Marks around highlighted words; {@code **} by default (Markdown bold). */
        public Builder highlightTags(String pre, String post) {
            if (pre == null || post == null) {
                throw new ValidationException("highlightTags", "must not be null");
            }
            preTag = pre;
            postTag = post;
            return this;
        }

        public FullTextQuery build() {
            if (text == null || text.isEmpty()) {
                throw new ValidationException("query", "must not be empty: give one or more words to search for");
            }
            if (text.length() > MAX_LENGTH) {
                throw new ValidationException("query", "is " + text.length() + " characters long; at most "
                        + MAX_LENGTH + " are accepted");
            }
            if (offset < 0) {
                throw new ValidationException("offset", "must not be negative, was " + offset);
            }
            if (limit < 1 || limit > MAX_LIMIT) {
                throw new ValidationException("limit", "must be between 1 and " + MAX_LIMIT + ", was " + limit);
            }
            if (snippetsPerSession < 1) {
                throw new ValidationException("snippetsPerSession", "must be at least 1, was " + snippetsPerSession);
            }
            return new FullTextQuery(this);
        }
    }
}
