package dev.ait42.session.store;

import dev.ait42.session.SessionStoreException;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.EntityTransaction;
import org.hibernate.FlushMode;
import org.hibernate.Session;

import java.util.function.Function;

/**
 * One transaction per operation: the work either commits whole or leaves the database as it
 * was. Every failure leaves as a {@link SessionStoreException} (see {@link ErrorTranslator}).
 */
public final class Transactions {

    private final EntityManagerFactory factory;

    public Transactions(EntityManagerFactory factory) {
        this.factory = factory;
    }

    /** Runs read-only work on a read connection; nothing it changes is flushed. */
    public <T> T read(String operation, Function<EntityManager, T> work) {
        return run(operation, work, false);
    }

    /** Runs work on the write connection and commits it. */
    public <T> T write(String operation, Function<EntityManager, T> work) {
        return RoutingDataSource.whileWriting(() -> run(operation, work, true));
    }

    private <T> T run(String operation, Function<EntityManager, T> work, boolean commit) {
        EntityManager em = null;
        EntityTransaction tx = null;
        try {
            em = factory.createEntityManager();
            if (!commit) {
                // Nothing a read loads is written back: no snapshots for dirty checking, and no
                // dirty check of everything loaded so far before each further query.
                Session session = em.unwrap(Session.class);
                session.setDefaultReadOnly(true);
                session.setHibernateFlushMode(FlushMode.MANUAL);
            }
            tx = em.getTransaction();
            tx.begin();
            T result = work.apply(em);
            if (commit) {
                tx.commit();
            } else {
                tx.rollback();
            }
            return result;
        } catch (RuntimeException e) {
            rollbackQuietly(tx, e);
            throw ErrorTranslator.translate(operation, e);
        } finally {
            if (em != null) {
                em.close();
            }
        }
    }

    private static void rollbackQuietly(EntityTransaction tx, RuntimeException cause) {
        try {
            if (tx != null && tx.isActive()) {
                tx.rollback();
            }
        } catch (RuntimeException rollbackFailure) {
            cause.addSuppressed(rollbackFailure);
        }
    }
}
