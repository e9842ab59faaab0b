package dev.ait42.session.mapping;

import dev.ait42.session.model.Session;
import dev.ait42.session.schema.SessionSchema;
import dev.ait42.session.store.SqliteSettings;
import jakarta.persistence.Entity;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.cfg.AvailableSettings;
import org.hibernate.jpa.HibernatePersistenceConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteDataSource;
import org.sqlite.SQLiteConfig;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The ways an application's persistence unit gets (or does not get) the library's mapping. */
class SessionMappingTest {

    /** An application's own entity with an Instant, beside the library's. */
    @Entity(name = "Reminder")
    @Table(name = "reminders")
    public static class Reminder {
        @Id
        Long id;
        Instant due;

        protected Reminder() {
        }

        Reminder(long id, Instant due) {
            this.id = id;
            this.due = due;
        }
    }

    @TempDir
    Path dir;

    @Test
    void aUnitWithoutTheSettingGetsNoneOfTheLibrarysEntities() {
        try (EntityManagerFactory factory = unit(false, u -> u)) {
            assertFalse(hasEntity(factory, Session.ENTITY_NAME));
            assertTrue(hasEntity(factory, "Reminder"));
        }
    }

    @Test
    void theContributeSettingAddsTheLibrarysEntitiesBesideTheApplicationsOwn() {
        try (EntityManagerFactory factory = unit(true, u -> u.property(SessionMapping.CONTRIBUTE, true))) {
            for (String name : new String[] {"Ait42Workspace", "Ait42Session", "Ait42Instance", "Ait42ChatMessage"}) {
                assertTrue(hasEntity(factory, name), name);
            }
            assertTrue(hasEntity(factory, "Reminder"));
        }
    }

    @Test
    void theMappingFileAddsTheLibrarysEntities() {
        try (EntityManagerFactory factory = unit(true, u -> u.mappingFile(SessionMapping.ORM_XML))) {
            assertTrue(hasEntity(factory, Session.ENTITY_NAME));
        }
    }

    @Test
    void theLibrarysTimestampConverterLeavesTheApplicationsInstantsAlone() throws Exception {
        Instant due = Instant.parse("2025-05-02T09:00:00.123Z");
        try (EntityManagerFactory factory = unit(true, u -> u.property(SessionMapping.CONTRIBUTE, true))) {
            EntityManager em = factory.createEntityManager();
            em.getTransaction().begin();
            em.persist(new Reminder(1, due));
            em.getTransaction().commit();
            em.close();
        }
        try (Connection c = dataSource().getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT due FROM reminders")) {
            rs.next();
            assertNotEquals("2025-05-02T09:00:00.123Z", rs.getString(1), "stored by Hibernate's own mapping");
        }
        try (EntityManagerFactory factory = unit(false, u -> u)) {
            assertEquals(due, factory.createEntityManager().find(Reminder.class, 1L).due);
        }
    }

    /** @param library whether the unit gets the library (its index settings go with its entities) */
    private EntityManagerFactory unit(boolean library, UnaryOperator<HibernatePersistenceConfiguration> settings) {
        SQLiteDataSource dataSource = dataSource();
        SessionSchema.migrate(dataSource);
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE IF NOT EXISTS reminders (id BIGINT PRIMARY KEY, due TIMESTAMP)");
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        HibernatePersistenceConfiguration unit = new HibernatePersistenceConfiguration("application")
                .managedClasses(Reminder.class)
                .property(AvailableSettings.JAKARTA_NON_JTA_DATASOURCE, dataSource)
                .property(AvailableSettings.HBM2DDL_AUTO, "validate")
                .property(AvailableSettings.HBM2DDL_JDBC_METADATA_EXTRACTOR_STRATEGY, "individually");
        if (library) {
            SessionMapping.searchProperties(dir.resolve("index")).forEach(unit::property);
        }
        return settings.apply(unit).createEntityManagerFactory();
    }

    private SQLiteDataSource dataSource() {
        SQLiteDataSource dataSource = new SQLiteDataSource(new SQLiteConfig(
                SqliteSettings.connectionProperties(SqliteSettings.DEFAULT_BUSY_TIMEOUT)));
        dataSource.setUrl("jdbc:sqlite:" + dir.resolve("app.db"));
        return dataSource;
    }

    private static boolean hasEntity(EntityManagerFactory factory, String name) {
        return factory.getMetamodel().getEntities().stream().anyMatch(e -> e.getName().equals(name));
    }
}
