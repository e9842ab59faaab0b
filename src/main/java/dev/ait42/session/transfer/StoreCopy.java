package dev.ait42.session.transfer;

import dev.ait42.session.SessionServices;
import dev.ait42.session.model.Session;
import dev.ait42.session.model.Workspace;
import dev.ait42.session.repository.KeysetPage;
import dev.ait42.session.repository.SessionQuery;
import dev.ait42.session.repository.SessionRepository;
import dev.ait42.session.repository.SessionSort;
import dev.ait42.session.repository.SortDirection;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Copies every session of one store into another (a SQLite history into PostgreSQL, or back),
 * session by session, then verifies both sides session by session.
 *
 * <ul>
 *   <li><b>Atomic per session</b>: each session is created in the target with its instances and
 *       messages in one transaction (through the repository, so the target's index gets its
 *       documents as it commits). An interrupted copy leaves whole sessions only.</li>
 *   <li><b>Idempotent, resumable</b>: a session already in the target with the same
 *       {@link SessionDigest digest} is skipped, so running the copy again (after an interruption,
 *       or a run limited by {@code maxSessions}) copies only what is missing.</li>
 *   <li><b>Never overwrites</b>: a session of the same workspace and id whose content differs is
 *       left alone and reported as a conflict.</li>
 *   <li><b>Verified</b>: for every source session, the target's copy has the same number of
 *       instances and messages and the same digest, each computed from that database's own rows.</li>
 * </ul>
 */
public final class StoreCopy {

    /** Sessions read from the source per page. */
    static final int PAGE = 100;

    private final SessionRepository source;
    private final SessionRepository target;

    public StoreCopy(SessionServices source, SessionServices target) {
        this.source = source.sessions();
        this.target = target.sessions();
    }

    /** Called after each session that was copied, skipped or found in conflict. */
    @FunctionalInterface
    public interface Progress {
        void session(long done);
    }

    /**
     * Copies what the target lacks, at most {@code maxSessions} sessions in this run (0: all),
     * then verifies every session of the source. Workspaces are registered in the target with
     * their paths first.
     */
    public CopyReport copy(long maxSessions, Progress progress) {
        long start = System.nanoTime();
        long copied = 0;
        long alreadyThere = 0;
        List<String> conflicts = new ArrayList<>();
        long done = 0;
        boolean limited = false;
        outer:
        for (Workspace ws : source.listWorkspaces()) {
            if (target.findWorkspace(ws.getHash()).isEmpty()) {
                target.registerWorkspace(ws.getHash(), ws.getPath());
            }
            String cursor = null;
            do {
                KeysetPage<Session> page = source.searchKeyset(inCreationOrder(ws.getHash()), cursor, PAGE);
                for (Session s : page.items()) {
                    Optional<Session> there = target.find(ws.getHash(), s.getId());
                    if (there.isEmpty()) {
                        if (maxSessions > 0 && copied >= maxSessions) {
                            limited = true;
                            break outer;
                        }
                        target.create(ws.getHash(), Session.copyOf(s));
                        copied++;
                    } else if (SessionDigest.of(there.get()).equals(SessionDigest.of(s))) {
                        alreadyThere++;
                    } else {
                        conflicts.add(ws.getHash() + "/" + s.getId());
                    }
                    progress.session(++done);
                }
                cursor = page.nextCursor();
            } while (cursor != null);
        }
        Verification verification = limited ? null : verify();
        return new CopyReport(copied, alreadyThere, conflicts, limited, verification,
                (System.nanoTime() - start) / 1_000_000);
    }

    /**
     * Every source session against its copy: present, the same numbers of instances and messages,
     * the same digest. Reads only.
     */
    public Verification verify() {
        long verified = 0;
        List<String> missing = new ArrayList<>();
        List<String> differing = new ArrayList<>();
        for (Workspace ws : source.listWorkspaces()) {
            String cursor = null;
            do {
                KeysetPage<Session> page = source.searchKeyset(inCreationOrder(ws.getHash()), cursor, PAGE);
                for (Session s : page.items()) {
                    String name = ws.getHash() + "/" + s.getId();
                    Optional<Session> copy = target.find(ws.getHash(), s.getId());
                    if (copy.isEmpty()) {
                        missing.add(name);
                    } else if (copy.get().getInstances().size() != s.getInstances().size()
                            || copy.get().getMessages().size() != s.getMessages().size()
                            || !SessionDigest.of(copy.get()).equals(SessionDigest.of(s))) {
                        differing.add(name);
                    } else {
                        verified++;
                    }
                }
                cursor = page.nextCursor();
            } while (cursor != null);
        }
        return new Verification(verified, missing, differing);
    }

    private static SessionQuery inCreationOrder(String workspaceHash) {
        return SessionQuery.inWorkspace(workspaceHash).sort(SessionSort.CREATED_AT, SortDirection.ASC).build();
    }

    /** The verification of a copy: sessions equal on both sides, and those missing or differing in the target. */
    public record Verification(long verified, List<String> missing, List<String> differing) {
        public boolean ok() {
            return missing.isEmpty() && differing.isEmpty();
        }
    }

    /**
     * @param copied       sessions created in the target by this run
     * @param alreadyThere sessions found in the target with the same content (an earlier run's)
     * @param conflicts    {@code workspace/id} of sessions the target holds with other content (left alone)
     * @param limited      whether the run stopped at its session limit (then not verified)
     * @param verification null when limited
     */
    public record CopyReport(long copied, long alreadyThere, List<String> conflicts, boolean limited,
                             Verification verification, long elapsedMillis) {
        public boolean ok() {
            return conflicts.isEmpty() && !limited && verification != null && verification.ok();
        }
    }
}
