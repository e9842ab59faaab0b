package dev.ait42.session.search;

import org.apache.lucene.index.IndexNotFoundException;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.FilterDirectory;
import org.apache.lucene.store.MMapDirectory;
import org.apache.lucene.store.NIOFSDirectory;
import org.apache.lucene.store.NativeFSLockFactory;
import org.hibernate.search.backend.lucene.lowlevel.directory.spi.DirectoryCreationContext;
import org.hibernate.search.backend.lucene.lowlevel.directory.spi.DirectoryHolder;
import org.hibernate.search.backend.lucene.lowlevel.directory.spi.DirectoryProvider;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The folders of the store's own Lucene index, whose commits do not wait for the disk.
 *
 * <p>Lucene syncs every new file of a commit to the disk before the commit returns. Beside a
 * stream of database writes those waits (15 to 80 ms each, behind SQLite's own writes, about
 * fifteen per commit of the three indexes) made up most of a catch-up round, and so most of the
 * time before another process's search saw a write. Here a commit only writes its files: the
 * other processes read them from the operating system's cache at once, and a process killed
 * however it ends loses nothing of them. {@link #syncCommitted()} makes what is committed durable,
 * and the catch-up forgets its recorded index work only after that ({@link IndexCatchUp}), so a
 * power loss can cost index changes, never their record: the next open applies it again.
 * Closing the store syncs as well. Named by {@code hibernate.search.backend.directory.type}.
 */
public final class DeferredSyncDirectories implements DirectoryProvider {

    private final boolean memoryMapped;
    private final Set<FSDirectory> open = ConcurrentHashMap.newKeySet();

    /**
     * @param memoryMapped whether the files are memory-mapped (a near-real-time reader kept open
     *                     by the writer) or read (a reader opened afresh for each search)
     */
    public DeferredSyncDirectories(boolean memoryMapped) {
        this.memoryMapped = memoryMapped;
    }

    /** The folder of the index Hibernate Search asks for: its name under {@code directory.root}. */
    static Path folderOf(DirectoryCreationContext context) {
        Object root = context.configurationPropertySource().get("root")
                .orElseThrow(() -> new IllegalStateException("no index root folder configured"));
        return Path.of(root.toString()).toAbsolutePath().resolve(context.indexName());
    }

    @Override
    public DirectoryHolder createDirectoryHolder(DirectoryCreationContext context) {
        Path folder = folderOf(context);
        return new DirectoryHolder() {
            private FSDirectory files;
            private Directory directory;

            @Override
            public void start() throws IOException {
                // Lucene's own lock beside the store's: one IndexWriter per index folder.
                files = memoryMapped ? new MMapDirectory(folder, NativeFSLockFactory.INSTANCE)
                        : new NIOFSDirectory(folder, NativeFSLockFactory.INSTANCE);
                directory = new SyncOnRequest(files);
                open.add(files);
            }

            @Override
            public void close() throws IOException {
                if (files == null) {
                    return;
                }
                try {
                    sync(files); // the last commit, the one closing the index writer made
                } finally {
                    open.remove(files);
                    files.close();
                }
            }

            @Override
            public Directory get() {
                return directory;
            }
        };
    }

    /** Syncs to the disk the files of each index's newest commit, and the folders that name them. */
    public void syncCommitted() throws IOException {
        for (FSDirectory files : open) {
            sync(files);
        }
    }

    private static void sync(FSDirectory files) throws IOException {
        for (int attempt = 1; ; attempt++) {
            SegmentInfos newest;
            try {
                newest = SegmentInfos.readLatestCommit(files);
            } catch (IndexNotFoundException nothingCommitted) {
                return;
            }
            try {
                files.sync(newest.files(true));
                files.syncMetaData();
                return;
            } catch (NoSuchFileException | FileNotFoundException e) {
                // A newer commit (or a merge it took in) replaced a file meanwhile: sync that one.
                if (attempt == 3) {
                    throw e;
                }
            }
        }
    }

    /** The index's files, with Lucene's requests to sync them left to {@link #syncCommitted()}. */
    private static final class SyncOnRequest extends FilterDirectory {
        SyncOnRequest(Directory files) {
            super(files);
        }

        @Override
        public void sync(Collection<String> names) {
            // left to syncCommitted(): see the class comment
        }

        @Override
        public void syncMetaData() {
            // likewise: the rename of pending_segments_N to segments_N reaches the disk then
        }
    }
}
