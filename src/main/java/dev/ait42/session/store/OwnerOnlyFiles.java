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
        boolean posix = absolute.getFileSystem().supportedFileAttributeViews().contains("posix");
        try {
            if (absolute.getParent() != null && !Files.isDirectory(absolute.getParent())) {
                Files.createDirectories(absolute.getParent(), posix ? attribute("rwx------") : new FileAttribute<?>[0]);
            }
            Files.createFile(absolute, posix ? attribute("rw-------") : new FileAttribute<?>[0]);
            return true;
        } catch (FileAlreadyExistsException exists) {
            return false;
        } catch (IOException e) {
            throw new StorageException("cannot create " + absolute + ": " + e.getMessage(), e);
        }
    }

    private static FileAttribute<?>[] attribute(String permissions) {
        return new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(permissions))};
    }
}
