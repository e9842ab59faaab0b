--liquibase formatted sql logicalFilePath:dev/ait42/session/db/postgresql/006-drop-message-seq-index.sql

-- In step with sqlite/006 where it applies: PostgreSQL has no WITHOUT ROWID (a table is a heap,
-- its primary key always a separate index), but a session's history is found by the primary key's
-- prefix (session_pk, id) here too, its rows sorted by seq, so idx_messages_session_seq goes.

--changeset ait42:pg-006-chat-messages-without-rowid dbms:postgresql
DROP INDEX IF EXISTS idx_messages_session_seq;
--rollback CREATE INDEX idx_messages_session_seq ON chat_messages (session_pk, seq);
