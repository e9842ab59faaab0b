package dev.ait42.session;

import java.nio.file.Files;
import java.nio.file.Path;

/** When a SQLite store opens read-only, and what it needs to. */
final class ReadOnlyStore {

    private ReadOnlyStore() {
    }

    /** An existing file that this process may not write, or in a folder it may not write (a read-only medium). */
    static boolean cannotWrite(Path databaseFile) {
        Path absolute = databaseFile.toAbsolutePath();
        return Files.isRegularFile(absolute)
                && (!Files.isWritable(absolute) || !Files.isWritable(absolute.getParent()));
    }

    /** A read-only open can neither create the file nor migrate its schema. */
    static void requireReadable(Path databaseFile, boolean schemaCurrent) {
        if (!Files.isRegularFile(databaseFile)) {
            throw new NotFoundException("no database at " + databaseFile + " to open read-only");
        }
        if (!schemaCurrent) {
            throw new StorageException(databaseFile + " needs its schema migrated, which a read-only open cannot do;"
                    + " open it once with write access");
        }
    }
}
