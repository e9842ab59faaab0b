package dev.ait42.it.shop;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.nio.file.Path;

/** {@link SharedModeTests} on a SQLite file: the index goes next to it by default. */
class SharedModeTest extends SharedModeTests {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> TestDatabase.sqliteUrl(DIR.resolve("shop.db")));
    }

    @Override
    Path expectedIndexDirectory() {
        return DIR.resolve("shop.db.index");
    }

    @Override
    boolean sqlite() {
        return true;
    }
}
