package dev.ait42.session.cli;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The launcher script the build ships next to the jar ({@code src/main/sh/ait42-session}), run for
 * real by {@code sh} with this JDK on a small jar of its own in place of the command line's: which
 * JVM options it gives, that arguments and the exit status pass through, and that the command's
 * JVM is the script's own process, so that kill -9 of it stops the command.
 */
class LauncherScriptTest {

    private static final Path SOURCE = Path.of("src", "main", "sh", "ait42-session");
    private static final String VM = System.getProperty("java.vm.version");

    @TempDir
    Path dir;

    Path script;
    Path jar;
    Path archive;

    /** The jar's main class: prints its pid and JVM options, then its arguments, or sleeps, or exits. */
    public static final class ShowJvm {
        public static void main(String[] args) throws InterruptedException {
            if (args.length == 2 && args[0].equals("sleep")) {
                Thread.sleep(60_000);
            }
            if (args.length == 2 && args[0].equals("exit")) {
                System.exit(Integer.parseInt(args[1]));
            }
            System.out.println("pid=" + ProcessHandle.current().pid());
            System.out.println("options=" + ManagementFactory.getRuntimeMXBean().getInputArguments());
            for (String arg : args) {
                System.out.println("arg=" + arg);
            }
        }
    }

    @BeforeEach
    void scriptNextToAJarAndItsArchive() throws IOException {
        script = Files.copy(SOURCE, dir.resolve("ait42-session"));
        jar = dir.resolve("ait42-session.jar");
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, ShowJvm.class.getName());
        String entry = ShowJvm.class.getName().replace('.', '/') + ".class";
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest);
             InputStream bytes = ShowJvm.class.getClassLoader().getResourceAsStream(entry)) {
            out.putNextEntry(new JarEntry(entry));
            bytes.transferTo(out);
        }
        // Not a real archive: -Xshare:auto makes the JVM skip one it cannot use, silently.
        archive = Files.writeString(dir.resolve("ait42-session-" + VM + ".jsa"), "archive");
        Files.setLastModifiedTime(jar, FileTime.from(Instant.parse("2026-01-01T00:00:00Z")));
        Files.setLastModifiedTime(archive, FileTime.from(Instant.parse("2026-01-01T00:00:10Z")));
    }

    record Ran(int status, long pid, List<String> lines) {
        String options() {
            return lines.stream().filter(l -> l.startsWith("options=")).findFirst().orElse("");
        }

        List<String> args() {
            return lines.stream().filter(l -> l.startsWith("arg=")).map(l -> l.substring(4)).toList();
        }
    }

    private Ran run(Map<String, String> environment, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("sh", script.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().remove("JAVA_OPTS");
        builder.environment().remove("AIT42_CDS");
        builder.environment().putAll(environment);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the script ended");
        return new Ran(process.exitValue(), process.pid(), output.lines().toList());
    }

    @Test
    void theCommandsJvmIsTheScriptsOwnProcessAndMapsTheArchive() throws Exception {
        Ran ran = run(Map.of(), "list", "--limit", "20");

        assertEquals(0, ran.status(), String.join("\n", ran.lines()));
        assertTrue(ran.lines().contains("pid=" + ran.pid()), "exec: no second process, " + ran.lines());
        assertTrue(ran.options().contains("-XX:SharedArchiveFile=" + archive.toRealPath()), ran.options());
        assertTrue(ran.options().contains("-Xshare:auto"), ran.options());
        assertEquals(List.of("list", "--limit", "20"), ran.args());
    }

    @Test
    void argumentsWithSpacesAndQuotesArriveAsTheyWereGiven() throws Exception {
        Ran ran = run(Map.of(), "search", "refresh token", "it's \"quoted\"", "");

        assertEquals(List.of("search", "refresh token", "it's \"quoted\"", ""), ran.args());
    }

    @Test
    void theCommandsExitStatusIsTheScripts() throws Exception {
        assertEquals(3, run(Map.of(), "exit", "3").status());
    }

    @Test
    void javaOptionsFromTheEnvironmentGoToTheJvm() throws Exception {
        Ran ran = run(Map.of("JAVA_OPTS", "-Xmx64m -Dait42.x=y"), "list");

        assertTrue(ran.options().contains("-Xmx64m") && ran.options().contains("-Dait42.x=y"), ran.options());
        assertTrue(ran.options().contains("-XX:SharedArchiveFile="), ran.options());
    }

    @Test
    void theReadCommandsStartWithTheFirstJitTierAndTheSerialCollector() throws Exception {
        for (String command : List.of("list", "show", "stats", "search")) {
            String options = run(Map.of(), command).options();
            assertTrue(options.contains("-XX:TieredStopAtLevel=1") && options.contains("-XX:+UseSerialGC"),
                    command + ": " + options);
        }
    }

    @Test
    void theLongCommandsKeepTheJvmsDefaults() throws Exception {
        for (String command : List.of("import", "reindex", "bench-startup", "--help")) {
            String options = run(Map.of(), command).options();
            assertFalse(options.contains("TieredStopAtLevel") || options.contains("UseSerialGC"), command + ": " + options);
        }
    }

    @Test
    void aCollectorOrJitTierOfTheUsersOwnWins() throws Exception {
        Ran ran = run(Map.of("JAVA_OPTS", "-XX:+UseParallelGC -XX:TieredStopAtLevel=4"), "list");

        assertEquals(0, ran.status(), String.join("\n", ran.lines())); // two collectors would fail to start
        assertFalse(ran.options().contains("UseSerialGC"), ran.options());
        String options = ran.options();
        assertTrue(options.lastIndexOf("-XX:TieredStopAtLevel=4") > options.lastIndexOf("-XX:TieredStopAtLevel=1"), options);
    }

    private Path sqliteLibrary(String lastModified) throws IOException {
        Path library = Files.writeString(Files.createDirectories(dir.resolve("sqlite-native")).resolve("libsqlitejdbc.so"),
                "not a real library: the stand-in jar never loads it");
        Files.setLastModifiedTime(library, FileTime.from(Instant.parse(lastModified)));
        return library;
    }

    @Test
    void theBuildsSqliteLibraryGoesToTheDriver() throws Exception {
        Path library = sqliteLibrary("2026-01-01T00:00:20Z");
        String options = run(Map.of(), "list").options();

        assertTrue(options.contains("-Dorg.sqlite.lib.path=" + library.getParent().toRealPath()), options);
        assertTrue(options.contains("-Dorg.sqlite.lib.name=libsqlitejdbc.so"), options);
    }

    @Test
    void noSqliteLibraryWhenMissingOlderThanTheJarOrTheUsersOwn() throws Exception {
        assertFalse(run(Map.of(), "list").options().contains("org.sqlite.lib"), "no library");

        sqliteLibrary("2025-12-31T00:00:00Z");
        assertFalse(run(Map.of(), "list").options().contains("org.sqlite.lib"), "the library of an older jar");

        sqliteLibrary("2026-01-01T00:00:20Z");
        String options = run(Map.of("JAVA_OPTS", "-Dorg.sqlite.lib.path=/opt/mine"), "list").options();
        assertFalse(options.contains("sqlite-native"), options);
        assertTrue(options.contains("-Dorg.sqlite.lib.path=/opt/mine"), options);
    }

    @Test
    void noArchiveWhenTurnedOffOrTheUserManagesClassSharing() throws Exception {
        for (Map<String, String> environment : List.of(Map.of("AIT42_CDS", "off"), Map.of("AIT42_CDS", "0"),
                Map.of("JAVA_OPTS", "-Xshare:off"), Map.of("JAVA_OPTS", "-XX:SharedArchiveFile=/tmp/mine.jsa"))) {
            Ran ran = run(environment, "list");
            assertEquals(0, ran.status(), environment + ": " + ran.lines());
            assertFalse(ran.options().contains(archive.getFileName().toString()), environment + ": " + ran.options());
        }
    }

    @Test
    void noArchiveWhenItIsMissingOrOlderThanTheJar() throws Exception {
        Files.setLastModifiedTime(archive, FileTime.from(Instant.parse("2025-12-31T00:00:00Z")));
        assertFalse(run(Map.of(), "list").options().contains("SharedArchiveFile"), "archive of an older jar");

        Files.delete(archive);
        Ran ran = run(Map.of(), "list");
        assertEquals(0, ran.status());
        assertFalse(ran.options().contains("SharedArchiveFile"), "no archive");
    }

    @Test
    void aJdkWithoutAReleaseFileRunsWithoutTheArchive() throws Exception {
        Path jdk = Files.createDirectories(dir.resolve("jdk/bin"));
        Files.createSymbolicLink(jdk.resolve("java"), Path.of(System.getProperty("java.home"), "bin", "java"));
        Ran ran = run(Map.of("JAVA_HOME", jdk.getParent().toString()), "list");

        assertEquals(0, ran.status(), String.join("\n", ran.lines()));
        assertFalse(ran.options().contains("SharedArchiveFile"), ran.options());
    }

    @Test
    void killingTheScriptsProcessStopsTheCommand() throws Exception {
        String marker = "marker-" + System.nanoTime();
        ProcessBuilder builder = new ProcessBuilder("sh", script.toString(), "sleep", marker)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectErrorStream(true);
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Process process = builder.start();
        waitForJvmWith(marker);

        process.destroyForcibly(); // SIGKILL, as kill -9
        assertTrue(process.waitFor(30, TimeUnit.SECONDS));
        Thread.sleep(500); // a second JVM, had there been one, would still be running now
        assertEquals(List.of(), processesWith(marker), "nothing of the command survives its process");
    }

    private static void waitForJvmWith(String marker) throws InterruptedException {
        for (int i = 0; i < 200 && processesWith(marker).stream().noneMatch(c -> c.contains("java")); i++) {
            Thread.sleep(50);
        }
        assertTrue(processesWith(marker).stream().anyMatch(c -> c.contains("java")), "the command's JVM started");
    }

    private static List<String> processesWith(String marker) {
        return ProcessHandle.allProcesses().filter(ProcessHandle::isAlive)
                .flatMap(p -> p.info().commandLine().stream())
                .filter(c -> c.contains(marker)).toList();
    }
}
