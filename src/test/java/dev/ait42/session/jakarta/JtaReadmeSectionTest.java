package dev.ait42.session.jakarta;

import dev.ait42.session.mapping.SessionMapping;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The README's persistence.xml for Jakarta EE says what the library's code says. */
class JtaReadmeSectionTest {

    private static final Pattern PROPERTY = Pattern.compile("<property name=\"([^\"]+)\" value=\"([^\"]*)\"/>");

    @Test
    void theReadmesPersistenceUnitHasTheSearchSettingsAndTheMappingFileOfTheCode() throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        String section = readme.substring(readme.indexOf("### In a Jakarta EE application (CDI + JTA)"));
        String unit = section.substring(section.indexOf("<persistence-unit"), section.indexOf("</persistence-unit>"));

        Map<String, String> search = new TreeMap<>();
        Matcher m = PROPERTY.matcher(unit);
        while (m.find()) {
            if (m.group(1).startsWith("hibernate.search.") && !m.group(1).endsWith("directory.root")) {
                search.put(m.group(1), m.group(2));
            }
        }
        Map<String, String> expected = new TreeMap<>();
        SessionMapping.searchProperties(Path.of("index")).forEach((k, v) -> {
            if (!k.endsWith("directory.root")) {
                expected.put(k, String.valueOf(v));
            }
        });
        assertEquals(expected, search);
        assertTrue(unit.contains("hibernate.search.backend.directory.root"));
        assertTrue(unit.contains("<mapping-file>" + SessionMapping.ORM_XML + "</mapping-file>"));
        assertTrue(unit.contains(SessionMapping.CONTRIBUTE));
    }
}
