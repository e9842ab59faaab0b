package dev.ait42.session.legacy;

import dev.ait42.session.UnitOfWork;
import dev.ait42.session.search.FullTextSearch;
import dev.ait42.session.ConflictException;
import dev.ait42.session.SessionStoreException;
import dev.ait42.session.ValidationException;
import dev.ait42.session.model.Session;
import dev.ait42.session.model.Workspace;
import jakarta.persistence.EntityManager;
import org.sqlite.SQLiteException;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * One run of {@link LegacyHistory#importHome}: streams each file, session by session, and writes
 * them in chunks.
 *
 * <p>A chunk (at most {@value #CHUNK_SESSIONS} sessions or about {@value #CHUNK_BYTES} bytes of
 * JSON) is one transaction: its sessions are compared with their stored copies (loaded together,
 * a few statements for the chunk); new ones are inserted with JDBC batches ({@link BulkInsert}),
 * out of sight of automatic indexing, and indexed together at the end of the import
 * ({@code FullTextSearch.catchUpNow}); changed ones are replaced through the entities, so
 * automatic indexing replaces their documents and removes those of instances and messages they no
 * longer have, as for the repository's own update. A chunk the database refuses is retried
 * session by session, so only the bad session fails. Every session was validated as it was read
 * ({@link LegacyFileReader}).
 */
final class LegacyImport {

    static final int CHUNK_SESSIONS = 100;
    static final long CHUNK_BYTES = 16L << 20;

    enum Outcome { CREATED, UPDATED, UNCHANGED, NEWER_IN_DATABASE }

    private record Result(Outcome outcome, Long pk) {
    }

    private final FullTextSearch fullText;
    private final UnitOfWork tx;
    private final boolean dryRun;
    private final ImportProgress progress;
    private final boolean indexNewSessions;

    private int filesRead;
    private int created;
    private int updated;
    private int unchanged;
    private int failed;
    private long sessionsRead;
    private final List<String> onlyInDatabase = new ArrayList<>();
    private final List<String> newerInDatabase = new ArrayList<>();
    private final List<ImportProblem> problems = new ArrayList<>();
    private final List<ImportProblem> warnings = new ArrayList<>();
    private final List<Long> toIndex = new ArrayList<>();
    private long indexingNanos;

    LegacyImport(FullTextSearch fullText, UnitOfWork tx, boolean dryRun, ImportProgress progress) {
        this(fullText, tx, dryRun, progress, true);
    }

    /** @param indexNewSessions false only in tests: shows what the bulk writes alone put in the index (nothing) */
    LegacyImport(FullTextSearch fullText, UnitOfWork tx, boolean dryRun, ImportProgress progress, boolean indexNewSessions) {
        this.fullText = fullText;
        this.tx = tx;
        this.dryRun = dryRun;
        this.progress = progress == null ? ImportProgress.NONE : progress;
        this.indexNewSessions = indexNewSessions;
    }

    /**
     * @throws SessionStoreException if the database cannot be used at all (locked by another
     *         process past the busy timeout, disk full, I/O error): the sessions committed until
     *         then stay, and are indexed
     */
    ImportReport run(Path ait42Home) {
        long start = System.nanoTime();
        try {
            fullText.catchUp().bulk(() -> {
                readHome(ait42Home);
                return null;
            });
        } catch (RuntimeException fatal) {
            try {
                indexNewSessions();
            } catch (RuntimeException indexing) {
                fatal.addSuppressed(indexing);
            }
            throw fatal;
        }
        indexNewSessions();
        return new ImportReport(filesRead, created, updated, unchanged, failed, onlyInDatabase, problems, dryRun,
                Duration.ofNanos(System.nanoTime() - start), newerInDatabase, Duration.ofNanos(indexingNanos), warnings);
    }

    /**
     * Makes every new session searchable before the import returns. (Indexing chunk by chunk on a
     * second thread, overlapping the writes, was measured slower on 2 cores: JIT compiler and GC
     * threads compete for them, and each call ends with an index commit.)
     */
    private void indexNewSessions() {
        if (indexNewSessions && !toIndex.isEmpty()) {
            long start = System.nanoTime();
            fullText.catchUpNow();
            toIndex.clear();
            indexingNanos += System.nanoTime() - start;
        }
    }

    private void readHome(Path ait42Home) {
        LegacyHome home = new LegacyHome(ait42Home, problems);
        List<Path> files = home.sessionFiles();
        Map<String, String> paths = files.isEmpty() ? Map.of() : home.mapping();
        long totalBytes = LegacyHome.totalSize(files);
        long bytesBefore = 0;
        for (Path file : files) {
            filesRead++;
            String hash = home.hashOf(file);
            if (hash != null) {
                importFile(file, hash, paths.get(hash), bytesBefore, totalBytes);
            }
            bytesBefore += LegacyHome.totalSize(List.of(file));
            progress.progress(bytesBefore, totalBytes, sessionsRead);
        }
        // Sessions of workspaces this home has no file for belong to other homes or to the
        // application: they are none of this import's business, and not listed.
    }

    // ---- one file ----

    private void importFile(Path file, String hash, String path, long bytesBefore, long totalBytes) {
        Map<String, Long> stored = tx.read("list sessions of workspace '" + hash + "'",
                em -> StoredSessions.idsOf(em, hash));
        int problemsBefore = problems.size();
        int warningsBefore = warnings.size();
        Set<String> seen = new HashSet<>();
        List<LegacyFileReader.Parsed> chunk = new ArrayList<>();
        long chunkBytes = 0;
        try (LegacyFileReader reader = new LegacyFileReader(file)) {
            reader.start();
            if (!dryRun) {
                registerWorkspace(file, hash, path);
            }
            for (LegacyFileReader.Item item = reader.next(); item != null; item = reader.next()) {
                if (item instanceof LegacyFileReader.Gap gap) {
                    problems.add(gap.problemIn(file));
                    continue;
                }
                sessionsRead++;
                if (item instanceof LegacyFileReader.Rejected rejected) {
                    failed++;
                    if (rejected.sessionId() != null) {
                        seen.add(rejected.sessionId()); // in the JSON, if unreadable: not "only in the database"
                    }
                    problems.add(rejected.problemIn(file));
                } else {
                    LegacyFileReader.Parsed parsed = (LegacyFileReader.Parsed) item;
                    if (!seen.add(parsed.session().getId())) {
                        failed++;
                        problems.add(LegacyHome.problem(file, parsed.location(), parsed.session().getId(),
                                "appears twice in the file; only its first occurrence was imported"));
                    } else {
                        warnings.addAll(parsed.warningsIn(file));
                        chunk.add(parsed);
                        chunkBytes += parsed.bytes();
                        if (chunk.size() >= CHUNK_SESSIONS || chunkBytes >= CHUNK_BYTES) {
                            importChunk(file, hash, chunk, stored);
                            chunk.clear();
                            chunkBytes = 0;
                        }
                    }
                }
                progress.progress(bytesBefore + reader.bytesRead(), totalBytes, sessionsRead);
            }
        } catch (LegacyFileReader.FormatException | IOException e) {
            problems.add(LegacyHome.readingStopped(file, e));
        }
        // Sessions read before a break in the file are imported all the same.
        importChunk(file, hash, chunk, stored);
        LegacyHome.countColumnsInCharacters(file, problems, problemsBefore);
        LegacyHome.countColumnsInCharacters(file, warnings, warningsBefore);
        new TreeSet<>(stored.keySet()).stream().filter(id -> !seen.contains(id))
                .forEach(id -> onlyInDatabase.add(hash + "/" + id));
    }

    /**
     * Creates the workspace of a file, keyed by the file's hash, or records a newly known path;
     * an existing workspace is otherwise left as it is (a re-import changes nothing).
     */
    private void registerWorkspace(Path file, String hash, String path) {
        tx.write("register workspace '" + hash + "'", em -> {
            String usable = path;
            if (path != null) {
                List<String> owners = em.createQuery("select w.hash from Ait42Workspace w where w.path = :path"
                        + " and w.hash <> :hash", String.class)
                        .setParameter("path", path).setParameter("hash", hash).getResultList();
                if (!owners.isEmpty()) {
                    problems.add(new ImportProblem(file, -1, -1, null, "workspace_mapping.json maps it to " + path
                            + ", the path of workspace " + owners.get(0) + " already; its path is kept unknown"));
                    usable = null;
                }
            }
            Workspace workspace = em.find(Workspace.class, hash);
            if (workspace == null) {
                em.persist(new Workspace(hash, usable));
            } else if (usable != null && !usable.equals(workspace.getPath())) {
                workspace.setPath(usable);
            }
            return null;
        });
    }

    // ---- one chunk ----

    private void importChunk(Path file, String hash, List<LegacyFileReader.Parsed> chunk, Map<String, Long> stored) {
        if (chunk.isEmpty()) {
            return;
        }
        List<Result> results;
        try {
            results = dryRun
                    ? tx.read("compare sessions of workspace '" + hash + "'", em -> apply(em, hash, chunk, stored, false))
                    : tx.write("import sessions into workspace '" + hash + "'", em -> apply(em, hash, chunk, stored, true));
        } catch (SessionStoreException chunkFailed) {
            if (dryRun || !refusedByData(chunkFailed)) {
                throw chunkFailed; // the database itself failed: retrying session by session would not help
            }
            chunk.forEach(one -> importAlone(file, hash, one, stored));
            return;
        }
        for (int i = 0; i < chunk.size(); i++) {
            count(hash, chunk.get(i), results.get(i), stored);
        }
    }

    private void importAlone(Path file, String hash, LegacyFileReader.Parsed one, Map<String, Long> stored) {
        try {
            count(hash, one, tx.write("import session '" + one.session().getId() + "' into workspace '" + hash + "'",
                    em -> apply(em, hash, List.of(one), stored, true)).get(0), stored);
        } catch (SessionStoreException e) {
            if (!refusedByData(e)) {
                throw e;
            }
            failed++;
            problems.add(LegacyHome.problem(file, one.location(), one.session().getId(),
                    "not imported, the database refused it: " + e.getMessage()));
        }
    }

    /**
     * True when the database refused the data (a constraint, a trigger, a value too big), so that
     * other sessions may still go in; false when the database itself failed (locked, full, I/O,
     * corrupt), which every session would meet again.
     */
    static boolean refusedByData(SessionStoreException e) {
        if (e instanceof ValidationException || e instanceof ConflictException) {
            return true;
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLiteException sqlite) {
                String code = sqlite.getResultCode().name();
                return code.startsWith("SQLITE_CONSTRAINT") || code.equals("SQLITE_TOOBIG")
                        || code.equals("SQLITE_MISMATCH") || code.equals("SQLITE_RANGE");
            }
        }
        return false;
    }

    /**
     * Compares each session with its stored copy (loaded together) and, if {@code write}, inserts
     * the new ones (JDBC batches, indexed at the end of the import) and replaces the changed ones
     * (through the entities, so that automatic indexing replaces their documents and drops those
     * of instances and messages they no longer have). A stored copy updated after the JSON's
     * {@code updatedAt} is newer: it is never overwritten.
     */
    private static List<Result> apply(EntityManager em, String hash, List<LegacyFileReader.Parsed> sessions,
                                      Map<String, Long> stored, boolean write) {
        Map<String, Session> current = StoredSessions.load(em, stored,
                sessions.stream().map(p -> p.session().getId()).toList());
        List<Result> results = new ArrayList<>(sessions.size());
        List<Session> created = new ArrayList<>();
        for (LegacyFileReader.Parsed parsed : sessions) {
            Session incoming = parsed.session();
            Session old = current.get(incoming.getId());
            if (old == null) {
                created.add(incoming);
                results.add(new Result(Outcome.CREATED, null));
            } else if (LegacyJson.toJson(old).equals(LegacyJson.toJson(incoming))) {
                results.add(new Result(Outcome.UNCHANGED, old.getPk()));
            } else if (old.getUpdatedAt().isAfter(incoming.getUpdatedAt())) {
                results.add(new Result(Outcome.NEWER_IN_DATABASE, old.getPk()));
            } else {
                if (write) {
                    old.replaceStateWith(incoming); // updatedAt comes from the JSON: no touch
                }
                results.add(new Result(Outcome.UPDATED, old.getPk()));
            }
        }
        if (!write) {
            return results;
        }
        em.flush();
        Iterator<Long> keys = BulkInsert.insert(em, hash, created).iterator();
        for (int i = 0; i < results.size(); i++) {
            if (results.get(i).outcome() == Outcome.CREATED) {
                results.set(i, new Result(Outcome.CREATED, keys.next()));
            }
        }
        return results;
    }

    private void count(String hash, LegacyFileReader.Parsed parsed, Result result, Map<String, Long> stored) {
        String id = parsed.session().getId();
        switch (result.outcome()) {
            case CREATED -> {
                created++;
                if (result.pk() != null) {
                    stored.put(id, result.pk());
                    toIndex.add(result.pk());
                }
            }
            case UPDATED -> updated++;
            case UNCHANGED -> unchanged++;
            case NEWER_IN_DATABASE -> newerInDatabase.add(hash + "/" + id);
        }
        if (!dryRun && (result.outcome() == Outcome.CREATED || result.outcome() == Outcome.UPDATED)) {
            progress.committed(created + updated);
        }
    }
}
