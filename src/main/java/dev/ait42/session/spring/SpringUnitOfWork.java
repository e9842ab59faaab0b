package dev.ait42.session.spring;

import dev.ait42.session.UnitOfWork;
import dev.ait42.session.store.ErrorTranslator;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import org.springframework.orm.jpa.EntityManagerFactoryUtils;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.Objects;
import java.util.function.Function;

/**
 * The library's operations inside Spring transactions: each call joins the caller's transaction
 * ({@code @Transactional}, {@code TransactionTemplate}) and uses its entity manager, or runs in a
 * transaction of its own when there is none (propagation {@code REQUIRED}). A rollback of the
 * caller undoes the library's writes and indexes nothing; a failed call marks the caller's
 * transaction rollback-only.
 *
 * <pre>{@code
 * UnitOfWork unit = new SpringUnitOfWork(entityManagerFactory, transactionManager);
 * SessionServices services = SessionServices.on(unit, dataSource);
 * }</pre>
 *
 * Spring Boot applications get this, and the services on it, from the auto-configuration.
 */
public final class SpringUnitOfWork implements UnitOfWork {

    private final EntityManagerFactory factory;
    private final TransactionTemplate reads;
    private final TransactionTemplate writes;

    /** @param transactionManager the manager of {@code factory}'s transactions (Boot's JpaTransactionManager) */
    public SpringUnitOfWork(EntityManagerFactory factory, PlatformTransactionManager transactionManager) {
        this.factory = Objects.requireNonNull(factory, "factory");
        Objects.requireNonNull(transactionManager, "transactionManager");
        this.writes = new TransactionTemplate(transactionManager);
        this.writes.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRED);
        this.reads = new TransactionTemplate(transactionManager);
        this.reads.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRED);
        this.reads.setReadOnly(true); // a read-only transaction of its own: no dirty checks, no flush
    }

    @Override
    public <T> T read(String operation, Function<EntityManager, T> work) {
        return run(reads, operation, work);
    }

    @Override
    public <T> T write(String operation, Function<EntityManager, T> work) {
        return run(writes, operation, work);
    }

    @Override
    public boolean inCallerTransaction() {
        return TransactionSynchronizationManager.isActualTransactionActive();
    }

    private <T> T run(TransactionTemplate template, String operation, Function<EntityManager, T> work) {
        try {
            return template.execute(status -> work.apply(currentEntityManager()));
        } catch (RuntimeException e) {
            throw ErrorTranslator.translate(operation, e);
        }
    }

    private EntityManager currentEntityManager() {
        EntityManager em = EntityManagerFactoryUtils.getTransactionalEntityManager(factory);
        if (em == null) {
            throw new IllegalStateException("no entity manager is bound to the transaction: the transaction"
                    + " manager given to SpringUnitOfWork does not manage this EntityManagerFactory");
        }
        return em;
    }
}
