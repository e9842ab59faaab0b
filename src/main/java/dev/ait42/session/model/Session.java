package dev.ait42.session.model;

import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import org.hibernate.annotations.JdbcTypeCode;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;
import jakarta.persistence.UniqueConstraint;
import jakarta.persistence.Version;
import org.hibernate.annotations.BatchSize;
import org.hibernate.annotations.DynamicUpdate;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * One multi-agent run in a workspace, with its instances (one per agent) and its chat history.
 * Saving or deleting a session saves or deletes the whole graph.
 *
 * <p>The session id (a UUID, or a legacy id such as {@code debate-77aa}) is unique within its
 * workspace; the row key {@link #getPk()} is internal and only used to join the graph.
 */
@Entity(name = Session.ENTITY_NAME)
@Table(name = "sessions", uniqueConstraints = @UniqueConstraint(columnNames = {"workspace_hash", "id"}))
// Loading many instances or messages (reindexing) fetches their sessions 100 at a time, not one by one.
@BatchSize(size = 100)
// An UPDATE sets only the changed columns: a task change or a touch then leaves the indexes on the
// other columns (status, type, created_at...) alone, and fires only the triggers of what changed.
@DynamicUpdate
public class Session {

    /** The JPA entity name: prefixed, so that it cannot clash with an application's own entities. */
    public static final String ENTITY_NAME = "Ait42Session";

    /**
     * Sessions whose instances (or messages) one statement loads: the collections of every
     * session of a page (at most 1000) come in one statement of child rows only.
     */
    public static final int GRAPH_BATCH = 1000;

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    @Column(name = "pk", columnDefinition = "integer")
    private Long pk;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "workspace_hash", nullable = false, updatable = false)
    private Workspace workspace;

    /** The workspace's key, mapped a second time (read-only) so the search index can carry it. */
    @Column(name = "workspace_hash", insertable = false, updatable = false)
    private String workspaceHash;

    @Column(name = "id", nullable = false, updatable = false, columnDefinition = "text")
    private String id;

    /** Bumped on every change; a write from a stale copy fails instead of overwriting. */
    @Version
    @Column(name = "version", nullable = false)
    private Long version;

    @Convert(converter = WireConverters.SessionTypeConverter.class)
    @Column(name = "session_type", nullable = false, columnDefinition = "text")
    private SessionType type;

    @Column(name = "task", nullable = false, columnDefinition = "text")
    private String task;

    @Convert(converter = WireConverters.SessionStatusConverter.class)
    @Column(name = "status", nullable = false, columnDefinition = "text")
    private SessionStatus status;

    @JdbcTypeCode(ColumnTypes.TIMESTAMP)
    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @JdbcTypeCode(ColumnTypes.TIMESTAMP)
    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @JdbcTypeCode(ColumnTypes.TIMESTAMP)
    @Column(name = "completed_at")
    private Instant completedAt;

    @Column(name = "model", columnDefinition = "text")
    private String model;

    @Column(name = "timeout_seconds")
    private Long timeoutSeconds;

    @JdbcTypeCode(ColumnTypes.BOOLEAN)
    @Column(name = "preserve_worktrees", columnDefinition = "integer")
    private Boolean preserveWorktrees;

    /** The winning instance's number (competition mode). */
    @Column(name = "winner_id")
    private Integer winnerId;

    @Convert(converter = StringListConverter.class)
    @JdbcTypeCode(ColumnTypes.JSON)
    @Column(name = "runtime_mix", columnDefinition = "text")
    private List<String> runtimeMix;

    /** Seconds. */
    @Column(name = "total_duration")
    private Long totalDuration;

    @Column(name = "total_files_changed")
    private Integer totalFilesChanged;

    @Column(name = "total_lines_added")
    private Integer totalLinesAdded;

    @Column(name = "total_lines_deleted")
    private Integer totalLinesDeleted;

    @Convert(converter = WireConverters.IntegrationPhaseConverter.class)
    @Column(name = "integration_phase", columnDefinition = "text")
    private IntegrationPhase integrationPhase;

    @Column(name = "integration_instance_id")
    private Integer integrationInstanceId;

    /** Fields of the legacy JSON that have no column (evaluation...): a JSON object, or null. */
    @Convert(converter = JsonObjectConverter.class)
    @JdbcTypeCode(ColumnTypes.JSON)
    @Column(name = "extra", columnDefinition = "text")
    private ObjectNode extra;

    @OneToMany(mappedBy = "session", cascade = CascadeType.ALL, orphanRemoval = true)
    @OrderBy("key.instanceId")
    @BatchSize(size = GRAPH_BATCH)
    private List<Instance> instances = new ArrayList<>();

    @OneToMany(mappedBy = "session", cascade = CascadeType.ALL, orphanRemoval = true)
    @OrderBy("seq")
    @BatchSize(size = GRAPH_BATCH)
    private List<ChatMessage> messages = new ArrayList<>();

    protected Session() {
        // for JPA
    }

    /** A new running session, created and updated now. */
    public Session(String id, SessionType type, String task) {
        this.id = id;
        this.type = type;
        this.task = task;
        this.status = SessionStatus.RUNNING;
        this.createdAt = Timestamps.now();
        this.updatedAt = createdAt;
    }

    /**
     * A new, unsaved deep copy of {@code source}: same id and state, fresh instances and messages.
     * The repository saves copies so that a failed call leaves the caller's objects as they were.
     */
    public static Session copyOf(Session source) {
        Session copy = new Session(source.id, source.type, source.task);
        copy.replaceStateWith(source);
        return copy;
    }

    /** Internal row key; null until the session is saved. */
    public Long getPk() {
        return pk;
    }

    public String getId() {
        return id;
    }

    public Workspace getWorkspace() {
        return workspace;
    }

    /** The hash of {@link #getWorkspace()}, readable without loading the workspace. */
    public String getWorkspaceHash() {
        return workspaceHash;
    }

    /** Set by the repository from the workspace the session is saved in. */
    public void assignWorkspace(Workspace workspace) {
        this.workspace = workspace;
        this.workspaceHash = workspace == null ? null : workspace.getHash();
    }

    /** The optimistic-lock version; null until saved. */
    public Long getVersion() {
        return version;
    }

    // ---- graph: both sides kept in step, read-only views handed out ----

    public List<Instance> getInstances() {
        return Collections.unmodifiableList(instances);
    }

    public Optional<Instance> findInstance(int instanceId) {
        return instances.stream().filter(i -> i.getInstanceId() == instanceId).findFirst();
    }

    public void addInstance(Instance instance) {
        instance.setSession(this);
        instances.add(instance);
    }

    public void removeInstance(Instance instance) {
        if (instances.remove(instance)) {
            instance.setSession(null);
        }
    }

    public List<ChatMessage> getMessages() {
        return Collections.unmodifiableList(messages);
    }

    /** Appends a message at the end of the history. */
    public void addMessage(ChatMessage message) {
        int next = messages.isEmpty() ? 0 : messages.get(messages.size() - 1).getSeq() + 1;
        appendMessage(message, next);
    }

    /**
     * Appends a message at a position the caller computed, without reading the history (which
     * may be large): the repository's append path uses this.
     */
    public void appendMessage(ChatMessage message, int seq) {
        message.attach(this, seq);
        messages.add(message);
    }

    public void removeMessage(ChatMessage message) {
        if (messages.remove(message)) {
            message.attach(null, message.getSeq());
        }
    }

    /**
     * Makes this (stored) session hold the state of {@code source}: every field but the id, and
     * the instances and messages it lists. Rows that still exist (same instance number, same
     * message id) are updated in place, not deleted and re-inserted; missing ones are removed.
     */
    public void replaceStateWith(Session source) {
        type = source.type;
        task = source.task;
        status = source.status;
        createdAt = source.createdAt;
        updatedAt = source.updatedAt;
        completedAt = source.completedAt;
        model = source.model;
        timeoutSeconds = source.timeoutSeconds;
        preserveWorktrees = source.preserveWorktrees;
        winnerId = source.winnerId;
        runtimeMix = source.runtimeMix;
        totalDuration = source.totalDuration;
        totalFilesChanged = source.totalFilesChanged;
        totalLinesAdded = source.totalLinesAdded;
        totalLinesDeleted = source.totalLinesDeleted;
        integrationPhase = source.integrationPhase;
        integrationInstanceId = source.integrationInstanceId;
        extra = source.extra; // never changed in place: sharing is safe
        reconcileInstances(source.instances);
        reconcileMessages(source.messages);
    }

    private void reconcileInstances(List<Instance> wanted) {
        Map<Integer, Instance> existing = index(instances, Instance::getInstanceId);
        List<Instance> result = new ArrayList<>(wanted.size());
        for (Instance source : wanted) {
            Instance target = existing.remove(source.getInstanceId());
            if (target == null) {
                target = new Instance(source.getInstanceId());
                target.setSession(this);
            }
            target.copyStateFrom(source);
            result.add(target);
        }
        existing.values().forEach(gone -> gone.setSession(null));
        instances.clear();
        instances.addAll(result);
    }

    private void reconcileMessages(List<ChatMessage> wanted) {
        Map<String, ChatMessage> existing = index(messages, ChatMessage::getId);
        List<ChatMessage> result = new ArrayList<>(wanted.size());
        for (ChatMessage source : wanted) {
            ChatMessage target = existing.remove(source.getId());
            if (target == null) {
                target = new ChatMessage(source.getId(), source.getRole(), source.getContent());
            }
            target.copyStateFrom(source);
            target.attach(this, result.size());
            result.add(target);
        }
        existing.values().forEach(gone -> gone.attach(null, gone.getSeq()));
        messages.clear();
        messages.addAll(result);
    }

    private static <T, K> Map<K, T> index(List<T> items, Function<T, K> key) {
        Map<K, T> map = new HashMap<>();
        items.forEach(item -> map.put(key.apply(item), item));
        return map;
    }

    // ---- status transitions used by the Kanban board ----

    /**
     * Moves the session to a column: completing stamps {@code completedAt}, going back to
     * running or paused clears it, failing keeps whatever was there.
     */
    public void moveTo(SessionStatus newStatus, Instant now) {
        if (newStatus == SessionStatus.COMPLETED && status != SessionStatus.COMPLETED) {
            completedAt = now;
        } else if (newStatus == SessionStatus.RUNNING || newStatus == SessionStatus.PAUSED) {
            completedAt = null;
        }
        status = Objects.requireNonNull(newStatus, "status");
        touch(now);
    }

    /**
     * Picks the winner of a competition: it is marked completed, every other instance archived.
     *
     * @throws java.util.NoSuchElementException if the session has no such instance
     */
    public void selectWinner(int instanceId, Instant now) {
        Instance winner = findInstance(instanceId).orElseThrow();
        for (Instance instance : instances) {
            instance.setStatus(instance == winner ? InstanceStatus.COMPLETED : InstanceStatus.ARCHIVED);
        }
        winnerId = instanceId;
        touch(now);
    }

    /**
     * Marks a change made now (new message, instance status...). {@code updatedAt} always changes,
     * one millisecond past {@code now} if it already holds {@code now}: Hibernate bumps the
     * optimistic-lock version only when the session row itself changes (a changed instance or an
     * appended message alone does not), so a touch that left the row as it was would let a copy
     * read earlier in the same millisecond overwrite the change.
     */
    public void touch(Instant now) {
        updatedAt = now.equals(updatedAt) ? now.plusMillis(1) : now;
    }

    // ---- plain fields ----

    public SessionType getType() {
        return type;
    }

    public void setType(SessionType type) {
        this.type = type;
    }

    public String getTask() {
        return task;
    }

    public void setTask(String task) {
        this.task = task;
    }

    public SessionStatus getStatus() {
        return status;
    }

    public void setStatus(SessionStatus status) {
        this.status = status;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public void setCreatedAt(Instant createdAt) {
        this.createdAt = Timestamps.normalize(createdAt);
    }

    public Instant getUpdatedAt() {
        return updatedAt;
    }

    public void setUpdatedAt(Instant updatedAt) {
        this.updatedAt = Timestamps.normalize(updatedAt);
    }

    public Instant getCompletedAt() {
        return completedAt;
    }

    public void setCompletedAt(Instant completedAt) {
        this.completedAt = Timestamps.normalize(completedAt);
    }

    public String getModel() {
        return model;
    }

    public void setModel(String model) {
        this.model = model;
    }

    public Long getTimeoutSeconds() {
        return timeoutSeconds;
    }

    public void setTimeoutSeconds(Long timeoutSeconds) {
        this.timeoutSeconds = timeoutSeconds;
    }

    public Boolean getPreserveWorktrees() {
        return preserveWorktrees;
    }

    public void setPreserveWorktrees(Boolean preserveWorktrees) {
        this.preserveWorktrees = preserveWorktrees;
    }

    public Integer getWinnerId() {
        return winnerId;
    }

    public void setWinnerId(Integer winnerId) {
        this.winnerId = winnerId;
    }

    /** Runtimes used by the agents (claude, codex, gemini...); an unmodifiable list or null. */
    public List<String> getRuntimeMix() {
        return runtimeMix;
    }

    public void setRuntimeMix(List<String> runtimeMix) {
        // Copied, but nulls kept: the repository's validation reports them with their field name.
        this.runtimeMix = runtimeMix == null ? null : Collections.unmodifiableList(new ArrayList<>(runtimeMix));
    }

    public Long getTotalDuration() {
        return totalDuration;
    }

    public void setTotalDuration(Long totalDuration) {
        this.totalDuration = totalDuration;
    }

    public Integer getTotalFilesChanged() {
        return totalFilesChanged;
    }

    public void setTotalFilesChanged(Integer totalFilesChanged) {
        this.totalFilesChanged = totalFilesChanged;
    }

    public Integer getTotalLinesAdded() {
        return totalLinesAdded;
    }

    public void setTotalLinesAdded(Integer totalLinesAdded) {
        this.totalLinesAdded = totalLinesAdded;
    }

    public Integer getTotalLinesDeleted() {
        return totalLinesDeleted;
    }

    public void setTotalLinesDeleted(Integer totalLinesDeleted) {
        this.totalLinesDeleted = totalLinesDeleted;
    }

    public IntegrationPhase getIntegrationPhase() {
        return integrationPhase;
    }

    public void setIntegrationPhase(IntegrationPhase integrationPhase) {
        this.integrationPhase = integrationPhase;
    }

    public Integer getIntegrationInstanceId() {
        return integrationInstanceId;
    }

    public void setIntegrationInstanceId(Integer integrationInstanceId) {
        this.integrationInstanceId = integrationInstanceId;
    }

    /**
     * Fields of the legacy JSON this schema has no column for ({@code evaluation}, ...), kept so
     * that nothing is lost and an export writes them back: a copy, or null when there are none.
     */
    public ObjectNode getExtra() {
        return extra == null ? null : extra.deepCopy();
    }

    /** Stores a copy; null or an empty object means no extra fields. */
    public void setExtra(ObjectNode extra) {
        this.extra = JsonObjectConverter.copy(extra);
    }

    @Override
    public String toString() {
        return "Session[" + id + " " + type + " " + status + "]";
    }
}
