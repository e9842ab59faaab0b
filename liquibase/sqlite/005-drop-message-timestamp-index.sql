--liquibase formatted sql logicalFilePath:db/changelog/sqlite/005-drop-message-timestamp-index.sql

-- chat_messages keeps only the indexes a query of the store uses:
-- - its primary key (session_pk, id): a message id is unique within its session (append and
--   create are refused with a conflict otherwise);
-- - idx_messages_session_seq (session_pk, seq): a session's history in order (the graph fetch of
--   get, listings and update: `where session_pk in (...) order by session_pk, seq`) and the
--   position of an appended message.
-- idx_messages_timestamp (timestamp DESC) served no query: full-text search goes through the
-- search index, and no listing orders messages across sessions by time. It cost a fifth of the
-- table's size and a B-tree insert per appended message.

--changeset ait42:005-drop-idx-messages-timestamp dbms:sqlite
DROP INDEX IF EXISTS idx_messages_timestamp;
--rollback CREATE INDEX idx_messages_timestamp ON chat_messages (timestamp DESC);
