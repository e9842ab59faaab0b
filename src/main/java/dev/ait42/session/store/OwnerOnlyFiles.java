package dev.ait42.session.store;

import dev.ait42.session.StorageException;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.stream.Stream;

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
            refuseDanglingLink(absolute, "cannot create " + absolute);
            return false;
        } catch (IOException e) {
            throw new StorageException("cannot create " + absolute + ": " + reason(e), e);
        }
    }

    /**
     * Refuses a path that is a symbolic link to nothing: opening it would create the file the link
     * names, wherever that is, instead of the one asked for.
     *
     * @param what the start of the error message ("cannot use X as the database")
     * @throws StorageException if {@code path} is a dangling symbolic link
     */
    public static void refuseDanglingLink(Path path, String what) {
        if (Files.isSymbolicLink(path) && !Files.exists(path)) {
            throw new StorageException(what + ": it is a symbolic link to " + linkTarget(path)
                    + ", which does not exist; a file is never created through a dangling link");
        }
    }

    /**
     * Where a symbolic link points, as written in it (or {@code ?} if it cannot be read).
     */
    public static String linkTarget(Path link) {
        try {
            return Files.readSymbolicLink(link).toString();
        } catch (IOException | UnsupportedOperationException e) {
            return "?";
        }
    }

    /**
     * Takes group and other permissions away from a folder and everything in it (folders
     * {@code rwx------}, files {@code rw-------}); symbolic links are left alone, not followed.
     * For folders whose files another library creates with the process's default permissions.
     */
    public static void restrictTree(Path folder) {
        if (!folder.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            return;
        }
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path p : paths.toList()) {
                if (Files.isSymbolicLink(p)) {
                    continue;
                }
                Set<PosixFilePermission> now = Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS);
                Set<PosixFilePermission> wanted = PosixFilePermissions.fromString(
                        Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS) ? "rwx------" : "rw-------");
                if (!wanted.containsAll(now)) {
                    now.retainAll(wanted);
                    Files.setPosixFilePermissions(p, now);
                }
            }
        } catch (NoSuchFileException gone) {
            // a file deleted while walking: nothing left to restrict
        } catch (IOException e) {
            throw new StorageException("cannot make " + folder + " readable by its owner only: " + reason(e), e);
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
            throw new StorageException("cannot create " + absolute + ": " + reason(e), e);
        }
    }

    /**
     * Why a file operation failed, in words: the file system's reason when it gave one, else what
     * the exception's type means ({@code FileAlreadyExistsException} on a parent: a file is in the
     * way), naming the path concerned when it is not the one being created.
     */
    public static String reason(IOException e) {
        if (!(e instanceof FileSystemException fs)) {
            return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        }
        String on = fs.getFile() == null ? "" : " (" + fs.getFile() + ")";
        if (e instanceof AccessDeniedException) {
            return "permission denied" + on;
        }
        if (e instanceof FileAlreadyExistsException) {
            return "a file that is not a folder is in the way" + on;
        }
        if (e instanceof NoSuchFileException) {
            return "no such file or folder" + on;
        }
        if (e instanceof NotDirectoryException) {
            return "not a folder" + on;
        }
        return (fs.getReason() == null ? e.getClass().getSimpleName() : fs.getReason()) + on;
    }

    private static FileAttribute<?>[] attribute(Path path, String permissions) {
        boolean posix = path.getFileSystem().supportedFileAttributeViews().contains("posix");
        return posix
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(permissions))}
                : new FileAttribute<?>[0];
    }
}
