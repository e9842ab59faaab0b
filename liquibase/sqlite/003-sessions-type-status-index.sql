--liquibase formatted sql logicalFilePath:db/changelog/sqlite/003-sessions-type-status-index.sql

-- The listing filtered by type and status (the board's "failed debates"): with only
-- (workspace_hash, status, updated_at), counting a page's total read every session of that status
-- from the table to check its type (about 1 ms per 10,000 sessions, measured by `bench`); with the
-- type in the index the count is answered from the index alone and the page reads only its rows.

--changeset ait42:003-sessions-ws-status-type dbms:sqlite
CREATE INDEX idx_sessions_ws_status_type ON sessions (workspace_hash, status, session_type, updated_at);
--rollback DROP INDEX idx_sessions_ws_status_type;
