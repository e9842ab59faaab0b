package dev.ait42.session.legacy;

import dev.ait42.session.UnitOfWork;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.ait42.session.StorageException;
import dev.ait42.session.ValidationException;
import dev.ait42.session.model.Session;
import dev.ait42.session.model.Workspace;
import dev.ait42.session.repository.FetchPlan;
import dev.ait42.session.repository.SessionLookup;
import dev.ait42.session.store.OwnerOnlyFiles;
import jakarta.persistence.EntityManager;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

/**
 * One run of {@link LegacyHistory#exportTo}: every workspace's sessions, in one read transaction
 * (a consistent snapshot), {@value #CHUNK} sessions at a time, streamed into
 * {@code sessions/<hash>.json}; then {@code workspace_mapping.json}. Each file is written to a
 * temporary file beside it, owner-only, forced to disk, then moved over the target in one step.
 */
final class LegacyExport {

    static final int CHUNK = 100;

    /** Writes a file's content. */
    @FunctionalInterface
    interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    private final UnitOfWork tx;

    LegacyExport(UnitOfWork tx) {
        this.tx = tx;
    }

    ExportReport run(Path directory) {
        Path sessionsFolder = directory.resolve(LegacyJson.SESSIONS);
        refuseLink(directory, "the export folder", false);
        refuseLink(sessionsFolder, "its sessions/ folder", true);
        Path mapping = directory.resolve(LegacyJson.MAPPING_FILE);
        refuseLink(mapping, "the target", true);
        return tx.read("export the legacy history to " + directory, em -> {
            List<Path> files = new ArrayList<>();
            List<Workspace> known = new ArrayList<>();
            int sessions = 0;
            List<String> hashes = StoredSessions.workspaceHashes(em);
            for (String hash : hashes) {
                refuseLink(sessionsFolder.resolve(hash + ".json"), "the target", true); // before any file is written
            }
            OwnerOnlyFiles.createDirectories(sessionsFolder);
            for (String hash : hashes) {
                Workspace workspace = em.find(Workspace.class, hash);
                if (workspace.isPathKnown()) {
                    known.add(workspace);
                }
                List<Long> keys = StoredSessions.keysOf(em, hash);
                Path file = sessionsFolder.resolve(hash + ".json");
                writeAtomically(file, out -> writeSessions(em, keys, out));
                files.add(file);
                sessions += keys.size();
            }
            writeAtomically(mapping, out -> {
                try (JsonGenerator g = LegacyJson.generator(out)) {
                    g.writeStartObject();
                    for (Workspace w : known) {
                        g.writeStringField(w.getHash(), w.getPath());
                    }
                    g.writeEndObject();
                }
            });
            files.add(mapping);
            return new ExportReport(hashes.size(), sessions, files);
        });
    }

    /**
     * Refuses a symbolic link where the export writes: to nothing (a file or folder would be
     * created wherever it points) or, with {@code anyLink}, to anything (the sessions/ folder and
     * the files are the export's own, replaced whole; a link there would be replaced or written
     * through without the user knowing which). The export folder itself may link to a folder.
     */
    private static void refuseLink(Path path, String what, boolean anyLink) {
        if (!Files.isSymbolicLink(path)) {
            return;
        }
        boolean dangling = !Files.exists(path);
        if (dangling || anyLink) {
            throw new ValidationException("directory", what + " " + path + " is a symbolic link (to "
                    + OwnerOnlyFiles.linkTarget(path) + (dangling ? ", which does not exist" : "")
                    + "); export never writes through a link");
        }
    }

    private static void writeSessions(EntityManager em, List<Long> keys, OutputStream out) throws IOException {
        try (JsonGenerator g = LegacyJson.generator(out)) {
            g.writeStartArray();
            for (int from = 0; from < keys.size(); from += CHUNK) {
                List<Long> chunk = keys.subList(from, Math.min(keys.size(), from + CHUNK));
                for (Session s : SessionLookup.byKeys(em, chunk, FetchPlan.FULL)) {
                    g.writeTree(LegacyJson.toJson(s));
                }
                em.clear(); // bounded memory: forget the chunk before loading the next
            }
            g.writeEndArray();
            g.writeRaw('\n');
        }
    }

    /** Writes {@code target} through a temporary file and an atomic move; owner-only. */
    static void writeAtomically(Path target, Content content) {
        Path folder = target.toAbsolutePath().getParent();
        Path temp = null;
        try {
            temp = Files.createTempFile(folder, "." + target.getFileName() + ".", ".tmp", ownerOnly(folder));
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                OutputStream out = new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16) {
                    @Override
                    public void close() throws IOException {
                        flush(); // the channel stays open until it is forced to disk
                    }
                };
                content.writeTo(out);
                out.flush();
                channel.force(true);
            }
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            temp = null;
        } catch (IOException e) {
            throw new StorageException("cannot write " + target + ": " + OwnerOnlyFiles.reason(e), e);
        } finally {
            if (temp != null) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException ignored) {
                    // the temporary file is hidden; nothing more to do
                }
            }
        }
    }

    private static FileAttribute<?>[] ownerOnly(Path folder) {
        return folder.getFileSystem().supportedFileAttributeViews().contains("posix")
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))}
                : new FileAttribute<?>[0];
    }
}
