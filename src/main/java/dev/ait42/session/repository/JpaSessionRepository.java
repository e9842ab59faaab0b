package dev.ait42.session.repository;

import dev.ait42.session.NotFoundException;
import dev.ait42.session.StaleSessionException;
import dev.ait42.session.UnitOfWork;
import dev.ait42.session.ValidationException;
import dev.ait42.session.model.ChatMessage;
import dev.ait42.session.model.Instance;
import dev.ait42.session.model.InstanceStatus;
import dev.ait42.session.model.Session;
import dev.ait42.session.model.SessionStatus;
import dev.ait42.session.model.Timestamps;
import dev.ait42.session.model.Workspace;
import dev.ait42.session.model.WorkspaceHash;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Persistence;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/** {@link SessionRepository} on JPA: one unit of work per call, fetch plans stated per query. */
final class JpaSessionRepository implements SessionRepository {

    private final UnitOfWork tx;
    private final SessionSearch search = new SessionSearch();

    JpaSessionRepository(UnitOfWork tx) {
        this.tx = tx;
    }

    // ---- workspaces ----

    @Override
    public Workspace registerWorkspace(Path folder) {
        if (folder == null) {
            throw new ValidationException("folder", "must not be null");
        }
        Workspace ws = Workspace.of(folder);
        SessionValidator.workspacePath("folder", ws.getPath());
        return registerWorkspace(ws.getHash(), ws.getPath());
    }

    @Override
    public Workspace registerWorkspace(String workspaceHash, String path) {
        WorkspaceHash.require(workspaceHash);
        if (path != null && path.isBlank()) {
            throw new ValidationException("path", "must not be blank (pass null when unknown)");
        }
        SessionValidator.workspacePath("path", path);
        return tx.write("register workspace '" + workspaceHash + "'", em -> {
            Workspace existing = em.find(Workspace.class, workspaceHash);
            if (existing == null) {
                Workspace created = new Workspace(workspaceHash, path);
                em.persist(created);
                return created;
            }
            if (path != null) {
                existing.setPath(path);
            }
            existing.touch();
            return existing;
        });
    }

    @Override
    public Optional<Workspace> findWorkspace(String workspaceHash) {
        WorkspaceHash.require(workspaceHash);
        return tx.read("find workspace", em -> Optional.ofNullable(em.find(Workspace.class, workspaceHash)));
    }

    @Override
    public List<Workspace> listWorkspaces() {
        return tx.read("list workspaces", em -> em.createQuery(
                "select w from Ait42Workspace w order by w.lastAccessed desc, w.hash", Workspace.class).getResultList());
    }

    // ---- sessions ----

    @Override
    public Session create(String workspaceHash, Session session) {
        WorkspaceHash.require(workspaceHash);
        SessionValidator.validate(session);
        if (session.getPk() != null) {
            throw new ValidationException("session", "'" + session.getId() + "' is already stored; use update");
        }
        // A copy is saved, so that a failed call leaves the caller's object as it was (retryable).
        Session stored = Session.copyOf(session);
        return tx.write(describe("create", workspaceHash, session.getId()), em -> {
            Workspace ws = em.find(Workspace.class, workspaceHash);
            if (ws == null) {
                throw NotFoundException.workspace(workspaceHash);
            }
            stored.assignWorkspace(ws);
            em.persist(stored);
            flushInCallerTransaction(em);
            return stored;
        });
    }

    @Override
    public Session update(String workspaceHash, Session changed) {
        WorkspaceHash.require(workspaceHash);
        SessionValidator.validate(changed);
        if (changed.getVersion() == null) {
            throw new ValidationException("session.version", "is missing: update a copy read with get()");
        }
        return tx.write(describe("update", workspaceHash, changed.getId()), em -> {
            Session stored = load(em, workspaceHash, changed.getId());
            if (changed.getPk() != null && !changed.getPk().equals(stored.getPk())) {
                throw new ValidationException("session", "'" + changed.getId()
                        + "' was read from another workspace than '" + workspaceHash + "'");
            }
            if (!Objects.equals(changed.getVersion(), stored.getVersion())) {
                throw new StaleSessionException("session '" + changed.getId() + "' was changed since it was read"
                        + " (version " + changed.getVersion() + ", stored " + stored.getVersion()
                        + "); read it again and retry");
            }
            SessionGraphLoader.load(em, List.of(stored), FetchPlan.FULL);
            stored.replaceStateWith(changed);
            stored.touch(Timestamps.now());
            flushInCallerTransaction(em);
            return stored;
        });
    }

    @Override
    public Session modify(String workspaceHash, String sessionId, Consumer<Session> change) {
        return modify(workspaceHash, sessionId, null, change);
    }

    @Override
    public Session modify(String workspaceHash, String sessionId, long expectedVersion, Consumer<Session> change) {
        return modify(workspaceHash, sessionId, Long.valueOf(expectedVersion), change);
    }

    /** The stored session changed in its own persistence context: dirty checking writes what changed. */
    private Session modify(String workspaceHash, String sessionId, Long expectedVersion, Consumer<Session> change) {
        WorkspaceHash.require(workspaceHash);
        SessionValidator.requireId("sessionId", sessionId);
        SessionValidator.required("change", change);
        return tx.write(describe("modify", workspaceHash, sessionId), em -> {
            lockForWrite(em, workspaceHash, sessionId);
            Session stored = search.forWrite(em, workspaceHash, sessionId)
                    .orElseThrow(() -> NotFoundException.session(workspaceHash, sessionId));
            if (expectedVersion != null && !expectedVersion.equals(stored.getVersion())) {
                throw new StaleSessionException("session '" + sessionId + "' was changed since version "
                        + expectedVersion + " (stored " + stored.getVersion() + "); read it again and retry");
            }
            Integer winner = stored.getWinnerId();
            Integer integrating = stored.getIntegrationInstanceId();
            change.accept(stored);
            SessionValidator.validateChanged(stored);
            boolean instances = Persistence.getPersistenceUtil().isLoaded(stored, "instances");
            if (!instances) {
                // references checked against the stored instances, counted rather than loaded
                if (!Objects.equals(winner, stored.getWinnerId())) {
                    requireInstance(em, stored, "session.winnerId", stored.getWinnerId());
                }
                if (!Objects.equals(integrating, stored.getIntegrationInstanceId())) {
                    requireInstance(em, stored, "session.integrationInstanceId", stored.getIntegrationInstanceId());
                }
            } else if (!Persistence.getPersistenceUtil().isLoaded(stored, "messages")) {
                requireNoMessageOfAnotherInstance(em, stored);
            }
            stored.touch(Timestamps.now());
            flushInCallerTransaction(em);
            return stored;
        });
    }

    @Override
    public Session get(String workspaceHash, String sessionId) {
        return find(workspaceHash, sessionId).orElseThrow(() -> NotFoundException.session(workspaceHash, sessionId));
    }

    @Override
    public Optional<Session> find(String workspaceHash, String sessionId) {
        WorkspaceHash.require(workspaceHash);
        SessionValidator.requireId("sessionId", sessionId);
        return tx.read(describe("get", workspaceHash, sessionId), em -> {
            Optional<Session> session = search.byId(em, workspaceHash, sessionId);
            session.ifPresent(s -> SessionGraphLoader.load(em, List.of(s), FetchPlan.FULL));
            return session;
        });
    }

    @Override
    public List<Session> listAll(String workspaceHash) {
        SessionQuery all = SessionQuery.inWorkspace(workspaceHash).build();
        return tx.read("list sessions of workspace '" + workspaceHash + "'",
                em -> withGraph(em, search.rows(em, all, null, 0, Integer.MAX_VALUE), all.fetch()));
    }

    @Override
    public void delete(String workspaceHash, String sessionId) {
        onSession("delete", workspaceHash, sessionId, (em, stored) -> {
            // Entity removal (not a bulk DELETE) so listeners such as a search index see it.
            SessionGraphLoader.load(em, List.of(stored), FetchPlan.FULL);
            em.remove(stored);
        });
    }

    @Override
    public int deleteUpdatedBefore(String workspaceHash, Instant cutoff) {
        if (cutoff == null) {
            throw new ValidationException("cutoff", "must not be null");
        }
        SessionQuery older = SessionQuery.inWorkspace(workspaceHash).updatedBetween(null, cutoff).build();
        return tx.write("delete sessions of workspace '" + workspaceHash + "' updated before " + cutoff, em -> {
            List<Long> keys = SessionLookup.keysMatching(em, older);
            // The database's triggers record the deleted documents for the search index.
            for (int from = 0; from < keys.size(); from += SessionGraphLoader.CHUNK) {
                // Instances and messages go with their session (ON DELETE CASCADE).
                em.createQuery("delete from Ait42Session s where s.pk in :keys")
                        .setParameter("keys", keys.subList(from, Math.min(keys.size(), from + SessionGraphLoader.CHUNK)))
                        .executeUpdate();
            }
            return keys.size();
        });
    }

    @Override
    public void addChatMessage(String workspaceHash, String sessionId, ChatMessage message) {
        SessionValidator.validate("message", message);
        ChatMessage appended = ChatMessage.copyOf(message); // the caller's object stays reusable
        writeInSession("add message '" + message.getId() + "' to", workspaceHash, sessionId, em -> {
            lockForWrite(em, workspaceHash, sessionId);
            SessionSearch.AppendTarget target = search.forAppend(em, workspaceHash, sessionId, appended.getInstanceId())
                    .orElseThrow(() -> NotFoundException.session(workspaceHash, sessionId));
            Session stored = target.session();
            if (!target.instanceFound()) {
                throw SessionValidator.danglingReference("message.instanceId", appended.getInstanceId(), sessionId);
            }
            stored.appendMessage(appended, target.nextSeq());
            em.persist(appended);
            stored.touch(Timestamps.now());
            flushInCallerTransaction(em);
        });
    }

    @Override
    public void updateInstanceStatus(String workspaceHash, String sessionId, int instanceId, InstanceStatus status) {
        SessionValidator.required("status", status);
        changeInstance("set status of", workspaceHash, sessionId, instanceId, instance -> instance.setStatus(status));
    }

    @Override
    public void saveInstanceOutput(String workspaceHash, String sessionId, int instanceId, InstanceOutput output) {
        SessionValidator.validate(output);
        changeInstance("save output of", workspaceHash, sessionId, instanceId, instance -> {
            instance.setOutput(output.output());
            instance.setEndTime(output.endTime());
            instance.setFilesChanged(output.filesChanged());
            instance.setLinesAdded(output.linesAdded());
            instance.setLinesDeleted(output.linesDeleted());
        });
    }

    private void changeInstance(String verb, String workspaceHash, String sessionId, int instanceId,
                                Consumer<Instance> change) {
        writeInSession(verb + " instance " + instanceId + " of", workspaceHash, sessionId, em -> {
            Instance instance = search.instance(em, workspaceHash, sessionId, instanceId)
                    .orElseThrow(() -> notFound(em, workspaceHash, sessionId, instanceId));
            change.accept(instance);
            instance.getSession().touch(Timestamps.now());
        });
    }

    @Override
    public void changeStatus(String workspaceHash, String sessionId, SessionStatus status) {
        SessionValidator.required("status", status);
        onSession("change status of", workspaceHash, sessionId,
                (em, stored) -> stored.moveTo(status, Timestamps.now()));
    }

    @Override
    public void selectWinner(String workspaceHash, String sessionId, int instanceId) {
        onSession("select winner of", workspaceHash, sessionId, (em, stored) -> {
            SessionGraphLoader.load(em, List.of(stored), FetchPlan.INSTANCES);
            if (stored.findInstance(instanceId).isEmpty()) {
                throw SessionValidator.danglingReference("winnerId", instanceId, sessionId);
            }
            stored.selectWinner(instanceId, Timestamps.now());
        });
    }

    /** Runs {@code change} on the stored session in one write transaction. */
    private void onSession(String verb, String workspaceHash, String sessionId,
                           BiConsumer<EntityManager, Session> change) {
        writeInSession(verb, workspaceHash, sessionId, em -> {
            lockForWrite(em, workspaceHash, sessionId);
            change.accept(em, search.forWrite(em, workspaceHash, sessionId)
                    .orElseThrow(() -> NotFoundException.session(workspaceHash, sessionId)));
        });
    }

    /**
     * On a database with row locks (PostgreSQL), the session row is locked {@code FOR UPDATE} first, so
     * that concurrent partial writes of one session (appends above all) wait for each other instead of
     * failing on the version as stale; SQLite has one writer at a time already.
     */
    private static void lockForWrite(EntityManager em, String workspaceHash, String sessionId) {
        org.hibernate.dialect.Dialect dialect = em.getEntityManagerFactory()
                .unwrap(org.hibernate.engine.spi.SessionFactoryImplementor.class).getJdbcServices().getDialect();
        if (!(dialect instanceof org.hibernate.community.dialect.SQLiteDialect)) {
            // before the session is read: the read then sees the last committed version
            em.createQuery("select s.pk from Ait42Session s where s.workspaceHash = :ws and s.id = :id", Long.class)
                    .setParameter("ws", workspaceHash).setParameter("id", sessionId)
                    .setLockMode(jakarta.persistence.LockModeType.PESSIMISTIC_WRITE).getResultList();
        }
    }

    /** Validates the ids, then runs {@code work} in one write transaction named after the session. */
    private void writeInSession(String verb, String workspaceHash, String sessionId, Consumer<EntityManager> work) {
        WorkspaceHash.require(workspaceHash);
        SessionValidator.requireId("sessionId", sessionId);
        tx.write(describe(verb, workspaceHash, sessionId), em -> {
            work.accept(em);
            return null;
        });
    }

    // ---- listings ----

    @Override
    public Page<Session> search(SessionQuery query, int offset, int limit) {
        SessionValidator.required("query", query);
        if (offset < 0) {
            throw new ValidationException("offset", "must not be negative, was " + offset);
        }
        checkLimit(limit);
        return tx.read("search sessions", em -> new Page<>(
                withGraph(em, search.rows(em, query, null, offset, limit), query.fetch()),
                search.count(em, query), offset, limit));
    }

    @Override
    public KeysetPage<Session> searchKeyset(SessionQuery query, String cursor, int limit) {
        SessionValidator.required("query", query);
        checkLimit(limit);
        String filters = KeysetCursor.filtersOf(query); // a digest: once for the cursor read and the one made
        KeysetCursor after = cursor == null ? null : KeysetCursor.decode(cursor, query, filters);
        return tx.read("search sessions", em -> {
            List<Session> rows = search.rows(em, query, after, 0, limit + 1); // one more: is there a next page?
            List<Session> page = withGraph(em, rows.subList(0, Math.min(limit, rows.size())), query.fetch());
            String next = rows.size() <= limit ? null
                    : KeysetCursor.after(page.get(limit - 1), query, filters).encode();
            return new KeysetPage<>(page, next);
        });
    }

    @Override
    public SessionStatistics statistics(SessionQuery query) {
        SessionValidator.required("query", query);
        return tx.read("compute statistics", em -> search.statistics(em, query));
    }

    @Override
    public List<GroupStatistics> statisticsBy(SessionQuery query, InstanceGrouping by) {
        SessionValidator.required("query", query);
        SessionValidator.required("by", by);
        return tx.read("compute statistics by " + by.wire(), em -> GroupStatisticsQuery.run(em, query, by));
    }

    // ---- helpers ----

    /**
     * Inside the caller's transaction the changes are written now, so that a failure (a duplicate
     * id) is this call's, not the caller's commit's. In a transaction of the call's own, the
     * commit writes them: flushing before it too made every entity of the call dirty-checked twice.
     */
    private void flushInCallerTransaction(EntityManager em) {
        if (tx.inCallerTransaction()) {
            em.flush();
        }
    }

    private static List<Session> withGraph(EntityManager em, List<Session> sessions, FetchPlan plan) {
        SessionGraphLoader.load(em, sessions, plan);
        return sessions;
    }

    private Session load(EntityManager em, String workspaceHash, String sessionId) {
        return search.byId(em, workspaceHash, sessionId)
                .orElseThrow(() -> NotFoundException.session(workspaceHash, sessionId));
    }

    /** A message's instance must be one of the session's (counted, not loaded: outputs can be large). */
    private static void requireInstance(EntityManager em, Session stored, String field, Integer instanceId) {
        if (instanceId != null && em.createQuery("select count(i) from Ait42Instance i"
                        + " where i.session = :s and i.key.instanceId = :n", Long.class)
                .setParameter("s", stored).setParameter("n", instanceId).getSingleResult() == 0) {
            throw SessionValidator.danglingReference(field, instanceId, stored.getId());
        }
    }

    /** The change saw the instances, not the messages: no stored message may refer to an instance it removed. */
    private static void requireNoMessageOfAnotherInstance(EntityManager em, Session stored) {
        List<Integer> dangling = em.createQuery("select m.instanceId from Ait42ChatMessage m where m.session = :s"
                        + " and m.instanceId is not null and m.instanceId not in :instances", Integer.class)
                .setParameter("s", stored)
                .setParameter("instances", stored.getInstances().isEmpty() ? List.of(-1)
                        : List.copyOf(SessionValidator.instanceNumbers(stored)))
                .setMaxResults(1).getResultList();
        if (!dangling.isEmpty()) {
            throw SessionValidator.danglingReference("session.messages.instanceId", dangling.get(0), stored.getId());
        }
    }

    private NotFoundException notFound(EntityManager em, String workspaceHash, String sessionId, int instanceId) {
        return search.byId(em, workspaceHash, sessionId).isPresent()
                ? NotFoundException.instance(workspaceHash, sessionId, instanceId)
                : NotFoundException.session(workspaceHash, sessionId);
    }

    private static void checkLimit(int limit) {
        if (limit < 1 || limit > SessionSearch.MAX_LIMIT) {
            throw new ValidationException("limit", "must be between 1 and " + SessionSearch.MAX_LIMIT + ", was " + limit);
        }
    }

    private static String describe(String verb, String workspaceHash, String sessionId) {
        return verb + " session '" + sessionId + "' in workspace '" + workspaceHash + "'";
    }
}
