package dev.ait42.session;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The model is the bottom layer: it knows the library's errors and nothing else of the library. */
class PackageDirectionTest {

    private static final Path MODEL = Path.of("src/main/java/dev/ait42/session/model");
    private static final Pattern PROJECT_REFERENCE = Pattern.compile("dev\\.ait42\\.session\\.([a-z]+)\\.");

    @Test
    void theModelReferencesNoOtherPackageOfTheLibrary() throws IOException {
        try (Stream<Path> sources = Files.list(MODEL)) {
            List<String> references = sources.filter(p -> p.toString().endsWith(".java"))
                    .flatMap(PackageDirectionTest::projectReferences)
                    .filter(reference -> !reference.endsWith(": model"))
                    .sorted().toList();
            assertEquals(List.of(), references);
        }
    }

    private static Stream<String> projectReferences(Path source) {
        try {
            Matcher m = PROJECT_REFERENCE.matcher(Files.readString(source));
            Stream.Builder<String> found = Stream.builder();
            while (m.find()) {
                found.add(source.getFileName() + ": " + m.group(1));
            }
            return found.build();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
