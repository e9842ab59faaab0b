package dev.ait42.session.search;

import dev.ait42.session.StorageException;
import dev.ait42.session.store.OwnerOnlyFiles;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.store.FSDirectory;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The folder of the Lucene indexes, shared by every process that opens the store.
 *
 * <p>Any number of processes read the index (Lucene readers need no lock); one at a time holds
 * its writer, taken with {@link #tryTakeWriter()} on a lock file the operating system releases
 * when the process ends, however it ends. The writer applies the index work every process records
 * in the database ({@link IndexCatchUp}); the others take the writer over when it is released.
 *
 * <p>A missing or unreadable index, or one of an older {@link #INDEX_FORMAT}, is rebuilt from the
 * database by the writer. Nothing else is a reason to rebuild: what a crash left unapplied is
 * still recorded in the database and applied on the next open.
 */
public final class SearchIndexDirectory implements AutoCloseable {

    /** Bump when the mapping or analysis changes: indexes of an older format are rebuilt. */
    static final int INDEX_FORMAT = 4; // 3: a tie-break sort key; 4: index work recorded in the database
    private static final String LOCK_FILE = "ait42-index.lock";
    private static final String FORMAT_FILE = "index-format";
    /** The {@link #rebuildReason} of a folder with no index yet (a new store, or one from before search). */
    public static final String NEW_INDEX = "the search index does not exist yet";

    private final Path directory;
    private final String databaseIdentity;
    private FileChannel lockChannel;
    private FileLock writerLock;

    private SearchIndexDirectory(Path directory, String databaseIdentity) {
        this.directory = directory;
        this.databaseIdentity = databaseIdentity;
    }

    /**
     * The folder (created owner-only if missing), without taking its writer.
     *
     * @param readOnly         a read-only store's: nothing is created
     * @param databaseIdentity what tells the store's database from another (its index is of no use to another)
     */
    public static SearchIndexDirectory open(Path directory, boolean readOnly, String databaseIdentity) {
        if (!readOnly) {
            OwnerOnlyFiles.createDirectories(directory);
            // Lucene creates its files with the process's default permissions: a folder of an
            // older build, or made by hand, may let other users read them.
            OwnerOnlyFiles.restrictTree(directory);
        }
        return new SearchIndexDirectory(directory, databaseIdentity);
    }

    /**
     * Refuses to read an index another database's store is writing (two stores given one index
     * folder): only a store without the writer calls this; the writer rebuilds such an index.
     */
    public void requireSameDatabase() {
        String[] recorded = readFormat();
        if (recorded != null && recorded.length > 1 && !recorded[1].equals(databaseIdentity)) {
            throw new StorageException("the search index " + directory + " is in use by the store of another database;"
                    + " give this store an index folder of its own");
        }
    }

    /**
     * Takes the index writer if no other store or process holds it; true if this one holds it
     * now. Never waits: a process without the writer reads the index as the writer leaves it.
     */
    public synchronized boolean tryTakeWriter() {
        if (writerLock != null) {
            return true;
        }
        try {
            if (lockChannel == null) {
                Path lockFile = directory.resolve(LOCK_FILE);
                OwnerOnlyFiles.createFile(lockFile);
                lockChannel = FileChannel.open(lockFile, StandardOpenOption.WRITE);
            }
            writerLock = tryLock(lockChannel);
            return writerLock != null;
        } catch (IOException e) {
            throw new StorageException("cannot open the search index folder " + directory + ": " + e.getMessage(), e);
        }
    }

    /** Whether this store holds the index writer. */
    public synchronized boolean holdsWriter() {
        return writerLock != null;
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
     * Why the index must be rebuilt from the database, or null if it can be trusted. Deletes
     * unreadable indexes. Only the writer may call this.
     */
    public String rebuildReason() {
        boolean noneYet = SearchIndexes.ALL.stream().noneMatch(index -> Files.exists(directory.resolve(index)));
        String reason = noneYet ? NEW_INDEX : null;
        for (String index : SearchIndexes.ALL) {
            String problem = problemWith(directory.resolve(index));
            if (problem != null) {
                deleteRecursively(directory.resolve(index));
                reason = reason == null ? problem : reason;
            }
        }
        String[] recorded = readFormat();
        if (reason == null && (recorded == null || !String.valueOf(INDEX_FORMAT).equals(recorded[0]))) {
            reason = "the index was written in an older format";
        }
        if (reason == null && (recorded.length < 2 || !recorded[1].equals(databaseIdentity))) {
            reason = "the index is of another database (a replaced or restored file)";
        }
        return reason;
    }

    /** The index format and the database identity the index was built for; null if not recorded. */
    private String[] readFormat() {
        try {
            return Files.readString(directory.resolve(FORMAT_FILE), StandardCharsets.UTF_8).trim().split(" ", 2);
        } catch (NoSuchFileException none) {
            return null;
        } catch (IOException e) {
            throw new StorageException("cannot read " + directory.resolve(FORMAT_FILE) + ": " + e.getMessage(), e);
        }
    }

    /** Records the format of a freshly built index, and its database. */
    public void markFormat() {
        Path file = directory.resolve(FORMAT_FILE);
        try {
            OwnerOnlyFiles.createFile(file);
            Files.writeString(file, INDEX_FORMAT + " " + databaseIdentity + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new StorageException("cannot write " + file + ": " + e.getMessage(), e);
        }
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

    /** Whether every index has been created (a reader can search it). */
    public boolean indexesExist() {
        return SearchIndexes.ALL.stream().allMatch(index -> problemWith(directory.resolve(index)) == null);
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

    /** Releases the writer for other stores and processes. */
    @Override
    public synchronized void close() {
        try {
            if (writerLock != null) {
                OwnerOnlyFiles.restrictTree(directory); // and what Lucene wrote while the store was open
                writerLock.release();
                writerLock = null;
            }
            if (lockChannel != null) {
                lockChannel.close();
                lockChannel = null;
            }
        } catch (IOException e) {
            throw new StorageException("cannot release the search index " + directory + ": " + e.getMessage(), e);
        }
    }
}
