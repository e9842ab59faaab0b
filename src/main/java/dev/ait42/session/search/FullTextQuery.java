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
    /**
     * Most passages per hit: a page's matching messages are looked up in one statement, whose
     * parameters (up to {@code MAX_LIMIT} times this) stay well inside every database's limit.
     */
    public static final int MAX_SNIPPETS_PER_SESSION = 20;
    /** Matching documents counted exactly by default; past them, a page's totals are lower bounds. */
    public static final int DEFAULT_EXACT_TOTALS_UP_TO = 1_000;

    private final String text;
    private final SessionQuery filter;
    private final int offset;
    private final int limit;
    private final int snippetsPerSession;
    private final String preTag;
    private final String postTag;
    private final int exactTotalsUpTo;

    private FullTextQuery(Builder b) {
        this.text = b.text;
        this.filter = b.filter;
        this.offset = b.offset;
        this.limit = b.limit;
        this.snippetsPerSession = b.snippetsPerSession;
        this.preTag = b.preTag;
        this.postTag = b.postTag;
        this.exactTotalsUpTo = b.exactTotalsUpTo;
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

    /**
     * Up to how many matching documents (tasks, instances, messages) the page's totals are exact;
     * {@link Integer#MAX_VALUE} after {@link Builder#exactTotals()}. See {@link FullTextPage}.
     */
    public int exactTotalsUpTo() {
        return exactTotalsUpTo;
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
        private int exactTotalsUpTo = DEFAULT_EXACT_TOTALS_UP_TO;

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

        /** How many matching passages (task, outputs, messages) each hit shows; 1 to {@link #MAX_SNIPPETS_PER_SESSION}. */
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

        /**
         * Count the totals exactly however many documents match: every match is visited and its
         * session counted, which costs a query of common words many times the page itself.
         */
        public Builder exactTotals() {
            exactTotalsUpTo = Integer.MAX_VALUE;
            return this;
        }

        /**
         * Count the totals exactly while at most {@code documents} match, otherwise give lower
         * bounds ({@value #DEFAULT_EXACT_TOTALS_UP_TO} by default); at least 1.
         */
        public Builder exactTotalsUpTo(int documents) {
            exactTotalsUpTo = documents;
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
            if (snippetsPerSession < 1 || snippetsPerSession > MAX_SNIPPETS_PER_SESSION) {
                throw new ValidationException("snippetsPerSession", "must be between 1 and " + MAX_SNIPPETS_PER_SESSION
                        + ", was " + snippetsPerSession);
            }
            if (exactTotalsUpTo < 1) {
                throw new ValidationException("exactTotalsUpTo", "must be at least 1, was " + exactTotalsUpTo);
            }
            return new FullTextQuery(this);
        }
    }
}
