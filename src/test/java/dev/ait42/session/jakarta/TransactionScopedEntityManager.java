package dev.ait42.session.jakarta;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.SynchronizationType;
import jakarta.transaction.RollbackException;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.SystemException;
import jakarta.transaction.TransactionManager;
import jakarta.transaction.TransactionSynchronizationRegistry;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;

/**
 * What a Jakarta EE container injects for {@code @PersistenceContext}: one proxy, thread-safe,
 * that hands out the entity manager bound to the current JTA transaction (created on first use
 * in it, closed when it completes). A call outside any transaction gets an entity manager of its
 * own for that call.
 */
final class TransactionScopedEntityManager implements InvocationHandler {

    private final EntityManagerFactory factory;
    private final TransactionManager transactions;
    private final TransactionSynchronizationRegistry registry;

    private TransactionScopedEntityManager(EntityManagerFactory factory, TransactionManager transactions,
                                           TransactionSynchronizationRegistry registry) {
        this.factory = factory;
        this.transactions = transactions;
        this.registry = registry;
    }

    static EntityManager create(EntityManagerFactory factory, TransactionManager transactions,
                                TransactionSynchronizationRegistry registry) {
        return (EntityManager) Proxy.newProxyInstance(EntityManager.class.getClassLoader(),
                new Class<?>[] {EntityManager.class}, new TransactionScopedEntityManager(factory, transactions, registry));
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        switch (method.getName()) {
            case "equals":
                return proxy == args[0];
            case "hashCode":
                return System.identityHashCode(proxy);
            case "toString":
                return "transaction-scoped EntityManager";
            case "close":
                throw new IllegalStateException("a container-managed entity manager cannot be closed");
            default:
                break;
        }
        if (registry.getTransactionStatus() == Status.STATUS_NO_TRANSACTION) {
            if (method.getName().equals("isJoinedToTransaction")) {
                return false;
            }
            try (EntityManager em = factory.createEntityManager()) {
                return call(em, method, args);
            }
        }
        return call(current(), method, args);
    }

    private EntityManager current() throws SystemException, RollbackException {
        EntityManager em = (EntityManager) registry.getResource(this);
        if (em == null) {
            // Closed once Hibernate has completed its own work for the transaction. Its
            // synchronization is registered on the transaction (not interposed) as it joins, and
            // Narayana completes them in the reverse order of registration: so this one, on the
            // transaction too and before the entity manager exists.
            CloseAfterCompletion close = new CloseAfterCompletion();
            transactions.getTransaction().registerSynchronization(close);
            em = factory.createEntityManager(SynchronizationType.SYNCHRONIZED);
            close.entityManager = em;
            registry.putResource(this, em);
        }
        return em;
    }

    private static final class CloseAfterCompletion implements Synchronization {
        private EntityManager entityManager;

        @Override
        public void beforeCompletion() {
        }

        @Override
        public void afterCompletion(int status) {
            if (entityManager != null) {
                entityManager.close();
            }
        }
    }

    private static Object call(EntityManager em, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(em, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
