--liquibase formatted sql logicalFilePath:dev/ait42/session/db/postgresql/002-legacy-extra-fields.sql

-- The legacy files' fields without a column (sqlite/002), as one jsonb object per row, or NULL.

--changeset ait42:pg-002-sessions-extra dbms:postgresql
ALTER TABLE sessions ADD COLUMN extra jsonb CHECK (extra IS NULL OR jsonb_typeof(extra) = 'object');
--rollback ALTER TABLE sessions DROP COLUMN extra;

--changeset ait42:pg-002-instances-extra dbms:postgresql
ALTER TABLE instances ADD COLUMN extra jsonb CHECK (extra IS NULL OR jsonb_typeof(extra) = 'object');
--rollback ALTER TABLE instances DROP COLUMN extra;

--changeset ait42:pg-002-chat-messages-extra dbms:postgresql
ALTER TABLE chat_messages ADD COLUMN extra jsonb CHECK (extra IS NULL OR jsonb_typeof(extra) = 'object');
--rollback ALTER TABLE chat_messages DROP COLUMN extra;
