--liquibase formatted sql logicalFilePath:db/changelog/sqlite/006-chat-messages-without-rowid.sql

-- chat_messages becomes a WITHOUT ROWID table stored in its primary key's order
-- (session_pk, id): the rows are the key's B-tree, so the separate index SQLite kept for the key
-- (a copy of every key with its rowid) and the rowids themselves go. A session's messages lie
-- together in that tree, which is also what idx_messages_session_seq served: the history of a
-- few sessions (`where session_pk in (...) order by session_pk, seq`) is read by the key's prefix
-- and its hundred-odd rows per session sorted by seq, and an append's `max(seq)` reads its session's
-- rows the same way. So that index goes too: together about a tenth of the file.
-- SQLite cannot change a table's storage in place: the copy-table procedure, in one changeset
-- (one transaction), the table's three index-work triggers (004) made again as they were. Statements
-- end at a line holding only "/": the triggers' bodies hold semicolons.

--changeset ait42:006-chat-messages-without-rowid dbms:sqlite endDelimiter:/
CREATE TABLE chat_messages_copy (
    session_pk  INTEGER NOT NULL REFERENCES sessions (pk) ON DELETE CASCADE,
    id          TEXT NOT NULL CHECK (length(trim(id)) > 0),
    seq         INTEGER NOT NULL CHECK (seq >= 0),
    role        TEXT NOT NULL CHECK (role IN ('user', 'assistant', 'system')),
    content     TEXT NOT NULL,
    timestamp   TEXT NOT NULL CHECK (timestamp GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-5][0-9].[0-9][0-9][0-9]Z'),
    instance_id INTEGER CHECK (instance_id >= 0),
    extra       TEXT CHECK (extra IS NULL OR (json_valid(extra) AND json_type(extra) = 'object')),
    PRIMARY KEY (session_pk, id)
) WITHOUT ROWID
/
INSERT INTO chat_messages_copy (session_pk, id, seq, role, content, timestamp, instance_id, extra)
    SELECT session_pk, id, seq, role, content, timestamp, instance_id, extra FROM chat_messages
    ORDER BY session_pk, id
/
DROP TABLE chat_messages
/
ALTER TABLE chat_messages_copy RENAME TO chat_messages
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
--rollback CREATE TABLE chat_messages_copy (
--rollback     session_pk  INTEGER NOT NULL REFERENCES sessions (pk) ON DELETE CASCADE,
--rollback     id          TEXT NOT NULL CHECK (length(trim(id)) > 0),
--rollback     seq         INTEGER NOT NULL CHECK (seq >= 0),
--rollback     role        TEXT NOT NULL CHECK (role IN ('user', 'assistant', 'system')),
--rollback     content     TEXT NOT NULL,
--rollback     timestamp   TEXT NOT NULL CHECK (timestamp GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-5][0-9].[0-9][0-9][0-9]Z'),
--rollback     instance_id INTEGER CHECK (instance_id >= 0),
--rollback     extra       TEXT CHECK (extra IS NULL OR (json_valid(extra) AND json_type(extra) = 'object')),
--rollback     PRIMARY KEY (session_pk, id)
--rollback )
--rollback /
--rollback INSERT INTO chat_messages_copy (session_pk, id, seq, role, content, timestamp, instance_id, extra)
--rollback     SELECT session_pk, id, seq, role, content, timestamp, instance_id, extra FROM chat_messages
--rollback     ORDER BY session_pk, seq
--rollback /
--rollback DROP TABLE chat_messages
--rollback /
--rollback ALTER TABLE chat_messages_copy RENAME TO chat_messages
--rollback /
--rollback CREATE INDEX idx_messages_session_seq ON chat_messages (session_pk, seq)
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
