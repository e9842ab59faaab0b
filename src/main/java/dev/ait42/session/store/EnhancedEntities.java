package dev.ait42.session.store;

import dev.ait42.session.mapping.SessionMapping;
import org.hibernate.boot.registry.StandardServiceRegistryBuilder;
import org.hibernate.bytecode.spi.BytecodeProvider;
import org.hibernate.engine.spi.PersistentAttributeInterceptable;
import org.hibernate.service.spi.ServiceContributor;

import java.util.Map;

/**
 * The store's unit without run-time bytecode generation. The build enhances the entity classes
 * (src/build/EnhanceEntities.java), so a lazy reference is the entity itself, not yet loaded;
 * Hibernate would still generate proxy and accessor classes for them at every boot, with
 * ByteBuddy (about a third of a read command's start-up). With {@link #SETTING} in a unit's
 * settings, this contributor (found by Hibernate through {@code ServiceLoader}) gives that unit
 * Hibernate's provider that generates nothing; other units, an application's, are left alone.
 */
public final class EnhancedEntities implements ServiceContributor {

    /** Setting of a persistence unit: {@code true} boots it without generating classes. */
    static final String SETTING = "ait42.session.store.no_runtime_bytecode";

    /**
     * Whether the entity classes on the class path are the build's enhanced ones (not when
     * compiled by an IDE, say): only then can Hibernate do without generated proxies.
     */
    static boolean available() {
        return SessionMapping.MANAGED_CLASSES.stream().allMatch(PersistentAttributeInterceptable.class::isAssignableFrom);
    }

    @Override
    public void contribute(StandardServiceRegistryBuilder registry) {
        if (requested(registry.getSettings())) {
            registry.addService(BytecodeProvider.class, new org.hibernate.bytecode.internal.none.BytecodeProviderImpl());
        }
    }

    private static boolean requested(Map<String, Object> settings) {
        return Boolean.parseBoolean(String.valueOf(settings.get(SETTING)));
    }
}
