package dev.ait42.session.maintenance;

import dev.ait42.session.Fixtures;
import dev.ait42.session.SessionStore;
import dev.ait42.session.StoreTestSupport;
import dev.ait42.session.ValidationException;
import dev.ait42.session.model.Session;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MaintenanceTest extends StoreTestSupport {

    @Test
    void integrityCheckOfAHealthyDatabaseReportsNoProblems() {
        repo.create(ws, Fixtures.sessionWithGraph("healthy", 3, 10));

        IntegrityReport report = services().maintenance().checkIntegrity();

        assertTrue(report.ok(), report.problems().toString());
    }

    @Test
    void onlineBackupOpensAsAValidStoreWithTheSameSessions() throws Exception {
        assumeSqlite("an online copy of the SQLite file (PostgreSQL: pg_dump)");
        Session saved = repo.create(ws, Fixtures.sessionWithGraph("back me up", 2, 5));
        Path backup = dir.resolve("backup.db");

        services().maintenance().backup(backup);
        repo.changeStatus(ws, saved.getId(), dev.ait42.session.model.SessionStatus.FAILED); // store still usable

        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(backup)));
        try (SessionStore copy = SessionStore.open(backup)) {
            Session restored = copy.sessions().get(ws, saved.getId());
            assertEquals("back me up", restored.getTask());
            assertEquals(dev.ait42.session.model.SessionStatus.RUNNING, restored.getStatus());
            assertEquals(2, restored.getInstances().size());
            assertEquals(5, restored.getMessages().size());
            assertTrue(copy.maintenance().checkIntegrity().ok());
        }
    }

    @Test
    void backupNeverOverwritesAnExistingFile() throws Exception {
        Path existing = dir.resolve("precious.db");
        Files.writeString(existing, "keep");

        ValidationException e = assertThrows(ValidationException.class, () -> services().maintenance().backup(existing));

        assertEquals("target", e.field());
        assertEquals("keep", Files.readString(existing));
    }

    @Test
    void backupIntoAMissingFolderIsRefusedWithoutCreatingIt() {
        Path target = dir.resolve("no-such-folder/backup.db");

        assertThrows(ValidationException.class, () -> services().maintenance().backup(target));

        assertTrue(Files.notExists(target.getParent()));
    }

    @Test
    void optimizeRunsOnALiveStore() {
        repo.create(ws, Fixtures.sessionWithGraph("optimize me", 1, 1));

        services().maintenance().optimize();

        assertEquals(1, repo.listAll(ws).size());
    }
}
