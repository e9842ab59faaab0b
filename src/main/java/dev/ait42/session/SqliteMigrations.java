package dev.ait42.session;

import dev.ait42.session.schema.SchemaMigrator;
import dev.ait42.session.store.OwnerOnlyFiles;
import dev.ait42.session.store.SqlitePools;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import javax.sql.DataSource;

/**
 * Creating and migrating a SQLite store, one process of the machine at a time (an OS lock in the
 * index folder, which a killed process releases). A missing store is created whole or not at
 * all: the schema is built in a file beside it, which is then renamed into place. Liquibase
 * records a SQLite changeset after its DDL, so a process killed during the first migration would
 * otherwise leave tables that no changelog row accounts for, and a file no later open could migrate.
 */
final class SqliteMigrations {

    private SqliteMigrations() {
    }

    /** Migrates an existing store; a Liquibase lock a killed process left is released first. */
    static void migrate(StoreConfig config, DataSource writer) {
        underMigrationLock(config, () -> SchemaMigrator.migrateReleasingStaleLock(writer, config.libraryLogging()));
    }

    static void createIfMissing(StoreConfig config) {
        Path database = config.databaseFile().toAbsolutePath();
        if (exists(database)) {
            return;
        }
        OwnerOnlyFiles.createDirectories(database.getParent()); // says so if a file is in the way
        underMigrationLock(config, () -> {
            if (!exists(database)) { // another process may have created it meanwhile
                build(config, database);
            }
        });
    }

    private static void build(StoreConfig config, Path database) {
        try {
            Path building = database.resolveSibling(database.getFileName() + ".new");
            for (String suffix : new String[] {"", "-wal", "-shm", "-journal"}) {
                Files.deleteIfExists(Path.of(building + suffix)); // left by a process killed while creating
            }
            OwnerOnlyFiles.createFile(building);
            StoreConfig buildingConfig = new StoreConfig(building, config.indexDirectory(), 1, config.busyTimeout(),
                    config.cacheSizeKib(), false, Map.of(), config.libraryLogging(), null,
                    config.searchCatchUpPeriod(), false);
            try (SqlitePools pools = SqlitePools.open(buildingConfig)) {
                SchemaMigrator.migrate(pools.writer(), config.libraryLogging());
            } // the last connection's close checkpoints the WAL into the file
            Files.move(building, database, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new StorageException("cannot create " + database + ": " + OwnerOnlyFiles.reason(e), e);
        }
    }

    private static void underMigrationLock(StoreConfig config, Runnable work) {
        OwnerOnlyFiles.createDirectories(config.indexDirectory());
        Path lockFile = config.indexDirectory().resolve("migration.lock");
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock ignored = channel.lock()) {
            work.run();
        } catch (IOException e) {
            throw new StorageException("cannot take the migration lock " + lockFile + ": " + OwnerOnlyFiles.reason(e), e);
        }
    }

    private static boolean exists(Path database) {
        try {
            return Files.isDirectory(database) || (Files.exists(database) && Files.size(database) > 0);
        } catch (IOException e) {
            throw new StorageException("cannot read " + database + ": " + OwnerOnlyFiles.reason(e), e);
        }
    }
}
