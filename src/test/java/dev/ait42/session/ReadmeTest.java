package dev.ait42.session;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The README stands on its own: no outside references, Java examples with their imports. */
class ReadmeTest {

    private static final List<String> PACKAGES = List.of("dev.ait42.session", "dev.ait42.session.model",
            "dev.ait42.session.repository", "dev.ait42.session.search", "dev.ait42.session.legacy",
            "dev.ait42.session.maintenance");

    private static String readme() throws IOException {
        return Files.readString(Path.of("README.md"));
    }

    @Test
    void namesNothingOutsideTheRepository() throws IOException {
        String readme = readme();

        assertFalse(readme.contains("../"), "a path outside the repository");
        assertFalse(Pattern.compile("(?i)\\bissues?\\s+#?\\d").matcher(readme).find(), "an issue number");
    }

    @Test
    void saysHowToGetTheMavenCoordinatesAndWhatTildeMeans() throws IOException {
        String readme = readme();

        assertTrue(readme.indexOf("./mvnw install") < readme.indexOf("<artifactId>ait42-session</artifactId>")
                && readme.contains("./mvnw install"), "install before the dependency");
        assertTrue(readme.contains("Java's `user.home`"), "what ~ means");
    }

    @Test
    void everyJavaExampleImportsTheProjectClassesItUses() throws IOException, ClassNotFoundException {
        Matcher block = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL).matcher(readme());
        int blocks = 0;
        while (block.find()) {
            blocks++;
            String code = block.group(1);
            List<String> imported = new ArrayList<>();
            Matcher imports = Pattern.compile("^import ([\\w.]+);$", Pattern.MULTILINE).matcher(code);
            while (imports.find()) {
                Class.forName(imports.group(1)); // fails if the README imports something that does not exist
                imported.add(imports.group(1).substring(imports.group(1).lastIndexOf('.') + 1));
            }
            String body = code.replaceAll("(?m)^import .*$", "").replaceAll("//.*", "").replaceAll("\"[^\"]*\"", "");
            Matcher word = Pattern.compile("\\b[A-Z][a-z]\\w*\\b").matcher(body);
            while (word.find()) {
                String name = word.group();
                if (projectClass(name) || name.equals("Path") || name.equals("Instant") || name.equals("UUID")) {
                    assertTrue(imported.contains(name), "a Java example uses " + name + " without importing it:\n"
                            + code);
                }
            }
        }
        assertTrue(blocks >= 4, "Java examples found: " + blocks);
    }

    private static boolean projectClass(String simpleName) {
        for (String p : PACKAGES) {
            try {
                Class.forName(p + "." + simpleName);
                return true;
            } catch (ClassNotFoundException notThere) {
                // next package
            }
        }
        return false;
    }
}
