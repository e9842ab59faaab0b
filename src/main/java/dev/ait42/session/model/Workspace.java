package dev.ait42.session.model;

import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import org.hibernate.annotations.JdbcTypeCode;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.OneToMany;
import jakarta.persistence.Table;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** A project folder; every session belongs to exactly one. */
@Entity(name = Workspace.ENTITY_NAME)
@Table(name = "workspaces")
public class Workspace {

    /** The JPA entity name: prefixed, so that it cannot clash with an application's own entities. */
    public static final String ENTITY_NAME = "Ait42Workspace";

    @Id
    @Column(name = "hash", nullable = false, updatable = false)
    private String hash;

    /** The real folder path; null when only the hash is known (legacy files without a mapping). */
    @Column(name = "path", unique = true, columnDefinition = "text")
    private String path;

    @JdbcTypeCode(ColumnTypes.TIMESTAMP)
    @Column(name = "last_accessed", nullable = false)
    private Instant lastAccessed;

    @OneToMany(mappedBy = "workspace", cascade = CascadeType.ALL, orphanRemoval = true)
    private List<Session> sessions = new ArrayList<>();

    protected Workspace() {
        // for JPA
    }

    public Workspace(String hash, String path) {
        this.hash = WorkspaceHash.require(hash);
        this.path = path;
        this.lastAccessed = Timestamps.now();
    }

    /** The workspace of a folder, its hash computed from the canonical path. */
    public static Workspace of(Path folder) {
        String canonical = WorkspaceHash.canonicalPath(folder);
        return new Workspace(WorkspaceHash.ofCanonicalPath(canonical), canonical);
    }

    public String getHash() {
        return hash;
    }

    public String getPath() {
        return path;
    }

    public boolean isPathKnown() {
        return path != null;
    }

    public void setPath(String path) {
        this.path = path;
    }

    public Instant getLastAccessed() {
        return lastAccessed;
    }

    public void touch() {
        this.lastAccessed = Timestamps.now();
    }

    @Override
    public String toString() {
        return "Workspace[" + hash + " " + (path == null ? "(path unknown)" : path) + "]";
    }
}
