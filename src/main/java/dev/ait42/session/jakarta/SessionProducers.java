package dev.ait42.session.jakarta;

import dev.ait42.session.SessionServices;
import dev.ait42.session.legacy.LegacyHistory;
import dev.ait42.session.repository.SessionRepository;
import dev.ait42.session.search.FullTextSearch;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.UserTransaction;

import javax.sql.DataSource;

/**
 * The library's beans in a CDI application: {@link SessionRepository}, {@link FullTextSearch},
 * {@link LegacyHistory} and {@link SessionServices}, all on one {@link JtaUnitOfWork}. Each call
 * joins the caller's JTA transaction ({@code @Transactional}, an EJB's) or runs in one of its own.
 *
 * <p>{@link SessionCdiExtension} adds this class to every CDI container the library's jar is in,
 * whatever the bean discovery mode. What it needs from the application, looked up when a bean
 * is first used (so an application that never uses them needs none of it):
 *
 * <ul>
 * <li>an {@link EntityManager} bean (no qualifier) of the persistence unit that holds the
 *     library's mapping: the container-managed one, exposed by the usual
 *     <pre>{@code @Produces @PersistenceContext(unitName = "app") EntityManager em;}</pre></li>
 * <li>the {@link UserTransaction}: a built-in bean of Jakarta EE containers;</li>
 * <li>optionally a {@link DataSource} bean (no qualifier) of the same database, for
 *     {@link SessionServices#maintenance()}.</li>
 * </ul>
 *
 * An application that wants its own bean of one of these types (another unit of work, a
 * qualified entity manager) declares it {@code @Alternative @Priority(...)}: it then takes the
 * place of this one.
 */
@ApplicationScoped
public class SessionProducers {

    @Inject
    Instance<EntityManager> entityManager;

    @Inject
    Instance<UserTransaction> userTransaction;

    @Inject
    Instance<DataSource> dataSource;

    private volatile SessionServices services;

    /** The services on the application's entity manager and user transaction. */
    @Produces
    @Dependent
    public SessionServices sessionServices() {
        SessionServices built = services;
        if (built == null) {
            synchronized (this) {
                built = services;
                if (built == null) {
                    built = SessionServices.on(new JtaUnitOfWork(required(entityManager, EntityManager.class),
                            required(userTransaction, UserTransaction.class)), dataSource.isResolvable() ? dataSource.get() : null);
                    services = built;
                }
            }
        }
        return built;
    }

    @Produces
    @Dependent
    public SessionRepository sessionRepository() {
        return sessionServices().sessions();
    }

    @Produces
    @Dependent
    public FullTextSearch fullTextSearch() {
        return sessionServices().fullText();
    }

    @Produces
    @Dependent
    public LegacyHistory legacyHistory() {
        return sessionServices().legacy();
    }

    private static <T> T required(Instance<T> beans, Class<T> type) {
        if (beans.isUnsatisfied()) {
            throw new IllegalStateException("ait42-session needs a CDI bean of type " + type.getName()
                    + (type == EntityManager.class
                    ? ": expose the persistence unit that holds the library's mapping, e.g."
                            + " '@Produces @PersistenceContext EntityManager em;'"
                    : ": the container's built-in bean is missing (is JTA available?)"));
        }
        if (beans.isAmbiguous()) {
            throw new IllegalStateException("ait42-session needs one CDI bean of type " + type.getName()
                    + " without qualifier, and there are several: produce SessionServices yourself"
                    + " (@Alternative @Priority) on new JtaUnitOfWork(em, userTransaction)");
        }
        return beans.get();
    }
}
