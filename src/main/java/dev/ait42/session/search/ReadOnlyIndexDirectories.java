package dev.ait42.session.search;

import org.apache.lucene.store.Directory;
import org.apache.lucene.store.NIOFSDirectory;
import org.apache.lucene.store.NoLockFactory;
import org.hibernate.search.backend.lucene.lowlevel.directory.spi.DirectoryCreationContext;
import org.hibernate.search.backend.lucene.lowlevel.directory.spi.DirectoryHolder;
import org.hibernate.search.backend.lucene.lowlevel.directory.spi.DirectoryProvider;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The index folders of a read-only store: opened for reading only, without the writability check
 * and lock files of Hibernate Search's own file system directories, so an index on a read-only
 * medium can be searched. Named by {@code hibernate.search.backend.directory.type}.
 */
public final class ReadOnlyIndexDirectories implements DirectoryProvider {

    @Override
    public DirectoryHolder createDirectoryHolder(DirectoryCreationContext context) {
        Path folder = DeferredSyncDirectories.folderOf(context);
        return new DirectoryHolder() {
            private Directory directory;

            @Override
            public void start() throws IOException {
                // read, not memory-mapped: each search opens the index afresh (see SessionStore.open)
                directory = new NIOFSDirectory(folder, NoLockFactory.INSTANCE);
            }

            @Override
            public void close() throws IOException {
                if (directory != null) {
                    directory.close();
                }
            }

            @Override
            public Directory get() {
                return directory;
            }
        };
    }
}
