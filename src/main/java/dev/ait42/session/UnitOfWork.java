package dev.ait42.session;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;

import java.util.function.Function;

/**
 * Where every operation of the library gets its {@link EntityManager}: the one small seam between
 * the operations (written once) and the ways the library runs.
 *
 * <ul>
 * <li>{@link SessionStore} (embedded): the store's own factory, one resource-local transaction
 *     per call, writes on its single SQLite write connection;</li>
 * <li>{@link #resourceLocal(EntityManagerFactory)}: an application's plain JPA factory, one
 *     transaction of its own per call;</li>
 * <li>{@code dev.ait42.session.spring.SpringUnitOfWork}: the entity manager of the caller's
 *     Spring transaction ({@code @Transactional}, {@code TransactionTemplate}), or a transaction
 *     of its own when there is none;</li>
 * <li>{@code dev.ait42.session.jakarta.JtaUnitOfWork}: a container-managed (JTA) entity manager,
 *     inside the caller's JTA transaction or one of its own.</li>
 * </ul>
 *
 * Either way a call that throws leaves nothing committed (inside a caller's transaction it marks
 * that transaction rollback-only), and every failure leaves as a {@link SessionStoreException}.
 */
public interface UnitOfWork {

    /** Runs work that only reads. {@code operation} names it in error messages. */
    <T> T read(String operation, Function<EntityManager, T> work);

    /** Runs work that writes; it is committed with the transaction it runs in. */
    <T> T write(String operation, Function<EntityManager, T> work);

    /**
     * Whether work runs inside a transaction the caller began. Bulk operations (import, reindex)
     * then keep the caller's persistence context instead of clearing it between chunks.
     */
    default boolean inCallerTransaction() {
        return false;
    }

    /**
     * Plain JPA, outside any container: each call runs in a resource-local transaction of its own
     * on an entity manager of {@code factory}, whose persistence unit includes the library's
     * mapping (see {@link dev.ait42.session.mapping.SessionMapping}).
     */
    static UnitOfWork resourceLocal(EntityManagerFactory factory) {
        return new ResourceLocalUnitOfWork(factory, ResourceLocalUnitOfWork.WriteScope.NONE);
    }
}
