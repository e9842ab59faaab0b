package dev.ait42.session.repository;

import dev.ait42.session.ValidationException;
import dev.ait42.session.model.SessionStatus;
import dev.ait42.session.model.SessionType;
import dev.ait42.session.model.WorkspaceHash;

import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The filters, order and fetch plan of a session listing; immutable, built with
 * {@link #inWorkspace(String)} or {@link #allWorkspaces()}. Filters left unset match everything;
 * set filters must all match. Date ranges are half-open: {@code from <= t < to}.
 *
 * <pre>{@code
 * SessionQuery q = SessionQuery.inWorkspace(hash)
 *         .types(SessionType.COMPETITION)
 *         .statuses(SessionStatus.COMPLETED, SessionStatus.FAILED)
 *         .text("dark mode")
 *         .sort(SessionSort.TOTAL_DURATION, SortDirection.DESC)
 *         .build();
 * }</pre>
 */
public final class SessionQuery {

    private final String workspaceHash;
    private final Set<SessionType> types;
    private final Set<SessionStatus> statuses;
    private final Instant createdFrom;
    private final Instant createdTo;
    private final Instant updatedFrom;
    private final Instant updatedTo;
    private final String model;
    private final String runtime;
    private final String text;
    private final SessionSort sort;
    private final SortDirection direction;
    private final FetchPlan fetch;

    private SessionQuery(Builder b) {
        this.workspaceHash = b.workspaceHash;
        this.types = b.types.isEmpty() ? Set.of() : Set.copyOf(b.types);
        this.statuses = b.statuses.isEmpty() ? Set.of() : Set.copyOf(b.statuses);
        this.createdFrom = b.createdFrom;
        this.createdTo = b.createdTo;
        this.updatedFrom = b.updatedFrom;
        this.updatedTo = b.updatedTo;
        this.model = b.model;
        this.runtime = b.runtime;
        this.text = b.text;
        this.sort = b.sort;
        this.direction = b.direction;
        this.fetch = b.fetch;
    }

    /** Sessions of one workspace. */
    public static Builder inWorkspace(String workspaceHash) {
        return new Builder(WorkspaceHash.require(workspaceHash));
    }

    /** Sessions of every workspace (the command line's default). */
    public static Builder allWorkspaces() {
        return new Builder(null);
    }

    public Optional<String> workspaceHash() {
        return Optional.ofNullable(workspaceHash);
    }

    public Set<SessionType> types() {
        return types;
    }

    public Set<SessionStatus> statuses() {
        return statuses;
    }

    public Optional<Instant> createdFrom() {
        return Optional.ofNullable(createdFrom);
    }

    public Optional<Instant> createdTo() {
        return Optional.ofNullable(createdTo);
    }

    public Optional<Instant> updatedFrom() {
        return Optional.ofNullable(updatedFrom);
    }

    public Optional<Instant> updatedTo() {
        return Optional.ofNullable(updatedTo);
    }

    public Optional<String> model() {
        return Optional.ofNullable(model);
    }

    public Optional<String> runtime() {
        return Optional.ofNullable(runtime);
    }

    /** Text matched, case-insensitively, inside task, session id and agent names. */
    public Optional<String> text() {
        return Optional.ofNullable(text);
    }

    public SessionSort sort() {
        return sort;
    }

    public SortDirection direction() {
        return direction;
    }

    public FetchPlan fetch() {
        return fetch;
    }

    /** Builder of a {@link SessionQuery}; {@link #build()} checks the combination. */
    public static final class Builder {
        private final String workspaceHash;
        private final Set<SessionType> types = EnumSet.noneOf(SessionType.class);
        private final Set<SessionStatus> statuses = EnumSet.noneOf(SessionStatus.class);
        private Instant createdFrom;
        private Instant createdTo;
        private Instant updatedFrom;
        private Instant updatedTo;
        private String model;
        private String runtime;
        private String text;
        private SessionSort sort = SessionSort.UPDATED_AT;
        private SortDirection direction = SortDirection.DESC;
        private FetchPlan fetch = FetchPlan.FULL;

        private Builder(String workspaceHash) {
            this.workspaceHash = workspaceHash;
        }

        public Builder types(SessionType... values) {
            return types(Arrays.asList(values));
        }

        public Builder types(Collection<SessionType> values) {
            types.addAll(noNulls("types", values));
            return this;
        }

        public Builder statuses(SessionStatus... values) {
            return statuses(Arrays.asList(values));
        }

        public Builder statuses(Collection<SessionStatus> values) {
            statuses.addAll(noNulls("statuses", values));
            return this;
        }

        /** Created at or after {@code from} (null: no lower bound) and before {@code to} (null: none). */
        public Builder createdBetween(Instant from, Instant to) {
            createdFrom = from;
            createdTo = to;
            return this;
        }

        /** Updated at or after {@code from} (null: no lower bound) and before {@code to} (null: none). */
        public Builder updatedBetween(Instant from, Instant to) {
            updatedFrom = from;
            updatedTo = to;
            return this;
        }

        /** The session's model, or any of its instances' models. */
        public Builder model(String value) {
            model = blankToNull(value);
            return this;
        }

        /** A runtime (claude, codex...) in the session's runtime mix or used by one of its instances. */
        public Builder runtime(String value) {
            runtime = blankToNull(value);
            return this;
        }

        /** Text inside task, id or agent name; case-insensitive; {@code %} and {@code _} match themselves. */
        public Builder text(String value) {
            text = blankToNull(value);
            return this;
        }

        public Builder sort(SessionSort by, SortDirection order) {
            if (by == null || order == null) {
                throw new ValidationException("sort", "sort field and direction must not be null");
            }
            sort = by;
            direction = order;
            return this;
        }

        public Builder fetch(FetchPlan plan) {
            if (plan == null) {
                throw new ValidationException("fetch", "must not be null");
            }
            fetch = plan;
            return this;
        }

        public SessionQuery build() {
            checkRange("createdBetween", createdFrom, createdTo);
            checkRange("updatedBetween", updatedFrom, updatedTo);
            return new SessionQuery(this);
        }

        private static void checkRange(String field, Instant from, Instant to) {
            if (from != null && to != null && !from.isBefore(to)) {
                throw new ValidationException(field, "from (" + from + ") must be before to (" + to + ")");
            }
        }

        private static <T> Collection<T> noNulls(String field, Collection<T> values) {
            if (values == null || values.stream().anyMatch(Objects::isNull)) {
                throw new ValidationException(field, "must not contain null");
            }
            return values;
        }

        private static String blankToNull(String value) {
            return value == null || value.isBlank() ? null : value.strip();
        }
    }
}
