package dev.ait42.session.store;

import dev.ait42.session.Fixtures;
import dev.ait42.session.SessionStore;
import dev.ait42.session.StoreConfig;
import dev.ait42.session.model.Instance;
import dev.ait42.session.model.Session;
import jakarta.persistence.EntityManager;
import org.hibernate.Hibernate;
import org.hibernate.boot.registry.StandardServiceRegistry;
import org.hibernate.boot.registry.StandardServiceRegistryBuilder;
import org.hibernate.bytecode.spi.BytecodeProvider;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The build's enhanced entities: the store's unit boots with Hibernate's provider that generates
 * no classes, its lazy references still load on first use, and units without the setting (an
 * application's) keep Hibernate's own provider.
 */
class EnhancedEntitiesTest {

    @TempDir
    Path dir;

    @Test
    void theBuildEnhancesEveryEntityClass() {
        assertTrue(EnhancedEntities.available(), "the entity classes on the test class path are the enhanced ones");
    }

    @Test
    void theStoresUnitGeneratesNoClassesAndItsLazyReferencesLoadOnFirstUse() {
        Path db = dir.resolve("sessions.db");
        try (SessionStore store = SessionStore.open(StoreConfig.builder(db).fullTextSearch(false).build())) {
            String ws = store.sessions().registerWorkspace(dir).getHash();
            Session saved = store.sessions().create(ws, Fixtures.sessionWithGraph("lazy task", 2, 1));

            SessionFactoryImplementor factory = store.entityManagerFactory().unwrap(SessionFactoryImplementor.class);
            assertInstanceOf(org.hibernate.bytecode.internal.none.BytecodeProviderImpl.class,
                    factory.getServiceRegistry().requireService(BytecodeProvider.class));

            EntityManager em = store.entityManagerFactory().createEntityManager();
            try {
                List<Instance> instances = em.createQuery("select i from Ait42Instance i order by i.key.instanceId",
                        Instance.class).getResultList();
                assertEquals(2, instances.size());
                Session session = instances.get(0).getSession();
                assertFalse(Hibernate.isInitialized(session), "the session is a reference, not loaded with its instance");
                assertEquals("lazy task", session.getTask());
                assertTrue(Hibernate.isInitialized(session), "loaded on first use");
                assertEquals(saved.getId(), session.getId());
            } finally {
                em.close();
            }
        }
    }

    @Test
    void aUnitWithoutTheSettingKeepsHibernatesOwnProvider() {
        for (Object setting : new Object[] {null, false, "false"}) {
            StandardServiceRegistryBuilder builder = new StandardServiceRegistryBuilder();
            if (setting != null) {
                builder.applySetting(EnhancedEntities.SETTING, setting);
            }
            StandardServiceRegistry registry = builder.build();
            try {
                assertFalse(registry.requireService(BytecodeProvider.class)
                        instanceof org.hibernate.bytecode.internal.none.BytecodeProviderImpl, "setting " + setting);
            } finally {
                StandardServiceRegistryBuilder.destroy(registry);
            }
        }
    }
}
