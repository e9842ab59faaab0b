package dev.ait42.it.shop;

import dev.ait42.session.SessionStore;
import dev.ait42.session.model.SessionType;
import dev.ait42.session.repository.SessionQuery;
import dev.ait42.session.repository.SessionRepository;
import dev.ait42.session.search.FullTextQuery;
import dev.ait42.session.search.FullTextSearch;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.nio.file.Path;
import javax.sql.DataSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An application without a DataSource of its own (Boot's JDBC and JPA auto-configuration are
 * off, as in an application without them) that names a database file: it gets the embedded store.
 */
@SpringBootTest(properties = "spring.autoconfigure.exclude="
        + "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration,"
        + "org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration,"
        + "org.springframework.boot.liquibase.autoconfigure.LiquibaseAutoConfiguration,"
        + "org.springframework.boot.data.jpa.autoconfigure.DataJpaRepositoriesAutoConfiguration")
class EmbeddedModeTest {

    static final Path DIR = SharedModeTests.tempDir();

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        registry.add("ait42.session.database-file", () -> DIR.resolve("history.db").toString());
    }

    @Autowired SessionStore store;
    @Autowired SessionRepository sessions;
    @Autowired FullTextSearch fullText;
    @Autowired ApplicationContext context;

    @Test
    void theEmbeddedStoreAndItsServicesAreBeansOnTheNamedFile() {
        assertEquals(DIR.resolve("history.db"), store.databaseFile());
        assertEquals(0, context.getBeansOfType(DataSource.class).size());

        String ws = sessions.registerWorkspace(DIR.resolve("project")).getHash();
        sessions.create(ws, SharedModeTests.session("e1", "embedded pelicanpump"));

        assertEquals(1, sessions.search(SessionQuery.inWorkspace(ws).types(SessionType.COMPETITION).build(), 0, 10)
                .items().size());
        assertEquals(1, fullText.search(FullTextQuery.matching("pelicanpump").build()).totalSessions());
        assertTrue(java.nio.file.Files.isDirectory(DIR.resolve("history.db.index")));
    }
}
