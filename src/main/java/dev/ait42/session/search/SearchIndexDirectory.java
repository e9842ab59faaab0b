package dev.ait42.session.search;

import dev.ait42.session.StorageException;
import dev.ait42.session.store.OwnerOnlyFiles;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.store.FSDirectory;

import javax.sql.DataSource;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The folder of the Lucene indexes, owned by one open store at a time.
 *
 * <p>The index can be lost (folder deleted), damaged, left behind by a crash, or outlived by a
 * database changed without it (a restored backup, another tool). On a clean close the store
 * writes a marker holding a fingerprint of the database (row counts, highest key, latest update
 * and the index format); on open, a missing or unreadable index, a missing marker or a different
 * fingerprint means the index is rebuilt from the database.
 */
public final class SearchIndexDirectory implements AutoCloseable {

    /** Bump when the mapping or analysis changes: indexes of an older format are rebuilt. */
    static final int INDEX_FORMAT = 3; // 2: words as written beside their stems; 3: a tie-break sort key
    private static final String LOCK_FILE = "ait42-index.lock";
    private static final String CLEAN_MARKER = "clean-shutdown";
    /** The {@link #rebuildReason} of a folder with no index yet (a new store, or one from before search). */
    public static final String NEW_INDEX = "the search index does not exist yet";
    private static final Duration POLL = Duration.ofMillis(50);

    private final Path directory;
    private final FileChannel lockChannel;
    private final FileLock lock;

    private SearchIndexDirectory(Path directory, FileChannel lockChannel, FileLock lock) {
        this.directory = directory;
        this.lockChannel = lockChannel;
        this.lock = lock;
    }

    /**
     * Takes the folder (created owner-only if missing), waiting up to {@code wait} for another
     * store or process to release it.
     */
    public static SearchIndexDirectory acquire(Path directory, Duration wait) {
        try {
            OwnerOnlyFiles.createDirectories(directory);
            FileChannel channel = FileChannel.open(directory.resolve(LOCK_FILE),
                    StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            long deadline = System.nanoTime() + wait.toNanos();
            while (true) {
                FileLock lock = tryLock(channel);
                if (lock != null) {
                    return new SearchIndexDirectory(directory, channel, lock);
                }
                if (System.nanoTime() >= deadline) {
                    channel.close();
                    throw new StorageException("the search index " + directory
                            + " is in use by another open store or process (waited " + wait.toMillis() + " ms)");
                }
                Thread.sleep(POLL.toMillis());
            }
        } catch (IOException e) {
            throw new StorageException("cannot open the search index folder " + directory + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StorageException("interrupted while waiting for the search index " + directory, e);
        }
    }

    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException heldInThisJvm) {
            return null;
        }
    }

    public Path path() {
        return directory;
    }

    /**
     * Why the index must be rebuilt from the database, or null if it is up to date. Deletes
     * unreadable indexes, and the clean-close marker (the index is open from now on).
     */
    public String rebuildReason(DataSource database) {
        boolean noneYet = SearchIndexes.ALL.stream().noneMatch(index -> Files.exists(directory.resolve(index)));
        String reason = noneYet ? NEW_INDEX : null;
        for (String index : SearchIndexes.ALL) {
            String problem = problemWith(directory.resolve(index));
            if (problem != null) {
                deleteRecursively(directory.resolve(index));
                reason = reason == null ? problem : reason;
            }
        }
        Path marker = directory.resolve(CLEAN_MARKER);
        try {
            if (reason == null) {
                if (!Files.exists(marker)) {
                    reason = "the index was not closed cleanly";
                } else if (!Files.readString(marker, StandardCharsets.UTF_8).equals(fingerprint(database))) {
                    reason = "the database was changed without the index";
                }
            }
            Files.deleteIfExists(marker);
        } catch (IOException e) {
            throw new StorageException("cannot read the search index marker " + marker + ": " + e.getMessage(), e);
        }
        return reason;
    }

    /**
     * Creates the folder of each index that is missing (owner-only, as the rest of the store), so
     * that Hibernate Search, which writes its files into them, has no folder creation to log.
     */
    public void createMissingIndexFolders() {
        for (String index : SearchIndexes.ALL) {
            OwnerOnlyFiles.createDirectories(directory.resolve(index));
        }
    }

    private static String problemWith(Path index) {
        if (!Files.isDirectory(index)) {
            return "the index " + index.getFileName() + " is missing";
        }
        try (FSDirectory dir = FSDirectory.open(index)) {
            if (!DirectoryReader.indexExists(dir)) {
                return "the index " + index.getFileName() + " is empty";
            }
            DirectoryReader.open(dir).close();
            return null;
        } catch (IOException | RuntimeException e) {
            return "the index " + index.getFileName() + " is unreadable (" + e + ")";
        }
    }

    /** Records that the index matches the database; call after the indexes are closed. */
    public void markClean(DataSource database) {
        Path marker = directory.resolve(CLEAN_MARKER);
        try {
            Files.writeString(marker, fingerprint(database), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new StorageException("cannot write the search index marker " + marker + ": " + e.getMessage(), e);
        }
    }

    static String fingerprint(DataSource database) {
        String sql = "select (select count(*) from sessions), (select count(*) from instances),"
                + " (select count(*) from chat_messages), (select coalesce(max(pk), 0) from sessions),"
                + " (select coalesce(cast(max(updated_at) as varchar(40)), '') from sessions)";
        try (Connection c = database.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return "format=" + INDEX_FORMAT + " sessions=" + rs.getLong(1) + " instances=" + rs.getLong(2)
                    + " messages=" + rs.getLong(3) + " maxPk=" + rs.getLong(4) + " lastUpdate=" + rs.getString(5);
        } catch (SQLException e) {
            throw new StorageException("cannot read the database fingerprint: " + e.getMessage(), e);
        }
    }

    private static void deleteRecursively(Path path) {
        try (Stream<Path> files = Files.walk(path)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (NoSuchFileException gone) {
            // nothing to delete
        } catch (IOException e) {
            throw new StorageException("cannot delete the damaged index " + path + ": " + e.getMessage(), e);
        }
    }

    /** Releases the folder for other stores and processes. */
    @Override
    public void close() {
        try {
            lock.release();
            lockChannel.close();
        } catch (IOException e) {
            throw new StorageException("cannot release the search index " + directory + ": " + e.getMessage(), e);
        }
    }
}
