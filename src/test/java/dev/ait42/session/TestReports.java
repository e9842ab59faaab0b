package dev.ait42.session;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Figures that tests measure (statement counts, analysis quality, import rates) for people to
 * read: written to {@code target/test-reports/NAME.txt}, and to standard output only with
 * {@code -Dait42.printReports=true}, so that a test run prints only the runner's lines.
 */
public final class TestReports {

    public static final Path FOLDER = Path.of("target", "test-reports");

    private TestReports() {
    }

    /** Replaces the report {@code name} with {@code text}; returns its file. */
    public static Path write(String name, String text) {
        Path file = FOLDER.resolve(name + ".txt");
        try {
            Files.createDirectories(FOLDER);
            Files.writeString(file, text.endsWith("\n") ? text : text + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (Boolean.getBoolean("ait42.printReports")) {
            System.out.print(text.endsWith("\n") ? text : text + "\n");
        }
        return file;
    }
}
