package dev.ait42.session.model;

import jakarta.persistence.Column;
import org.hibernate.annotations.JdbcTypeCode;
import jakarta.persistence.Convert;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.MapsId;
import jakarta.persistence.Table;


import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;

/** One agent of a session, in its own worktree and tmux session (shared by all agents of a debate). */
@Entity(name = Instance.ENTITY_NAME)
@Table(name = "instances")
public class Instance {

    /** The JPA entity name: prefixed, so that it cannot clash with an application's own entities. */
    public static final String ENTITY_NAME = "Ait42Instance";

    @EmbeddedId
    private InstanceKey key;

    @MapsId("sessionPk")
    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "session_pk", columnDefinition = "integer")
    private Session session;

    @Column(name = "worktree_path", nullable = false, columnDefinition = "text")
    private String worktreePath;

    @Column(name = "branch", nullable = false, columnDefinition = "text")
    private String branch;

    @Column(name = "agent_name", nullable = false, columnDefinition = "text")
    private String agentName;

    @Column(name = "tmux_session_id", nullable = false, columnDefinition = "text")
    private String tmuxSessionId;

    @Convert(converter = WireConverters.InstanceStatusConverter.class)
    @Column(name = "status", nullable = false, columnDefinition = "text")
    private InstanceStatus status;

    /** Captured terminal output; can be hundreds of KB. */
    @Column(name = "output", columnDefinition = "text")
    private String output;

    @JdbcTypeCode(ColumnTypes.TIMESTAMP)
    @Column(name = "start_time")
    private Instant startTime;

    @JdbcTypeCode(ColumnTypes.TIMESTAMP)
    @Column(name = "end_time")
    private Instant endTime;

    @Column(name = "files_changed")
    private Integer filesChanged;

    @Column(name = "lines_added")
    private Integer linesAdded;

    @Column(name = "lines_deleted")
    private Integer linesDeleted;

    @Column(name = "runtime", columnDefinition = "text")
    private String runtime;

    @Column(name = "model", columnDefinition = "text")
    private String model;

    @Column(name = "runtime_label", columnDefinition = "text")
    private String runtimeLabel;

    /** Fields of the legacy JSON that have no column (testsPassed...): a JSON object, or null. */
    @Convert(converter = JsonObjectConverter.class)
    @JdbcTypeCode(ColumnTypes.JSON)
    @Column(name = "extra", columnDefinition = "text")
    private ObjectNode extra;

    protected Instance() {
        // for JPA
    }

    /** A new instance with its per-session number (starting at 0), idle until it runs. */
    public Instance(int instanceId) {
        this.key = new InstanceKey(instanceId);
        this.status = InstanceStatus.IDLE;
    }

    public int getInstanceId() {
        return key.getInstanceId();
    }

    public Session getSession() {
        return session;
    }

    void setSession(Session session) {
        this.session = session;
    }

    /** Copies every field but the key and the session: the update path keeps the row, changes its values. */
    void copyStateFrom(Instance source) {
        worktreePath = source.worktreePath;
        branch = source.branch;
        agentName = source.agentName;
        tmuxSessionId = source.tmuxSessionId;
        status = source.status;
        output = source.output;
        startTime = source.startTime;
        endTime = source.endTime;
        filesChanged = source.filesChanged;
        linesAdded = source.linesAdded;
        linesDeleted = source.linesDeleted;
        runtime = source.runtime;
        model = source.model;
        runtimeLabel = source.runtimeLabel;
        extra = source.extra; // never changed in place: sharing is safe
    }

    public String getWorktreePath() {
        return worktreePath;
    }

    public void setWorktreePath(String worktreePath) {
        this.worktreePath = worktreePath;
    }

    public String getBranch() {
        return branch;
    }

    public void setBranch(String branch) {
        this.branch = branch;
    }

    public String getAgentName() {
        return agentName;
    }

    public void setAgentName(String agentName) {
        this.agentName = agentName;
    }

    public String getTmuxSessionId() {
        return tmuxSessionId;
    }

    public void setTmuxSessionId(String tmuxSessionId) {
        this.tmuxSessionId = tmuxSessionId;
    }

    public InstanceStatus getStatus() {
        return status;
    }

    public void setStatus(InstanceStatus status) {
        this.status = status;
    }

    public String getOutput() {
        return output;
    }

    public void setOutput(String output) {
        this.output = output;
    }

    public Instant getStartTime() {
        return startTime;
    }

    public void setStartTime(Instant startTime) {
        this.startTime = Timestamps.normalize(startTime);
    }

    public Instant getEndTime() {
        return endTime;
    }

    public void setEndTime(Instant endTime) {
        this.endTime = Timestamps.normalize(endTime);
    }

    public Integer getFilesChanged() {
        return filesChanged;
    }

    public void setFilesChanged(Integer filesChanged) {
        this.filesChanged = filesChanged;
    }

    public Integer getLinesAdded() {
        return linesAdded;
    }

    public void setLinesAdded(Integer linesAdded) {
        this.linesAdded = linesAdded;
    }

    public Integer getLinesDeleted() {
        return linesDeleted;
    }

    public void setLinesDeleted(Integer linesDeleted) {
        this.linesDeleted = linesDeleted;
    }

    public String getRuntime() {
        return runtime;
    }

    public void setRuntime(String runtime) {
        this.runtime = runtime;
    }

    public String getModel() {
        return model;
    }

    public void setModel(String model) {
        this.model = model;
    }

    public String getRuntimeLabel() {
        return runtimeLabel;
    }

    public void setRuntimeLabel(String runtimeLabel) {
        this.runtimeLabel = runtimeLabel;
    }

    /** Fields of the legacy JSON this schema has no column for ({@code testsPassed}, ...): a copy, or null. */
    public ObjectNode getExtra() {
        return extra == null ? null : extra.deepCopy();
    }

    /** Stores a copy; null or an empty object means no extra fields. */
    public void setExtra(ObjectNode extra) {
        this.extra = JsonObjectConverter.copy(extra);
    }

    @Override
    public String toString() {
        return "Instance[" + key.getInstanceId() + " " + agentName + " " + status + "]";
    }
}
