package dev.ait42.session.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The built jar as a user runs it ({@code java -jar target/ait42-session.jar ...}), after
 * {@code package}: with the class-data archive the build leaves next to it, a command runs in a
 * second JVM that maps it; output and exit status are the same as in one JVM without it.
 */
class CommandLineJarIT {

    private static final Path JAR = Path.of(System.getProperty("ait42.jar", "target/ait42-session.jar"));

    @TempDir
    Path dir;

    record Result(int status, String out, String err) {
    }

    private Result java(Map<String, String> environment, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectOutput(dir.resolve("out.txt").toFile()).redirectError(dir.resolve("err.txt").toFile());
        builder.environment().putAll(environment);
        int status = builder.start().waitFor();
        return new Result(status, Files.readString(dir.resolve("out.txt"), StandardCharsets.UTF_8),
                Files.readString(dir.resolve("err.txt"), StandardCharsets.UTF_8));
    }

    @Test
    void buildLeavesAClassDataArchiveThatTheCommandsLoadTheirClassesFrom() throws Exception {
        if (Boolean.getBoolean("ait42.skipArchive")) {
            return; // built with -Dait42.skipArchive: there is deliberately no archive to check
        }
        assertTrue(Files.exists(ClassDataLauncher.archiveFor(JAR, System.getProperty("java.vm.version"))));

        Result run = java(Map.of(), "-verbose:class", "-jar", JAR.toString(), "--version");

        assertEquals(0, run.status(), run.err());
        assertTrue(run.out().lines().anyMatch(line -> line.contains("dev.ait42.session.cli.Main source: shared objects file")),
                "Main loaded from the archive in the second JVM");
    }

    @Test
    void outputAndExitStatusAreTheSameWithAndWithoutTheArchive() throws Exception {
        String db = dir.resolve("sessions.db").toString();
        assertEquals(0, java(Map.of(), "-jar", JAR.toString(), "import", "examples/ait42-home", "--db", db).status());
        ObjectMapper json = new ObjectMapper();

        for (Map<String, String> environment : List.of(Map.<String, String>of(), Map.of("AIT42_CDS", "off"))) {
            Result list = java(environment, "-jar", JAR.toString(), "list", "--json", "--db", db);
            assertEquals(0, list.status(), list.err());
            assertEquals(6, json.readTree(list.out()).get("sessions").size(), environment.toString());

            Result usage = java(environment, "-jar", JAR.toString(), "list", "--bogus");
            assertEquals(2, usage.status());
            assertTrue(usage.err().startsWith("error: Unknown option: '--bogus'"), usage.err());

            Result missing = java(environment, "-jar", JAR.toString(), "show", "nope", "--db", db);
            assertEquals(1, missing.status());
            assertEquals("error: no session 'nope' in any workspace", missing.err().strip());
        }
    }
}
