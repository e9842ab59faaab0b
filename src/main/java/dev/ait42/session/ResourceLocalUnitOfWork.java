package dev.ait42.session;

import dev.ait42.session.store.ErrorTranslator;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.EntityTransaction;
import org.hibernate.FlushMode;
import org.hibernate.Session;

import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * One resource-local transaction per call: the work either commits whole or leaves the database
 * as it was. Reads run read-only: nothing they load is dirty-checked or flushed.
 */
final class ResourceLocalUnitOfWork implements UnitOfWork {

    /** Wraps every write transaction (the embedded store routes it to its write connection). */
    interface WriteScope {
        WriteScope NONE = new WriteScope() {
            @Override
            public <T> T around(Supplier<T> work) {
                return work.get();
            }
        };

        <T> T around(Supplier<T> work);
    }

    private final EntityManagerFactory factory;
    private final WriteScope writeScope;

    ResourceLocalUnitOfWork(EntityManagerFactory factory, WriteScope writeScope) {
        this.factory = Objects.requireNonNull(factory, "factory");
        this.writeScope = writeScope;
    }

    @Override
    public <T> T read(String operation, Function<EntityManager, T> work) {
        return run(operation, work, false);
    }

    @Override
    public <T> T write(String operation, Function<EntityManager, T> work) {
        return writeScope.around(() -> run(operation, work, true));
    }

    private <T> T run(String operation, Function<EntityManager, T> work, boolean writing) {
        EntityManager em = null;
        EntityTransaction tx = null;
        try {
            em = factory.createEntityManager();
            if (!writing) {
                // Nothing a read loads is written back: no snapshots for dirty checking, and no
                // dirty check of everything loaded so far before each further query.
                Session session = em.unwrap(Session.class);
                session.setDefaultReadOnly(true);
                session.setHibernateFlushMode(FlushMode.MANUAL);
            }
            tx = em.getTransaction();
            tx.begin();
            T result = work.apply(em);
            // A read commits too: nothing is flushed, and Hibernate Search completes the
            // bookkeeping of any index work the read did (a rollback would leave it behind).
            tx.commit();
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
