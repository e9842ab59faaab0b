--liquibase formatted sql logicalFilePath:db/changelog/sqlite/004-search-index-work.sql

-- The search index's work, recorded by triggers in the transaction that changes the data, so no
-- committed change can miss the index: whichever process holds the index writer applies the rows
-- and deletes them once the index has committed them (applying a row twice is harmless). Triggers
-- rather than code, so every writer is covered: the library, the bulk importer, another tool.
-- part: 'session' (its document), 'graph' (the session and every part: a filter value that each
-- part's document carries changed), 'instance' / 'message' (part_id names it). Cascaded deletes
-- fire the parts' triggers too, so a deleted session leaves the key of every document to purge.
-- IF NOT EXISTS: Liquibase records a SQLite changeset after its DDL, not with it; a process killed
-- in between leaves the table or trigger, and the next migration must not fail on it.

--changeset ait42:004-search-index-work dbms:sqlite
CREATE TABLE IF NOT EXISTS search_index_work (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    session_pk INTEGER NOT NULL,
    part       TEXT NOT NULL CHECK (part IN ('session', 'graph', 'instance', 'message')),
    part_id    TEXT
);
--rollback DROP TABLE search_index_work;

--changeset ait42:004-session-insert dbms:sqlite splitStatements:false
CREATE TRIGGER IF NOT EXISTS search_work_session_insert AFTER INSERT ON sessions BEGIN
    INSERT INTO search_index_work (session_pk, part) VALUES (new.pk, 'session');
END;
--rollback DROP TRIGGER search_work_session_insert;

--changeset ait42:004-session-task dbms:sqlite splitStatements:false
CREATE TRIGGER IF NOT EXISTS search_work_session_task AFTER UPDATE OF task ON sessions
    WHEN old.task IS NOT new.task
     AND old.workspace_hash IS new.workspace_hash AND old.session_type IS new.session_type
     AND old.status IS new.status AND old.created_at IS new.created_at BEGIN
    INSERT INTO search_index_work (session_pk, part) VALUES (new.pk, 'session');
END;
--rollback DROP TRIGGER search_work_session_task;

--changeset ait42:004-session-filters dbms:sqlite splitStatements:false
CREATE TRIGGER IF NOT EXISTS search_work_session_filters AFTER UPDATE OF workspace_hash, session_type, status, created_at ON sessions
    WHEN old.workspace_hash IS NOT new.workspace_hash OR old.session_type IS NOT new.session_type
      OR old.status IS NOT new.status OR old.created_at IS NOT new.created_at BEGIN
    INSERT INTO search_index_work (session_pk, part) VALUES (new.pk, 'graph');
END;
--rollback DROP TRIGGER search_work_session_filters;

--changeset ait42:004-session-delete dbms:sqlite splitStatements:false
CREATE TRIGGER IF NOT EXISTS search_work_session_delete AFTER DELETE ON sessions BEGIN
    INSERT INTO search_index_work (session_pk, part) VALUES (old.pk, 'session');
END;
--rollback DROP TRIGGER search_work_session_delete;

--changeset ait42:004-instance-insert dbms:sqlite splitStatements:false
CREATE TRIGGER IF NOT EXISTS search_work_instance_insert AFTER INSERT ON instances BEGIN
    INSERT INTO search_index_work (session_pk, part, part_id) VALUES (new.session_pk, 'instance', new.instance_id);
END;
--rollback DROP TRIGGER search_work_instance_insert;

--changeset ait42:004-instance-update dbms:sqlite splitStatements:false
CREATE TRIGGER IF NOT EXISTS search_work_instance_update AFTER UPDATE OF agent_name, output ON instances
    WHEN old.agent_name IS NOT new.agent_name OR old.output IS NOT new.output BEGIN
    INSERT INTO search_index_work (session_pk, part, part_id) VALUES (new.session_pk, 'instance', new.instance_id);
END;
--rollback DROP TRIGGER search_work_instance_update;

--changeset ait42:004-instance-delete dbms:sqlite splitStatements:false
CREATE TRIGGER IF NOT EXISTS search_work_instance_delete AFTER DELETE ON instances BEGIN
    INSERT INTO search_index_work (session_pk, part, part_id) VALUES (old.session_pk, 'instance', old.instance_id);
END;
--rollback DROP TRIGGER search_work_instance_delete;

--changeset ait42:004-message-insert dbms:sqlite splitStatements:false
CREATE TRIGGER IF NOT EXISTS search_work_message_insert AFTER INSERT ON chat_messages BEGIN
    INSERT INTO search_index_work (session_pk, part, part_id) VALUES (new.session_pk, 'message', new.id);
END;
--rollback DROP TRIGGER search_work_message_insert;

--changeset ait42:004-message-update dbms:sqlite splitStatements:false
CREATE TRIGGER IF NOT EXISTS search_work_message_update AFTER UPDATE OF content ON chat_messages
    WHEN old.content IS NOT new.content BEGIN
    INSERT INTO search_index_work (session_pk, part, part_id) VALUES (new.session_pk, 'message', new.id);
END;
--rollback DROP TRIGGER search_work_message_update;

--changeset ait42:004-message-delete dbms:sqlite splitStatements:false
CREATE TRIGGER IF NOT EXISTS search_work_message_delete AFTER DELETE ON chat_messages BEGIN
    INSERT INTO search_index_work (session_pk, part, part_id) VALUES (old.session_pk, 'message', old.id);
END;
--rollback DROP TRIGGER search_work_message_delete;
