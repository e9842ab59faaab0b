--liquibase formatted sql logicalFilePath:dev/ait42/session/db/postgresql/005-drop-message-timestamp-index.sql

-- chat_messages keeps only the indexes a query uses (sqlite/005): its primary key (ids unique per
-- session) and (session_pk, seq) for a session's history in order; no query orders or filters
-- messages by timestamp.

--changeset ait42:pg-005-drop-idx-messages-timestamp dbms:postgresql
DROP INDEX IF EXISTS idx_messages_timestamp;
--rollback CREATE INDEX idx_messages_timestamp ON chat_messages (timestamp DESC);
