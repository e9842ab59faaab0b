package dev.ait42.it.shop;

import org.junit.jupiter.api.condition.EnabledIf;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.nio.file.Path;

/**
 * {@link SharedModeTests} on a PostgreSQL DataSource (Boot's Hikari pool on a database of its own),
 * when the build names a server ({@code -Dait42.test.database=jdbc:postgresql://...}); skipped
 * otherwise. A server database has no file to put the index beside: the application names its folder.
 */
@EnabledIf("serverGiven")
class SharedModeOnPostgresqlTest extends SharedModeTests {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        String url = TestDatabase.newPostgresqlDatabase();
        registry.add("spring.datasource.url", () -> url);
        registry.add("ait42.session.search.index-directory", () -> DIR.resolve("shop.index").toString());
    }

    static boolean serverGiven() {
        return TestDatabase.serverUrl() != null;
    }

    @Override
    Path expectedIndexDirectory() {
        return DIR.resolve("shop.index");
    }

    @Override
    boolean sqlite() {
        return false;
    }
}
