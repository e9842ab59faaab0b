--liquibase formatted sql logicalFilePath:dev/ait42/session/db/postgresql/003-sessions-type-status-index.sql

-- The listing filtered by type and status (sqlite/003).

--changeset ait42:pg-003-sessions-ws-status-type dbms:postgresql
CREATE INDEX idx_sessions_ws_status_type ON sessions (workspace_hash, status, session_type, updated_at);
--rollback DROP INDEX idx_sessions_ws_status_type;
