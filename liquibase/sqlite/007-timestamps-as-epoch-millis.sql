--liquibase formatted sql logicalFilePath:db/changelog/sqlite/007-timestamps-as-epoch-millis.sql

-- Every timestamp becomes INTEGER milliseconds since 1970-01-01T00:00:00Z (negative before), UTC,
-- instead of the canonical text 2025-05-02T09:00:00.000Z: 6 bytes a value in the record (up to the
-- year 6429) where the text took 24 and a header byte, and chat_messages.timestamp alone is one a
-- message (about a twentieth of the file). Number order is time order as text order was, so
-- every ordering, range filter and index keeps its meaning. The CHECKs refuse anything but an
-- integer within the years 0000-9999 (text, reals, numbers out of range), as the GLOBs refused
-- malformed text.
--
-- Each text is converted exactly: its seconds (strftime '%s', an integer) times 1000 plus its
-- three digits of milliseconds, kept only if formatting the result back gives the same text. A
-- value that does not (a date such as 2025-02-30 that the GLOB let through) stays text and the
-- new CHECK refuses it: the changeset fails and the file is left as it was.
--
-- SQLite cannot change a column's type in place: the copy-table procedure for the four tables in
-- one changeset (one transaction). The copies refer to each other (workspaces_copy, sessions_copy),
-- the old tables are dropped children first (so no cascade runs and no trigger fires), and renaming
-- a copy rewrites the references to it. Then the indexes and the ten index-work triggers (004) are
-- made again as they were, and the key sequence of sessions is carried over, so a deleted session's
-- key is still never reused.
--
-- What each index serves (the same ones as before):
-- - workspaces: the key (hash) and UNIQUE (path): resolving a workspace by hash or by folder.
-- - sessions: UNIQUE (workspace_hash, id): get/update/delete by id in a workspace;
--   idx_sessions_ws_updated and idx_sessions_ws_created: a workspace's listing and keyset pages by
--   updated or created time (pk the tiebreak); idx_sessions_ws_status and
--   idx_sessions_ws_status_type: that listing and its total filtered by status, and by status and
--   type (003); idx_sessions_updated and idx_sessions_created: the listing over all workspaces
--   (`list` without a workspace) newest first; idx_sessions_status and idx_sessions_type: that
--   listing filtered by status or type.
-- - instances: the key (session_pk, instance_id): a session's instances in the graph fetch and
--   the writes of one instance; idx_instances_status: the original schema's, which no query of the
--   store filters by (kept: other tools may; 1.9 MB a 10,000-session file).
-- - chat_messages: the key (session_pk, id), the table itself (006): a session's history and the
--   position of an appended message.
-- Statements end at a line holding only "/": the triggers' bodies hold semicolons.

--changeset ait42:007-timestamps-as-epoch-millis dbms:sqlite endDelimiter:/
CREATE TABLE workspaces_copy (
    hash          TEXT NOT NULL PRIMARY KEY CHECK (length(hash) = 16 AND hash NOT GLOB '*[^0-9a-f]*'),
    path          TEXT UNIQUE, -- the real folder path; NULL when only the hash is known
    last_accessed INTEGER NOT NULL CHECK (typeof(last_accessed) = 'integer' AND last_accessed BETWEEN -62167219200000 AND 253402300799999)
)
/
INSERT INTO workspaces_copy (hash, path, last_accessed)
    SELECT hash,
           path,
           CASE WHEN strftime('%Y-%m-%dT%H:%M:%fZ', (CAST(strftime('%s', substr(last_accessed, 1, 19)) AS INTEGER) * 1000 + CAST(substr(last_accessed, 21, 3) AS INTEGER)) / 1000.0, 'unixepoch') IS last_accessed THEN CAST(strftime('%s', substr(last_accessed, 1, 19)) AS INTEGER) * 1000 + CAST(substr(last_accessed, 21, 3) AS INTEGER) ELSE last_accessed END
    FROM workspaces ORDER BY hash
/
CREATE TABLE sessions_copy (
    pk                      INTEGER PRIMARY KEY AUTOINCREMENT,
    workspace_hash          TEXT NOT NULL REFERENCES workspaces_copy (hash) ON DELETE CASCADE,
    id                      TEXT NOT NULL CHECK (length(trim(id)) > 0),
    version                 BIGINT NOT NULL DEFAULT 0,
    session_type            TEXT NOT NULL CHECK (session_type IN ('competition', 'ensemble', 'debate')),
    task                    TEXT NOT NULL,
    status                  TEXT NOT NULL CHECK (status IN ('running', 'completed', 'failed', 'paused')),
    created_at              INTEGER NOT NULL CHECK (typeof(created_at) = 'integer' AND created_at BETWEEN -62167219200000 AND 253402300799999),
    updated_at              INTEGER NOT NULL CHECK (typeof(updated_at) = 'integer' AND updated_at BETWEEN -62167219200000 AND 253402300799999),
    completed_at            INTEGER CHECK (completed_at IS NULL OR (typeof(completed_at) = 'integer' AND completed_at BETWEEN -62167219200000 AND 253402300799999)),
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
    extra                   TEXT CHECK (extra IS NULL OR (json_valid(extra) AND json_type(extra) = 'object')),
    UNIQUE (workspace_hash, id)
)
/
INSERT INTO sessions_copy (pk, workspace_hash, id, version, session_type, task, status, created_at, updated_at, completed_at, model, timeout_seconds, preserve_worktrees, winner_id, runtime_mix, total_duration, total_files_changed, total_lines_added, total_lines_deleted, integration_phase, integration_instance_id, extra)
    SELECT pk,
           workspace_hash,
           id,
           version,
           session_type,
           task,
           status,
           CASE WHEN strftime('%Y-%m-%dT%H:%M:%fZ', (CAST(strftime('%s', substr(created_at, 1, 19)) AS INTEGER) * 1000 + CAST(substr(created_at, 21, 3) AS INTEGER)) / 1000.0, 'unixepoch') IS created_at THEN CAST(strftime('%s', substr(created_at, 1, 19)) AS INTEGER) * 1000 + CAST(substr(created_at, 21, 3) AS INTEGER) ELSE created_at END,
           CASE WHEN strftime('%Y-%m-%dT%H:%M:%fZ', (CAST(strftime('%s', substr(updated_at, 1, 19)) AS INTEGER) * 1000 + CAST(substr(updated_at, 21, 3) AS INTEGER)) / 1000.0, 'unixepoch') IS updated_at THEN CAST(strftime('%s', substr(updated_at, 1, 19)) AS INTEGER) * 1000 + CAST(substr(updated_at, 21, 3) AS INTEGER) ELSE updated_at END,
           CASE WHEN strftime('%Y-%m-%dT%H:%M:%fZ', (CAST(strftime('%s', substr(completed_at, 1, 19)) AS INTEGER) * 1000 + CAST(substr(completed_at, 21, 3) AS INTEGER)) / 1000.0, 'unixepoch') IS completed_at THEN CAST(strftime('%s', substr(completed_at, 1, 19)) AS INTEGER) * 1000 + CAST(substr(completed_at, 21, 3) AS INTEGER) ELSE completed_at END,
           model,
           timeout_seconds,
           preserve_worktrees,
           winner_id,
           runtime_mix,
           total_duration,
           total_files_changed,
           total_lines_added,
           total_lines_deleted,
           integration_phase,
           integration_instance_id,
           extra
    FROM sessions ORDER BY pk
/
CREATE TABLE instances_copy (
    session_pk      INTEGER NOT NULL REFERENCES sessions_copy (pk) ON DELETE CASCADE,
    instance_id     INTEGER NOT NULL CHECK (instance_id >= 0),
    worktree_path   TEXT NOT NULL,
    branch          TEXT NOT NULL,
    agent_name      TEXT NOT NULL,
    tmux_session_id TEXT NOT NULL,
    status          TEXT NOT NULL CHECK (status IN ('idle', 'running', 'completed', 'failed', 'paused', 'archived')),
    output          TEXT, -- captured terminal output, can be hundreds of KB
    start_time      INTEGER CHECK (start_time IS NULL OR (typeof(start_time) = 'integer' AND start_time BETWEEN -62167219200000 AND 253402300799999)),
    end_time        INTEGER CHECK (end_time IS NULL OR (typeof(end_time) = 'integer' AND end_time BETWEEN -62167219200000 AND 253402300799999)),
    files_changed   INTEGER CHECK (files_changed >= 0),
    lines_added     INTEGER CHECK (lines_added >= 0),
    lines_deleted   INTEGER CHECK (lines_deleted >= 0),
    runtime         TEXT,
    model           TEXT,
    runtime_label   TEXT,
    extra           TEXT CHECK (extra IS NULL OR (json_valid(extra) AND json_type(extra) = 'object')),
    PRIMARY KEY (session_pk, instance_id)
)
/
INSERT INTO instances_copy (session_pk, instance_id, worktree_path, branch, agent_name, tmux_session_id, status, output, start_time, end_time, files_changed, lines_added, lines_deleted, runtime, model, runtime_label, extra)
    SELECT session_pk,
           instance_id,
           worktree_path,
           branch,
           agent_name,
           tmux_session_id,
           status,
           output,
           CASE WHEN strftime('%Y-%m-%dT%H:%M:%fZ', (CAST(strftime('%s', substr(start_time, 1, 19)) AS INTEGER) * 1000 + CAST(substr(start_time, 21, 3) AS INTEGER)) / 1000.0, 'unixepoch') IS start_time THEN CAST(strftime('%s', substr(start_time, 1, 19)) AS INTEGER) * 1000 + CAST(substr(start_time, 21, 3) AS INTEGER) ELSE start_time END,
           CASE WHEN strftime('%Y-%m-%dT%H:%M:%fZ', (CAST(strftime('%s', substr(end_time, 1, 19)) AS INTEGER) * 1000 + CAST(substr(end_time, 21, 3) AS INTEGER)) / 1000.0, 'unixepoch') IS end_time THEN CAST(strftime('%s', substr(end_time, 1, 19)) AS INTEGER) * 1000 + CAST(substr(end_time, 21, 3) AS INTEGER) ELSE end_time END,
           files_changed,
           lines_added,
           lines_deleted,
           runtime,
           model,
           runtime_label,
           extra
    FROM instances ORDER BY session_pk, instance_id
/
CREATE TABLE chat_messages_copy (
    session_pk  INTEGER NOT NULL REFERENCES sessions_copy (pk) ON DELETE CASCADE,
    id          TEXT NOT NULL CHECK (length(trim(id)) > 0),
    seq         INTEGER NOT NULL CHECK (seq >= 0),
    role        TEXT NOT NULL CHECK (role IN ('user', 'assistant', 'system')),
    content     TEXT NOT NULL,
    timestamp   INTEGER NOT NULL CHECK (typeof(timestamp) = 'integer' AND timestamp BETWEEN -62167219200000 AND 253402300799999),
    instance_id INTEGER CHECK (instance_id >= 0),
    extra       TEXT CHECK (extra IS NULL OR (json_valid(extra) AND json_type(extra) = 'object')),
    PRIMARY KEY (session_pk, id)
) WITHOUT ROWID
/
INSERT INTO chat_messages_copy (session_pk, id, seq, role, content, timestamp, instance_id, extra)
    SELECT session_pk,
           id,
           seq,
           role,
           content,
           CASE WHEN strftime('%Y-%m-%dT%H:%M:%fZ', (CAST(strftime('%s', substr(timestamp, 1, 19)) AS INTEGER) * 1000 + CAST(substr(timestamp, 21, 3) AS INTEGER)) / 1000.0, 'unixepoch') IS timestamp THEN CAST(strftime('%s', substr(timestamp, 1, 19)) AS INTEGER) * 1000 + CAST(substr(timestamp, 21, 3) AS INTEGER) ELSE timestamp END,
           instance_id,
           extra
    FROM chat_messages ORDER BY session_pk, id
/
DELETE FROM sqlite_sequence WHERE name = 'sessions_copy'
/
INSERT INTO sqlite_sequence (name, seq) SELECT 'sessions_copy', seq FROM sqlite_sequence WHERE name = 'sessions'
/
DROP TABLE chat_messages
/
DROP TABLE instances
/
DROP TABLE sessions
/
DROP TABLE workspaces
/
ALTER TABLE workspaces_copy RENAME TO workspaces
/
ALTER TABLE sessions_copy RENAME TO sessions
/
ALTER TABLE instances_copy RENAME TO instances
/
ALTER TABLE chat_messages_copy RENAME TO chat_messages
/
CREATE INDEX idx_sessions_status ON sessions (status)
/
CREATE INDEX idx_sessions_type ON sessions (session_type)
/
CREATE INDEX idx_sessions_created ON sessions (created_at DESC)
/
CREATE INDEX idx_sessions_updated ON sessions (updated_at DESC)
/
CREATE INDEX idx_sessions_ws_updated ON sessions (workspace_hash, updated_at, pk)
/
CREATE INDEX idx_sessions_ws_created ON sessions (workspace_hash, created_at, pk)
/
CREATE INDEX idx_sessions_ws_status ON sessions (workspace_hash, status, updated_at)
/
CREATE INDEX idx_sessions_ws_status_type ON sessions (workspace_hash, status, session_type, updated_at)
/
CREATE INDEX idx_instances_status ON instances (status)
/
CREATE TRIGGER search_work_session_insert AFTER INSERT ON sessions BEGIN
    INSERT INTO search_index_work (session_pk, part) VALUES (new.pk, 'session');
END
/
CREATE TRIGGER search_work_session_task AFTER UPDATE OF task ON sessions
    WHEN old.task IS NOT new.task
     AND old.workspace_hash IS new.workspace_hash AND old.session_type IS new.session_type
     AND old.status IS new.status AND old.created_at IS new.created_at BEGIN
    INSERT INTO search_index_work (session_pk, part) VALUES (new.pk, 'session');
END
/
CREATE TRIGGER search_work_session_filters AFTER UPDATE OF workspace_hash, session_type, status, created_at ON sessions
    WHEN old.workspace_hash IS NOT new.workspace_hash OR old.session_type IS NOT new.session_type
      OR old.status IS NOT new.status OR old.created_at IS NOT new.created_at BEGIN
    INSERT INTO search_index_work (session_pk, part) VALUES (new.pk, 'graph');
END
/
CREATE TRIGGER search_work_session_delete AFTER DELETE ON sessions BEGIN
    INSERT INTO search_index_work (session_pk, part) VALUES (old.pk, 'session');
END
/
CREATE TRIGGER search_work_instance_insert AFTER INSERT ON instances BEGIN
    INSERT INTO search_index_work (session_pk, part, part_id) VALUES (new.session_pk, 'instance', new.instance_id);
END
/
CREATE TRIGGER search_work_instance_update AFTER UPDATE OF agent_name, output ON instances
    WHEN old.agent_name IS NOT new.agent_name OR old.output IS NOT new.output BEGIN
    INSERT INTO search_index_work (session_pk, part, part_id) VALUES (new.session_pk, 'instance', new.instance_id);
END
/
CREATE TRIGGER search_work_instance_delete AFTER DELETE ON instances BEGIN
    INSERT INTO search_index_work (session_pk, part, part_id) VALUES (old.session_pk, 'instance', old.instance_id);
END
/
CREATE TRIGGER search_work_message_insert AFTER INSERT ON chat_messages BEGIN
    INSERT INTO search_index_work (session_pk, part, part_id) VALUES (new.session_pk, 'message', new.id);
END
/
CREATE TRIGGER search_work_message_update AFTER UPDATE OF content ON chat_messages
    WHEN old.content IS NOT new.content BEGIN
    INSERT INTO search_index_work (session_pk, part, part_id) VALUES (new.session_pk, 'message', new.id);
END
/
CREATE TRIGGER search_work_message_delete AFTER DELETE ON chat_messages BEGIN
    INSERT INTO search_index_work (session_pk, part, part_id) VALUES (old.session_pk, 'message', old.id);
END
/
--rollback CREATE TABLE workspaces_copy (
--rollback     hash          TEXT NOT NULL PRIMARY KEY CHECK (length(hash) = 16 AND hash NOT GLOB '*[^0-9a-f]*'),
--rollback     path          TEXT UNIQUE, -- the real folder path; NULL when only the hash is known
--rollback     last_accessed TEXT NOT NULL CHECK (last_accessed GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-5][0-9].[0-9][0-9][0-9]Z')
--rollback )
--rollback /
--rollback INSERT INTO workspaces_copy (hash, path, last_accessed)
--rollback     SELECT hash,
--rollback            path,
--rollback            strftime('%Y-%m-%dT%H:%M:%fZ', last_accessed / 1000.0, 'unixepoch')
--rollback     FROM workspaces ORDER BY hash
--rollback /
--rollback CREATE TABLE sessions_copy (
--rollback     pk                      INTEGER PRIMARY KEY AUTOINCREMENT,
--rollback     workspace_hash          TEXT NOT NULL REFERENCES workspaces_copy (hash) ON DELETE CASCADE,
--rollback     id                      TEXT NOT NULL CHECK (length(trim(id)) > 0),
--rollback     version                 BIGINT NOT NULL DEFAULT 0,
--rollback     session_type            TEXT NOT NULL CHECK (session_type IN ('competition', 'ensemble', 'debate')),
--rollback     task                    TEXT NOT NULL,
--rollback     status                  TEXT NOT NULL CHECK (status IN ('running', 'completed', 'failed', 'paused')),
--rollback     created_at              TEXT NOT NULL CHECK (created_at GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-5][0-9].[0-9][0-9][0-9]Z'),
--rollback     updated_at              TEXT NOT NULL CHECK (updated_at GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-5][0-9].[0-9][0-9][0-9]Z'),
--rollback     completed_at            TEXT CHECK (completed_at GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-5][0-9].[0-9][0-9][0-9]Z'),
--rollback     model                   TEXT,
--rollback     timeout_seconds         BIGINT CHECK (timeout_seconds >= 0),
--rollback     preserve_worktrees      INTEGER CHECK (preserve_worktrees IN (0, 1)),
--rollback     winner_id               INTEGER CHECK (winner_id >= 0),
--rollback     runtime_mix             TEXT CHECK (json_valid(runtime_mix) AND json_type(runtime_mix) = 'array'),
--rollback     total_duration          BIGINT CHECK (total_duration >= 0),
--rollback     total_files_changed     INTEGER CHECK (total_files_changed >= 0),
--rollback     total_lines_added       INTEGER CHECK (total_lines_added >= 0),
--rollback     total_lines_deleted     INTEGER CHECK (total_lines_deleted >= 0),
--rollback     integration_phase       TEXT CHECK (integration_phase IN ('pending', 'in_progress', 'completed')),
--rollback     integration_instance_id INTEGER CHECK (integration_instance_id >= 0),
--rollback     extra                   TEXT CHECK (extra IS NULL OR (json_valid(extra) AND json_type(extra) = 'object')),
--rollback     UNIQUE (workspace_hash, id)
--rollback )
--rollback /
--rollback INSERT INTO sessions_copy (pk, workspace_hash, id, version, session_type, task, status, created_at, updated_at, completed_at, model, timeout_seconds, preserve_worktrees, winner_id, runtime_mix, total_duration, total_files_changed, total_lines_added, total_lines_deleted, integration_phase, integration_instance_id, extra)
--rollback     SELECT pk,
--rollback            workspace_hash,
--rollback            id,
--rollback            version,
--rollback            session_type,
--rollback            task,
--rollback            status,
--rollback            strftime('%Y-%m-%dT%H:%M:%fZ', created_at / 1000.0, 'unixepoch'),
--rollback            strftime('%Y-%m-%dT%H:%M:%fZ', updated_at / 1000.0, 'unixepoch'),
--rollback            strftime('%Y-%m-%dT%H:%M:%fZ', completed_at / 1000.0, 'unixepoch'),
--rollback            model,
--rollback            timeout_seconds,
--rollback            preserve_worktrees,
--rollback            winner_id,
--rollback            runtime_mix,
--rollback            total_duration,
--rollback            total_files_changed,
--rollback            total_lines_added,
--rollback            total_lines_deleted,
--rollback            integration_phase,
--rollback            integration_instance_id,
--rollback            extra
--rollback     FROM sessions ORDER BY pk
--rollback /
--rollback CREATE TABLE instances_copy (
--rollback     session_pk      INTEGER NOT NULL REFERENCES sessions_copy (pk) ON DELETE CASCADE,
--rollback     instance_id     INTEGER NOT NULL CHECK (instance_id >= 0),
--rollback     worktree_path   TEXT NOT NULL,
--rollback     branch          TEXT NOT NULL,
--rollback     agent_name      TEXT NOT NULL,
--rollback     tmux_session_id TEXT NOT NULL,
--rollback     status          TEXT NOT NULL CHECK (status IN ('idle', 'running', 'completed', 'failed', 'paused', 'archived')),
--rollback     output          TEXT, -- captured terminal output, can be hundreds of KB
--rollback     start_time      TEXT CHECK (start_time GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-5][0-9].[0-9][0-9][0-9]Z'),
--rollback     end_time        TEXT CHECK (end_time GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-5][0-9].[0-9][0-9][0-9]Z'),
--rollback     files_changed   INTEGER CHECK (files_changed >= 0),
--rollback     lines_added     INTEGER CHECK (lines_added >= 0),
--rollback     lines_deleted   INTEGER CHECK (lines_deleted >= 0),
--rollback     runtime         TEXT,
--rollback     model           TEXT,
--rollback     runtime_label   TEXT,
--rollback     extra           TEXT CHECK (extra IS NULL OR (json_valid(extra) AND json_type(extra) = 'object')),
--rollback     PRIMARY KEY (session_pk, instance_id)
--rollback )
--rollback /
--rollback INSERT INTO instances_copy (session_pk, instance_id, worktree_path, branch, agent_name, tmux_session_id, status, output, start_time, end_time, files_changed, lines_added, lines_deleted, runtime, model, runtime_label, extra)
--rollback     SELECT session_pk,
--rollback            instance_id,
--rollback            worktree_path,
--rollback            branch,
--rollback            agent_name,
--rollback            tmux_session_id,
--rollback            status,
--rollback            output,
--rollback            strftime('%Y-%m-%dT%H:%M:%fZ', start_time / 1000.0, 'unixepoch'),
--rollback            strftime('%Y-%m-%dT%H:%M:%fZ', end_time / 1000.0, 'unixepoch'),
--rollback            files_changed,
--rollback            lines_added,
--rollback            lines_deleted,
--rollback            runtime,
--rollback            model,
--rollback            runtime_label,
--rollback            extra
--rollback     FROM instances ORDER BY session_pk, instance_id
--rollback /
--rollback CREATE TABLE chat_messages_copy (
--rollback     session_pk  INTEGER NOT NULL REFERENCES sessions_copy (pk) ON DELETE CASCADE,
--rollback     id          TEXT NOT NULL CHECK (length(trim(id)) > 0),
--rollback     seq         INTEGER NOT NULL CHECK (seq >= 0),
--rollback     role        TEXT NOT NULL CHECK (role IN ('user', 'assistant', 'system')),
--rollback     content     TEXT NOT NULL,
--rollback     timestamp   TEXT NOT NULL CHECK (timestamp GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-5][0-9].[0-9][0-9][0-9]Z'),
--rollback     instance_id INTEGER CHECK (instance_id >= 0),
--rollback     extra       TEXT CHECK (extra IS NULL OR (json_valid(extra) AND json_type(extra) = 'object')),
--rollback     PRIMARY KEY (session_pk, id)
--rollback ) WITHOUT ROWID
--rollback /
--rollback INSERT INTO chat_messages_copy (session_pk, id, seq, role, content, timestamp, instance_id, extra)
--rollback     SELECT session_pk,
--rollback            id,
--rollback            seq,
--rollback            role,
--rollback            content,
--rollback            strftime('%Y-%m-%dT%H:%M:%fZ', timestamp / 1000.0, 'unixepoch'),
--rollback            instance_id,
--rollback            extra
--rollback     FROM chat_messages ORDER BY session_pk, id
--rollback /
--rollback DELETE FROM sqlite_sequence WHERE name = 'sessions_copy'
--rollback /
--rollback INSERT INTO sqlite_sequence (name, seq) SELECT 'sessions_copy', seq FROM sqlite_sequence WHERE name = 'sessions'
--rollback /
--rollback DROP TABLE chat_messages
--rollback /
--rollback DROP TABLE instances
--rollback /
--rollback DROP TABLE sessions
--rollback /
--rollback DROP TABLE workspaces
--rollback /
--rollback ALTER TABLE workspaces_copy RENAME TO workspaces
--rollback /
--rollback ALTER TABLE sessions_copy RENAME TO sessions
--rollback /
--rollback ALTER TABLE instances_copy RENAME TO instances
--rollback /
--rollback ALTER TABLE chat_messages_copy RENAME TO chat_messages
--rollback /
--rollback CREATE INDEX idx_sessions_status ON sessions (status)
--rollback /
--rollback CREATE INDEX idx_sessions_type ON sessions (session_type)
--rollback /
--rollback CREATE INDEX idx_sessions_created ON sessions (created_at DESC)
--rollback /
--rollback CREATE INDEX idx_sessions_updated ON sessions (updated_at DESC)
--rollback /
--rollback CREATE INDEX idx_sessions_ws_updated ON sessions (workspace_hash, updated_at, pk)
--rollback /
--rollback CREATE INDEX idx_sessions_ws_created ON sessions (workspace_hash, created_at, pk)
--rollback /
--rollback CREATE INDEX idx_sessions_ws_status ON sessions (workspace_hash, status, updated_at)
--rollback /
--rollback CREATE INDEX idx_sessions_ws_status_type ON sessions (workspace_hash, status, session_type, updated_at)
--rollback /
--rollback CREATE INDEX idx_instances_status ON instances (status)
--rollback /
--rollback CREATE TRIGGER search_work_session_insert AFTER INSERT ON sessions BEGIN
--rollback     INSERT INTO search_index_work (session_pk, part) VALUES (new.pk, 'session');
--rollback END
--rollback /
--rollback CREATE TRIGGER search_work_session_task AFTER UPDATE OF task ON sessions
--rollback     WHEN old.task IS NOT new.task
--rollback      AND old.workspace_hash IS new.workspace_hash AND old.session_type IS new.session_type
--rollback      AND old.status IS new.status AND old.created_at IS new.created_at BEGIN
--rollback     INSERT INTO search_index_work (session_pk, part) VALUES (new.pk, 'session');
--rollback END
--rollback /
--rollback CREATE TRIGGER search_work_session_filters AFTER UPDATE OF workspace_hash, session_type, status, created_at ON sessions
--rollback     WHEN old.workspace_hash IS NOT new.workspace_hash OR old.session_type IS NOT new.session_type
--rollback       OR old.status IS NOT new.status OR old.created_at IS NOT new.created_at BEGIN
--rollback     INSERT INTO search_index_work (session_pk, part) VALUES (new.pk, 'graph');
--rollback END
--rollback /
--rollback CREATE TRIGGER search_work_session_delete AFTER DELETE ON sessions BEGIN
--rollback     INSERT INTO search_index_work (session_pk, part) VALUES (old.pk, 'session');
--rollback END
--rollback /
--rollback CREATE TRIGGER search_work_instance_insert AFTER INSERT ON instances BEGIN
--rollback     INSERT INTO search_index_work (session_pk, part, part_id) VALUES (new.session_pk, 'instance', new.instance_id);
--rollback END
--rollback /
--rollback CREATE TRIGGER search_work_instance_update AFTER UPDATE OF agent_name, output ON instances
--rollback     WHEN old.agent_name IS NOT new.agent_name OR old.output IS NOT new.output BEGIN
--rollback     INSERT INTO search_index_work (session_pk, part, part_id) VALUES (new.session_pk, 'instance', new.instance_id);
--rollback END
--rollback /
--rollback CREATE TRIGGER search_work_instance_delete AFTER DELETE ON instances BEGIN
--rollback     INSERT INTO search_index_work (session_pk, part, part_id) VALUES (old.session_pk, 'instance', old.instance_id);
--rollback END
--rollback /
--rollback CREATE TRIGGER search_work_message_insert AFTER INSERT ON chat_messages BEGIN
--rollback     INSERT INTO search_index_work (session_pk, part, part_id) VALUES (new.session_pk, 'message', new.id);
--rollback END
--rollback /
--rollback CREATE TRIGGER search_work_message_update AFTER UPDATE OF content ON chat_messages
--rollback     WHEN old.content IS NOT new.content BEGIN
--rollback     INSERT INTO search_index_work (session_pk, part, part_id) VALUES (new.session_pk, 'message', new.id);
--rollback END
--rollback /
--rollback CREATE TRIGGER search_work_message_delete AFTER DELETE ON chat_messages BEGIN
--rollback     INSERT INTO search_index_work (session_pk, part, part_id) VALUES (old.session_pk, 'message', old.id);
--rollback END
--rollback /
