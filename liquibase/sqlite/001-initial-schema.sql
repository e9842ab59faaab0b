--liquibase formatted sql logicalFilePath:db/changelog/sqlite/001-initial-schema.sql

-- Timestamps are fixed-width UTC text (2025-05-02T09:00:00.000Z), so text order is time order;
-- the GLOB checks keep other forms out. Enumerations are lowercase wire values.

--changeset ait42:001-workspaces dbms:sqlite
CREATE TABLE workspaces (
    hash          TEXT NOT NULL PRIMARY KEY CHECK (length(hash) = 16 AND hash NOT GLOB '*[^0-9a-f]*'),
    path          TEXT UNIQUE, -- the real folder path; NULL when only the hash is known
    last_accessed TEXT NOT NULL CHECK (last_accessed GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-5][0-9].[0-9][0-9][0-9]Z')
);
--rollback DROP TABLE workspaces;

--changeset ait42:001-sessions dbms:sqlite
-- pk is the rowid (joins, keyset tiebreak), AUTOINCREMENT so a deleted session's key is never
-- reused (indexes and cursors refer to it); id is the user-visible id, unique per workspace,
-- since legacy ids like 'debate-77aa' are not globally unique.
CREATE TABLE sessions (
    pk                      INTEGER PRIMARY KEY AUTOINCREMENT,
    workspace_hash          TEXT NOT NULL REFERENCES workspaces (hash) ON DELETE CASCADE,
    id                      TEXT NOT NULL CHECK (length(trim(id)) > 0),
    version                 BIGINT NOT NULL DEFAULT 0,
    session_type            TEXT NOT NULL CHECK (session_type IN ('competition', 'ensemble', 'debate')),
    task                    TEXT NOT NULL,
    status                  TEXT NOT NULL CHECK (status IN ('running', 'completed', 'failed', 'paused')),
    created_at              TEXT NOT NULL CHECK (created_at GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-5][0-9].[0-9][0-9][0-9]Z'),
    updated_at              TEXT NOT NULL CHECK (updated_at GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-5][0-9].[0-9][0-9][0-9]Z'),
    completed_at            TEXT CHECK (completed_at GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-5][0-9].[0-9][0-9][0-9]Z'),
    model                   TEXT,
    timeout_seconds         BIGINT CHECK (timeout_seconds >= 0),
    preserve_worktrees      INTEGER CHECK (preserve_worktrees IN (0, 1)),
    winner_id               INTEGER CHECK (winner_id >= 0),
    runtime_mix             TEXT CHECK (json_valid(runtime_mix) AND json_type(runtime_mix) = 'array'),
    total_duration          BIGINT CHECK (total_duration >= 0),
    total_files_changed     INTEGER CHECK (total_files_changed >= 0),
    total_lines_added       INTEGER CHECK (total_lines_added >= 0),
    total_lines_deleted     INTEGER CHECK (total_lines_deleted >= 0),
    integration_phase       TEXT CHECK (integration_phase IN ('pending', 'in_progress', 'completed')),
    integration_instance_id INTEGER CHECK (integration_instance_id >= 0),
    UNIQUE (workspace_hash, id)
);
-- The seed's indexes (its idx_sessions_workspace is the prefix of the UNIQUE index above)...
CREATE INDEX idx_sessions_status ON sessions (status);
CREATE INDEX idx_sessions_type ON sessions (session_type);
CREATE INDEX idx_sessions_created ON sessions (created_at DESC);
CREATE INDEX idx_sessions_updated ON sessions (updated_at DESC);
-- ...and the ones the workspace-scoped listing, keyset pages and Kanban columns use.
CREATE INDEX idx_sessions_ws_updated ON sessions (workspace_hash, updated_at, pk);
CREATE INDEX idx_sessions_ws_created ON sessions (workspace_hash, created_at, pk);
CREATE INDEX idx_sessions_ws_status ON sessions (workspace_hash, status, updated_at);
--rollback DROP TABLE sessions;

--changeset ait42:001-instances dbms:sqlite
-- Keyed by (session, per-session instance number from 0): an update keeps the row.
CREATE TABLE instances (
    session_pk      INTEGER NOT NULL REFERENCES sessions (pk) ON DELETE CASCADE,
    instance_id     INTEGER NOT NULL CHECK (instance_id >= 0),
    worktree_path   TEXT NOT NULL,
    branch          TEXT NOT NULL,
    agent_name      TEXT NOT NULL,
    tmux_session_id TEXT NOT NULL,
    status          TEXT NOT NULL CHECK (status IN ('idle', 'running', 'completed', 'failed', 'paused', 'archived')),
    output          TEXT, -- captured terminal output, can be hundreds of KB
    start_time      TEXT CHECK (start_time GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-5][0-9].[0-9][0-9][0-9]Z'),
    end_time        TEXT CHECK (end_time GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-5][0-9].[0-9][0-9][0-9]Z'),
    files_changed   INTEGER CHECK (files_changed >= 0),
    lines_added     INTEGER CHECK (lines_added >= 0),
    lines_deleted   INTEGER CHECK (lines_deleted >= 0),
    runtime         TEXT,
    model           TEXT,
    runtime_label   TEXT,
    PRIMARY KEY (session_pk, instance_id)
);
CREATE INDEX idx_instances_status ON instances (status);
--rollback DROP TABLE instances;

--changeset ait42:001-chat-messages dbms:sqlite
-- Message ids are unique per session only (legacy ids repeat across sessions); seq keeps the
-- history's order when timestamps tie. No length cap on content.
CREATE TABLE chat_messages (
    session_pk  INTEGER NOT NULL REFERENCES sessions (pk) ON DELETE CASCADE,
    id          TEXT NOT NULL CHECK (length(trim(id)) > 0),
    seq         INTEGER NOT NULL CHECK (seq >= 0),
    role        TEXT NOT NULL CHECK (role IN ('user', 'assistant', 'system')),
    content     TEXT NOT NULL,
    timestamp   TEXT NOT NULL CHECK (timestamp GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-5][0-9].[0-9][0-9][0-9]Z'),
    instance_id INTEGER CHECK (instance_id >= 0),
    PRIMARY KEY (session_pk, id)
);
CREATE INDEX idx_messages_session_seq ON chat_messages (session_pk, seq);
CREATE INDEX idx_messages_timestamp ON chat_messages (timestamp DESC);
--rollback DROP TABLE chat_messages;
