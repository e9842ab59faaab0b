package dev.ait42.session.jakarta;

import dev.ait42.session.repository.SessionRepository;
import dev.ait42.session.search.FullTextSearch;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.spi.Extension;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.Test;

import java.util.ServiceLoader;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The library's CDI extension on its own, in a container that has nothing else. */
class JtaCdiExtensionTest {

    @Test
    void theExtensionIsRegisteredForCdisServiceLoader() {
        assertTrue(ServiceLoader.load(Extension.class).stream()
                .anyMatch(p -> p.type() == SessionCdiExtension.class));
    }

    @Test
    void aContainerThatAlsoScansTheProducersGetsOneBeanOfEachType() {
        // As in a container that treats the library's jar as a bean archive.
        try (WeldContainer weld = new Weld("scanned-" + System.nanoTime()).disableDiscovery()
                .addExtension(new SessionCdiExtension())
                .addBeanClass(SessionProducers.class)
                .initialize()) {
            assertTrue(weld.select(SessionRepository.class).isResolvable());
            assertTrue(weld.select(FullTextSearch.class).isResolvable());
        }
    }

    @Test
    void anApplicationWithoutAnEntityManagerBeanStillDeploysAndIsToldWhatIsMissingOnUse() {
        try (WeldContainer weld = new Weld("bare-" + System.nanoTime()).disableDiscovery()
                .addExtension(new SessionCdiExtension())
                .addBeanClass(SessionProducers.class)
                .initialize()) {
            Instance<SessionRepository> repository = weld.select(SessionRepository.class);
            IllegalStateException missing = assertThrows(IllegalStateException.class, repository::get);
            assertTrue(missing.getMessage().contains("jakarta.persistence.EntityManager"), missing.getMessage());
            assertTrue(missing.getMessage().contains("@PersistenceContext"), missing.getMessage());
        }
    }
}
