package dev.ait42.session.spring.boot;

import dev.ait42.session.SessionServices;
import dev.ait42.session.legacy.LegacyHistory;
import dev.ait42.session.maintenance.Maintenance;
import dev.ait42.session.repository.SessionRepository;
import dev.ait42.session.search.FullTextSearch;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/** The library's services as beans, from whichever {@link SessionServices} the application has. */
@AutoConfiguration(after = SessionAutoConfiguration.class)
@ConditionalOnBean(SessionServices.class)
public class SessionServicesAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    SessionRepository sessionRepository(SessionServices services) {
        return services.sessions();
    }

    @Bean
    @ConditionalOnMissingBean
    FullTextSearch fullTextSearch(SessionServices services) {
        return services.fullText();
    }

    @Bean
    @ConditionalOnMissingBean
    LegacyHistory legacyHistory(SessionServices services) {
        return services.legacy();
    }

    @Bean
    @ConditionalOnMissingBean
    Maintenance sessionMaintenance(SessionServices services) {
        return services.maintenance();
    }
}
