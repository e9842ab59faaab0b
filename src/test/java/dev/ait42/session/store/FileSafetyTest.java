package dev.ait42.session.store;

import dev.ait42.session.SessionStore;
import dev.ait42.session.StorageException;
import dev.ait42.session.ValidationException;
import dev.ait42.session.legacy.LegacyHistory;
import dev.ait42.session.model.Session;
import dev.ait42.session.model.SessionType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Files the store writes are never created through a dangling symbolic link (the file would
 * appear wherever the link points), and what it keeps on disk is readable by its owner only.
 */
class FileSafetyTest {

    @TempDir
    Path dir;

    @Test
    void databaseThatIsADanglingLinkIsRefusedAndNothingIsCreatedWhereItPoints() throws Exception {
        Path elsewhere = Files.createDirectory(dir.resolve("elsewhere")).resolve("created-there.db");
        Path link = Files.createSymbolicLink(dir.resolve("sessions.db"), elsewhere);

        StorageException e = assertThrows(StorageException.class, () -> SessionStore.open(link));

        assertEquals("cannot use " + link + " as the database: it is a symbolic link to " + elsewhere
                + ", which does not exist; a file is never created through a dangling link", e.getMessage());
        assertFalse(Files.exists(elsewhere));
        assertFalse(Files.exists(dir.resolve("sessions.db.index")), "nothing else was created either");
    }

    @Test
    void databasePathThatIsAFolderIsRefusedSayingSo() throws Exception {
        Path folder = Files.createDirectory(dir.resolve("sessions.db"));

        StorageException e = assertThrows(StorageException.class, () -> SessionStore.open(folder));

        assertEquals("cannot use " + folder + " as the database: it is a directory", e.getMessage());
        assertEquals(List.of(), list(folder));
    }

    @Test
    void backupToADanglingLinkIsRefusedAndCreatesNothing() throws Exception {
        Path nowhere = dir.resolve("nowhere.db");
        Path link = Files.createSymbolicLink(dir.resolve("backup.db"), nowhere);
        try (SessionStore store = SessionStore.open(dir.resolve("sessions.db"))) {
            ValidationException e = assertThrows(ValidationException.class, () -> store.maintenance().backup(link));

            assertTrue(e.getMessage().contains(link + " is a symbolic link (to " + nowhere
                    + "); backup never writes through a link"), e.getMessage());
        }
        assertFalse(Files.exists(nowhere));
    }

    @Test
    void exportRefusesADanglingTargetFileBeforeWritingAnything() throws Exception {
        Path out = dir.resolve("out");
        Path gone = out.resolve("gone.json");
        try (SessionStore store = SessionStore.open(dir.resolve("sessions.db"))) {
            String ws = withOneSession(store);
            Path target = Files.createDirectories(out.resolve("sessions")).resolve(ws + ".json");
            Files.createSymbolicLink(target, gone);

            ValidationException e = assertThrows(ValidationException.class, () -> new LegacyHistory(store).exportTo(out));

            assertTrue(e.getMessage().contains("the target " + target + " is a symbolic link (to " + gone
                    + ", which does not exist); export never writes through a link"), e.getMessage());
        }
        assertFalse(Files.exists(gone));
        assertFalse(Files.exists(out.resolve("workspace_mapping.json")), "no file of the export was written");
    }

    @Test
    void exportRefusesASessionsFolderThatIsALink() throws Exception {
        Path out = Files.createDirectory(dir.resolve("out"));
        Path real = Files.createDirectory(dir.resolve("real-folder"));
        Files.createSymbolicLink(out.resolve("sessions"), real);
        try (SessionStore store = SessionStore.open(dir.resolve("sessions.db"))) {
            withOneSession(store);

            ValidationException e = assertThrows(ValidationException.class, () -> new LegacyHistory(store).exportTo(out));

            assertTrue(e.getMessage().contains("its sessions/ folder " + out.resolve("sessions")
                    + " is a symbolic link (to " + real + ")"), e.getMessage());
        }
        assertEquals(List.of(), list(real));
        assertEquals(List.of(out.resolve("sessions")), list(out));
    }

    @Test
    void indexFolderOpenToOthersBecomesOwnerOnlyWithEverythingLuceneWroteInIt() throws Exception {
        Path database = dir.resolve("sessions.db");
        Path index = Files.createDirectory(dir.resolve("sessions.db.index"));
        Files.setPosixFilePermissions(index, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path leftOver = Files.writeString(index.resolve("notes.txt"), "from an older build");
        Files.setPosixFilePermissions(leftOver, PosixFilePermissions.fromString("rw-r--r--"));

        try (SessionStore store = SessionStore.open(database)) {
            withOneSession(store); // Lucene writes segment files, with the process's default permissions
        }

        Set<PosixFilePermission> others = Set.of(PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_EXECUTE,
                PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.GROUP_WRITE,
                PosixFilePermission.OTHERS_WRITE);
        List<Path> all;
        try (Stream<Path> walk = Files.walk(index)) {
            all = walk.toList();
        }
        assertTrue(all.stream().anyMatch(p -> p.getFileName().toString().startsWith("segments_")), all.toString());
        for (Path p : all) {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS);
            assertTrue(permissions.stream().noneMatch(others::contains),
                    p + " is " + PosixFilePermissions.toString(permissions));
        }
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(index)));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(database)));
    }

    private static String withOneSession(SessionStore store) {
        String ws = store.sessions().registerWorkspace(Path.of("/home/dev/project")).getHash();
        store.sessions().create(ws, new Session("s-1", SessionType.COMPETITION, "Keep it private"));
        return ws;
    }

    private static List<Path> list(Path folder) throws Exception {
        try (Stream<Path> files = Files.list(folder)) {
            return files.sorted().toList();
        }
    }
}
