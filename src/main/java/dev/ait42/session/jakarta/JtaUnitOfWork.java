package dev.ait42.session.jakarta;

import dev.ait42.session.UnitOfWork;
import dev.ait42.session.store.ErrorTranslator;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Status;
import jakarta.transaction.SystemException;
import jakarta.transaction.UserTransaction;
import org.hibernate.FlushMode;
import org.hibernate.Session;

import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The library's operations on a JTA entity manager: in a Jakarta EE application, a CDI bean or
 * an EJB. {@link SessionProducers} builds one for CDI; by hand:
 *
 * <pre>{@code
 * @PersistenceContext EntityManager em;          // the application's unit, with the library's mapping
 * @Inject UserTransaction transaction;
 *
 * SessionServices services = SessionServices.on(new JtaUnitOfWork(em, transaction), dataSource);
 * }</pre>
 *
 * <ul>
 * <li>Inside a JTA transaction of the caller (a {@code @Transactional} method, a
 *     container-managed EJB transaction, {@code UserTransaction.begin()}), the work runs in it:
 *     it commits or rolls back with the caller's own changes, and the full-text index follows
 *     that outcome. A failing call marks the caller's transaction rollback-only, so nothing of it
 *     commits, and throws its {@link dev.ait42.session.SessionStoreException}.</li>
 * <li>Outside any transaction, each call begins a transaction of its own and commits it (rolls
 *     it back when the work fails).</li>
 * </ul>
 *
 * The entity manager must be able to join JTA transactions: a container-managed one (a
 * transaction-scoped {@code @PersistenceContext}), or an application-managed one of a JTA
 * persistence unit ({@link #applicationManaged}), which each call joins to the transaction. The
 * resource-local API ({@code em.getTransaction()}) is never used: it is illegal under JTA.
 */
public final class JtaUnitOfWork implements UnitOfWork {

    private final Supplier<EntityManager> entityManager;
    private final UserTransaction transaction;

    /**
     * @param entityManager a container-managed, transaction-scoped entity manager (the
     *                      container's proxy, which hands out the one of the current transaction)
     * @param transaction   the container's {@code UserTransaction}
     */
    public JtaUnitOfWork(EntityManager entityManager, UserTransaction transaction) {
        this(supplierOf(Objects.requireNonNull(entityManager, "entityManager")), transaction);
    }

    private JtaUnitOfWork(Supplier<EntityManager> entityManager, UserTransaction transaction) {
        this.entityManager = entityManager;
        this.transaction = Objects.requireNonNull(transaction, "transaction");
    }

    /**
     * On application-managed entity managers of a JTA persistence unit: {@code entityManagers}
     * is asked for the entity manager of each call once its transaction is active, and the call
     * joins it to that transaction ({@code joinTransaction()}). The supplier's owner opens and
     * closes them; this unit never closes one.
     */
    public static JtaUnitOfWork applicationManaged(Supplier<EntityManager> entityManagers, UserTransaction transaction) {
        return new JtaUnitOfWork(Objects.requireNonNull(entityManagers, "entityManagers"), transaction);
    }

    private static Supplier<EntityManager> supplierOf(EntityManager em) {
        return () -> em;
    }

    @Override
    public <T> T read(String operation, Function<EntityManager, T> work) {
        return run(operation, work, false);
    }

    @Override
    public <T> T write(String operation, Function<EntityManager, T> work) {
        return run(operation, work, true);
    }

    /** Whether a JTA transaction is associated with the calling thread (work then runs in it). */
    @Override
    public boolean inCallerTransaction() {
        try {
            return transaction.getStatus() != Status.STATUS_NO_TRANSACTION;
        } catch (SystemException e) {
            throw ErrorTranslator.translate("read the JTA transaction status", e);
        }
    }

    private <T> T run(String operation, Function<EntityManager, T> work, boolean writing) {
        return inCallerTransaction()
                ? inCallerTransaction(operation, work)
                : inOwnTransaction(operation, work, writing);
    }

    private <T> T inCallerTransaction(String operation, Function<EntityManager, T> work) {
        try {
            // The caller's flush mode and read-only default stay as they are: the persistence
            // context is the caller's too.
            return work.apply(joined());
        } catch (RuntimeException e) {
            markRollbackOnly(e);
            throw ErrorTranslator.translate(operation, e);
        }
    }

    private <T> T inOwnTransaction(String operation, Function<EntityManager, T> work, boolean writing) {
        try {
            transaction.begin();
        } catch (Exception e) {
            throw ErrorTranslator.translate(operation + ": cannot begin a JTA transaction", e);
        }
        T result;
        try {
            EntityManager em = joined();
            result = writing ? work.apply(em) : readOnly(em, work);
            if (writing && em.isOpen()) {
                // Errors surface here, translated, rather than as a bare RollbackException of
                // the commit (which runs the flush in a synchronization).
                em.flush();
            }
        } catch (RuntimeException e) {
            rollbackQuietly(e);
            throw ErrorTranslator.translate(operation, e);
        }
        try {
            // A read commits too: Hibernate Search completes the bookkeeping of any index work.
            transaction.commit();
            return result;
        } catch (Exception e) {
            rollbackQuietly(e);
            throw ErrorTranslator.translate(operation, e);
        }
    }

    private EntityManager joined() {
        EntityManager em = entityManager.get();
        if (em == null) {
            throw new IllegalStateException("no entity manager to run in");
        }
        if (!em.isJoinedToTransaction()) {
            em.joinTransaction(); // an application-managed (or unsynchronized) one
        }
        return em;
    }

    /**
     * Runs a read with nothing it loads written back: no snapshots for dirty checking and no
     * flush before its queries. The entity manager's own settings come back afterwards (an
     * application-managed one may outlive this transaction).
     */
    private static <T> T readOnly(EntityManager em, Function<EntityManager, T> work) {
        Session session = em.unwrap(Session.class);
        boolean readOnly = session.isDefaultReadOnly();
        FlushMode flushMode = session.getHibernateFlushMode();
        session.setDefaultReadOnly(true);
        session.setHibernateFlushMode(FlushMode.MANUAL);
        try {
            return work.apply(em);
        } finally {
            if (session.isOpen()) {
                session.setHibernateFlushMode(flushMode);
                session.setDefaultReadOnly(readOnly);
            }
        }
    }

    private void markRollbackOnly(Exception cause) {
        try {
            if (transaction.getStatus() == Status.STATUS_ACTIVE) {
                transaction.setRollbackOnly();
            }
        } catch (Exception markFailure) {
            cause.addSuppressed(markFailure);
        }
    }

    private void rollbackQuietly(Exception cause) {
        try {
            if (transaction.getStatus() != Status.STATUS_NO_TRANSACTION) {
                transaction.rollback();
            }
        } catch (Exception rollbackFailure) {
            cause.addSuppressed(rollbackFailure);
        }
    }
}
