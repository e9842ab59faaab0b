package dev.ait42.session.repository;

import dev.ait42.session.ConflictException;
import dev.ait42.session.NotFoundException;
import dev.ait42.session.StaleSessionException;
import dev.ait42.session.ValidationException;
import dev.ait42.session.model.ChatMessage;
import dev.ait42.session.model.InstanceStatus;
import dev.ait42.session.model.Session;
import dev.ait42.session.model.SessionStatus;
import dev.ait42.session.model.Workspace;
import dev.ait42.session.UnitOfWork;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Sessions, with their instances and chat messages, scoped to workspaces: every operation names
 * the workspace, and a session of workspace A can never be read, changed or deleted through
 * workspace B. Each call is one transaction, or part of the caller's (see {@link UnitOfWork}): it happens
 * whole or leaves the database as it was.
 *
 * <p>Sessions handed out are detached copies with the collections their fetch plan loaded
 * ({@link #get} and {@link #listAll}: everything). Inside a caller's own transaction (the shared
 * mode, see {@link UnitOfWork}) they belong to the caller's persistence context instead, like any
 * entity the caller loaded: changes made to them are written when that transaction commits. Errors: {@link NotFoundException},
 * {@link ValidationException}, {@link ConflictException} ({@link StaleSessionException} for an
 * update from a stale copy), {@link dev.ait42.session.StorageException}.
 *
 * <p>Every value written is checked before anything is written: strings within their
 * {@link dev.ait42.session.model.Limits}, without unpaired surrogates or NUL (ids, names and paths
 * without any control character), and instance numbers ({@code winnerId},
 * {@code integrationInstanceId}, a message's {@code instanceId}) naming instances of the same
 * session; otherwise a {@link ValidationException} names the field.
 */
public interface SessionRepository {

    /** The repository on a unit of work (see {@link dev.ait42.session.SessionServices}). */
    static SessionRepository create(UnitOfWork unit) {
        return new JpaSessionRepository(unit);
    }

    // ---- workspaces ----

    /** Registers a project folder (hash from its canonical path), or refreshes its last access. */
    Workspace registerWorkspace(Path folder);

    /**
     * Registers a workspace by hash, e.g. from a legacy {@code workspace_mapping.json}.
     *
     * @param path the folder path, or null when unknown
     */
    Workspace registerWorkspace(String workspaceHash, String path);

    Optional<Workspace> findWorkspace(String workspaceHash);

    /** Every workspace, most recently accessed first. */
    List<Workspace> listWorkspaces();

    // ---- the seed's operations ----

    /**
     * Saves a new session with its instances and messages into a registered workspace. A copy is
     * saved: {@code session} itself is left as it was, so a failed call can simply be retried.
     *
     * @return the stored copy, with its version
     * @throws ConflictException if the workspace already has a session with that id
     */
    Session create(String workspaceHash, Session session);

    /**
     * Replaces a stored session's state with {@code changed} (a copy read earlier and modified):
     * every field, the instances and the messages. Rows that still exist are updated in place;
     * {@code updatedAt} becomes now.
     *
     * @return the stored session after the update (use it, not {@code changed}, for further updates)
     * @throws StaleSessionException if the session changed since {@code changed} was read
     */
    Session update(String workspaceHash, Session changed);

    /**
     * Changes a stored session in place, in one transaction: {@code change} gets the stored
     * (managed) session, and only what it changed is written. It loads nothing beyond the session
     * row until the change reads it: a task or status change is two SQL statements (read the row,
     * update the changed columns), instances or messages are loaded when the change reads them.
     * The version is bumped and {@code updatedAt} becomes now. What the change set is validated as
     * {@link #create} and {@link #update} do (the collections it loaded, the instance numbers it
     * refers to); a failure, or an exception of {@code change} (reported as a
     * {@link dev.ait42.session.StorageException} whose cause it is), leaves the database as it was.
     * For a whole replacement from a copy, use {@link #update}.
     *
     * <pre>{@code sessions.modify(ws, id, s -> s.setTask("Add a dark mode toggle and a test"));}</pre>
     *
     * @return the session after the change (detached, with the collections the change loaded)
     * @throws NotFoundException if the workspace has no such session
     */
    Session modify(String workspaceHash, String sessionId, java.util.function.Consumer<Session> change);

    /**
     * {@link #modify(String, String, java.util.function.Consumer)} if the stored session still has
     * {@code expectedVersion} (the version of a copy shown to a user, say).
     *
     * @throws StaleSessionException if it was changed since that version
     */
    Session modify(String workspaceHash, String sessionId, long expectedVersion,
                   java.util.function.Consumer<Session> change);

    /** One session with its instances and messages (three SQL statements). */
    Session get(String workspaceHash, String sessionId);

    Optional<Session> find(String workspaceHash, String sessionId);

    /** Every session of a workspace with its graph, most recently updated first. */
    List<Session> listAll(String workspaceHash);

    /** Deletes a session with its instances and messages. */
    void delete(String workspaceHash, String sessionId);

    /**
     * Retention: deletes, in one transaction, every session of the workspace last updated before
     * {@code cutoff}, with its instances, messages and search documents. Bulk statements, so
     * cheap for thousands of sessions.
     *
     * @return how many sessions were deleted
     */
    int deleteUpdatedBefore(String workspaceHash, Instant cutoff);

    /**
     * Appends (a copy of) a message to a session's history without reading the history; touches
     * {@code updatedAt}.
     *
     * @throws ConflictException if the session already has a message with that id
     */
    void addChatMessage(String workspaceHash, String sessionId, ChatMessage message);

    /** Sets one instance's status; touches the session's {@code updatedAt}. */
    void updateInstanceStatus(String workspaceHash, String sessionId, int instanceId, InstanceStatus status);

    /** An offset page of matching sessions with a total count ({@code limit} 1..1000). */
    Page<Session> search(SessionQuery query, int offset, int limit);

    /**
     * A keyset page of matching sessions: pass null for the first page, then the returned
     * {@link KeysetPage#nextCursor()} ({@code limit} 1..1000).
     */
    KeysetPage<Session> searchKeyset(SessionQuery query, String cursor, int limit);

    // ---- what the board needs ----

    /**
     * Moves a session between Kanban columns: completing stamps {@code completedAt}, going back
     * to running or paused clears it.
     */
    void changeStatus(String workspaceHash, String sessionId, SessionStatus status);

    /**
     * The winner instance becomes completed, every other one archived, and is the session's winner.
     *
     * @throws ValidationException (field {@code winnerId}) if the session has no instance {@code instanceId}
     */
    void selectWinner(String workspaceHash, String sessionId, int instanceId);

    /** Stores what a finished instance produced (output, end time, change counts). */
    void saveInstanceOutput(String workspaceHash, String sessionId, int instanceId, InstanceOutput output);

    /** Counts, success rate, average duration and lines changed of the sessions a query matches. */
    SessionStatistics statistics(SessionQuery query);

    /**
     * Which runtime, model or agent wins, fails, takes long or changes much: one row per group of
     * the instances of the sessions {@code query} matches (its filters; sort and fetch plan are
     * ignored), instances that recorded no value (or an empty one) in a group of their own (null
     * name). One SQL statement, aggregated in the database; rows come most wins first, then best
     * win rate, then by name ({@link GroupStatistics#WINNERS_FIRST}). What competitions, wins and
     * durations count is stated on {@link GroupStatistics}.
     *
     * @throws ValidationException if {@code query} or {@code by} is null
     */
    List<GroupStatistics> statisticsBy(SessionQuery query, InstanceGrouping by);
}
