package dev.ait42.session.mapping;

import org.hibernate.boot.ResourceStreamLocator;
import org.hibernate.boot.spi.AdditionalMappingContributions;
import org.hibernate.boot.spi.AdditionalMappingContributor;
import org.hibernate.boot.spi.InFlightMetadataCollector;
import org.hibernate.boot.spi.MetadataBuildingContext;
import org.hibernate.engine.config.spi.ConfigurationService;
import org.hibernate.engine.config.spi.StandardConverters;

/**
 * Adds the library's entities to a persistence unit whose settings ask for it
 * ({@value SessionMapping#CONTRIBUTE}{@code =true}); found by Hibernate through
 * {@code META-INF/services}. Public only because Hibernate's service loader needs it.
 */
public final class SessionMappingContributor implements AdditionalMappingContributor {

    @Override
    public String getContributorName() {
        return "ait42-session";
    }

    @Override
    public void contribute(AdditionalMappingContributions contributions, InFlightMetadataCollector metadata,
                           ResourceStreamLocator resources, MetadataBuildingContext context) {
        boolean wanted = context.getBootstrapContext().getServiceRegistry()
                .requireService(ConfigurationService.class)
                .getSetting(SessionMapping.CONTRIBUTE, StandardConverters.BOOLEAN, false);
        if (!wanted) {
            return;
        }
        for (Class<?> entity : SessionMapping.MANAGED_CLASSES) {
            if (metadata.getEntityBinding(entity.getName()) == null) { // listed by the unit already
                contributions.contributeEntity(entity);
            }
        }
    }
}
