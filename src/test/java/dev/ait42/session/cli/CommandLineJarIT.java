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
 * The built command line as a user runs it, after {@code package}: through the launcher script
 * next to the jar ({@code target/ait42-session ...}), whose JVM maps the build's class-data
 * archive, and as {@code java -jar target/ait42-session.jar ...}, which runs in that one JVM
 * without it; output and exit status are the same.
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
        return run(command, environment);
    }

    private Result run(List<String> command, Map<String, String> environment) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectOutput(dir.resolve("out.txt").toFile()).redirectError(dir.resolve("err.txt").toFile());
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().putAll(environment);
        int status = builder.start().waitFor();
        return new Result(status, Files.readString(dir.resolve("out.txt"), StandardCharsets.UTF_8),
                Files.readString(dir.resolve("err.txt"), StandardCharsets.UTF_8));
    }

    private Result script(Map<String, String> environment, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(LauncherScript.scriptFor(JAR).toString()));
        command.addAll(List.of(args));
        return run(command, environment);
    }

    @Test
    void buildLeavesALauncherScriptWhoseCommandsLoadTheirClassesFromTheArchive() throws Exception {
        assertTrue(Files.isExecutable(LauncherScript.scriptFor(JAR)), "target/ait42-session, executable");
        if (Boolean.getBoolean("ait42.skipArchive")) {
            return; // built with -Dait42.skipArchive: there is deliberately no archive to check
        }
        assertTrue(Files.exists(LauncherScript.archiveFor(JAR, System.getProperty("java.vm.version"))));

        Result run = script(Map.of("JAVA_OPTS", "-verbose:class"), "--version");

        assertEquals(0, run.status(), run.err());
        assertTrue(run.out().lines().anyMatch(line -> line.contains("dev.ait42.session.cli.Main source: shared objects file")),
                "Main loaded from the archive");
    }

    @Test
    void javaJarRunsTheCommandInItsOwnJvmWithoutTheArchive() throws Exception {
        Result run = java(Map.of(), "-verbose:class", "-jar", JAR.toString(), "--version");

        assertEquals(0, run.status(), run.err());
        assertTrue(run.out().lines().anyMatch(line -> line.contains("dev.ait42.session.cli.Main source: jar:")
                || line.contains("dev.ait42.session.cli.Main source: file:")), "Main loaded from the jar, in this JVM");
    }

    @Test
    void outputAndExitStatusAreTheSameThroughTheScriptAndJavaJar() throws Exception {
        String db = dir.resolve("sessions.db").toString();
        assertEquals(0, script(Map.of(), "import", "examples/ait42-home", "--db", db).status());
        ObjectMapper json = new ObjectMapper();

        for (boolean throughScript : List.of(true, false)) {
            Result list = run(throughScript, "list", "--json", "--db", db);
            assertEquals(0, list.status(), list.err());
            assertEquals(6, json.readTree(list.out()).get("sessions").size(), "script: " + throughScript);

            Result usage = run(throughScript, "list", "--bogus");
            assertEquals(2, usage.status());
            assertTrue(usage.err().startsWith("error: Unknown option: '--bogus'"), usage.err());

            Result missing = run(throughScript, "show", "nope", "--db", db);
            assertEquals(1, missing.status());
            assertEquals("error: no session 'nope' in any workspace", missing.err().strip());
        }
    }

    private Result run(boolean throughScript, String... args) throws IOException, InterruptedException {
        if (throughScript) {
            return script(Map.of(), args);
        }
        List<String> jarArgs = new ArrayList<>(List.of("-jar", JAR.toString()));
        jarArgs.addAll(List.of(args));
        return java(Map.of(), jarArgs.toArray(String[]::new));
    }
}
