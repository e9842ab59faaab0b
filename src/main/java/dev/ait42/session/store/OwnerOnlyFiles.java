package dev.ait42.session.store;

import dev.ait42.session.StorageException;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;

/** Creates files and folders readable by their owner only: chat history may hold secrets. */
public final class OwnerOnlyFiles {

    private OwnerOnlyFiles() {
    }

    /**
     * Creates an empty file (and missing parent folders), owner-only where the file system
     * knows POSIX permissions.
     *
     * @return false if the file already existed (it is left as it is)
     */
    public static boolean createFile(Path file) {
        Path absolute = file.toAbsolutePath();
        try {
            if (absolute.getParent() != null) {
                createDirectories(absolute.getParent());
            }
            Files.createFile(absolute, attribute(absolute, "rw-------"));
            return true;
        } catch (FileAlreadyExistsException exists) {
            return false;
        } catch (IOException e) {
            throw new StorageException("cannot create " + absolute + ": " + e.getMessage(), e);
        }
    }

    /** Creates a folder and its missing parents, owner-only; an existing folder is left as it is. */
    public static void createDirectories(Path folder) {
        Path absolute = folder.toAbsolutePath();
        if (Files.isDirectory(absolute)) {
            return;
        }
        try {
            Files.createDirectories(absolute, attribute(absolute, "rwx------"));
        } catch (IOException e) {
            throw new StorageException("cannot create " + absolute + ": " + e.getMessage(), e);
        }
    }

    private static FileAttribute<?>[] attribute(Path path, String permissions) {
        boolean posix = path.getFileSystem().supportedFileAttributeViews().contains("posix");
        return posix
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(permissions))}
                : new FileAttribute<?>[0];
    }
}
