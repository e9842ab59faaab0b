package dev.ait42.session.jakarta;

import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.BeforeBeanDiscovery;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.enterprise.inject.spi.ProcessAnnotatedType;

/**
 * Adds {@link SessionProducers} to the CDI container, whatever the bean discovery mode of the
 * application and whether or not the library's jar is scanned; registered in
 * {@code META-INF/services/jakarta.enterprise.inject.spi.Extension}. Frameworks that are not CDI
 * containers (Spring) never load it. Public only because CDI's service loader needs it.
 */
public final class SessionCdiExtension implements Extension {

    private boolean producersSeen;

    void addProducers(@Observes BeforeBeanDiscovery discovery) {
        discovery.addAnnotatedType(SessionProducers.class, SessionProducers.class.getName());
    }

    /**
     * A container that also scans the library's jar finds the class a second time: one bean
     * only. (Both copies are the same class with the same annotations, so which one stays does
     * not matter; containers differ in which event the added one arrives as.)
     */
    synchronized void keepOneProducer(@Observes ProcessAnnotatedType<SessionProducers> type) {
        if (producersSeen) {
            type.veto();
        }
        producersSeen = true;
    }
}
