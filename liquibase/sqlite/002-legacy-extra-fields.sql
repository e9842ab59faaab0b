--liquibase formatted sql logicalFilePath:db/changelog/sqlite/002-legacy-extra-fields.sql

-- Fields of the legacy JSON files that this schema has no column for (evaluation, testsPassed,
-- codeComplexity, executionTime, ...): kept per session, instance and message as one JSON
-- object, so an import loses nothing and an export writes them back. NULL when there are none.
-- ADD COLUMN keeps the table (no copy-table procedure needed); SQLite checks the constraint
-- against the rows already there. DROP COLUMN (SQLite 3.35+) undoes it.

--changeset ait42:002-sessions-extra dbms:sqlite
ALTER TABLE sessions ADD COLUMN extra TEXT CHECK (extra IS NULL OR (json_valid(extra) AND json_type(extra) = 'object'));
--rollback ALTER TABLE sessions DROP COLUMN extra;

--changeset ait42:002-instances-extra dbms:sqlite
ALTER TABLE instances ADD COLUMN extra TEXT CHECK (extra IS NULL OR (json_valid(extra) AND json_type(extra) = 'object'));
--rollback ALTER TABLE instances DROP COLUMN extra;

--changeset ait42:002-chat-messages-extra dbms:sqlite
ALTER TABLE chat_messages ADD COLUMN extra TEXT CHECK (extra IS NULL OR (json_valid(extra) AND json_type(extra) = 'object'));
--rollback ALTER TABLE chat_messages DROP COLUMN extra;
