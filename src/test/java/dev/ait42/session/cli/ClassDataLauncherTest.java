package dev.ait42.session.cli;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** When the command line starts its command in a JVM with the class-data archive, and how. */
class ClassDataLauncherTest {

    private static final String VM = "17.0.15+6";

    @TempDir
    Path dir;

    private Path jar;
    private Path archive;

    @BeforeEach
    void jarWithItsArchive() throws IOException {
        jar = Files.writeString(dir.resolve("ait42-session.jar"), "jar");
        archive = Files.writeString(dir.resolve("ait42-session-" + VM + ".jsa"), "archive");
        Files.setLastModifiedTime(jar, FileTime.from(Instant.parse("2026-01-01T00:00:00Z")));
        Files.setLastModifiedTime(archive, FileTime.from(Instant.parse("2026-01-01T00:00:10Z")));
    }

    private ClassDataLauncher.Launch launch(List<String> jvmArguments, String property, String variable, boolean child) {
        return new ClassDataLauncher.Launch(jar.toString(), jvmArguments, "/usr/bin/java", VM, property, variable, child);
    }

    private ClassDataLauncher.Launch asUserRunsIt(String... jvmOptions) {
        List<String> arguments = new java.util.ArrayList<>(List.of(jvmOptions));
        arguments.addAll(List.of("-jar", jar.toString(), "list", "--limit", "20"));
        return launch(arguments, null, null, false);
    }

    @Test
    void archiveIsNamedAfterTheJarAndTheJvmBuild() {
        assertEquals(dir.resolve("ait42-session-" + VM + ".jsa"), ClassDataLauncher.archiveFor(jar, VM));
    }

    @Test
    void jarStartedWithItsArchiveRelaunchesWithTheUsersOptionsAndArguments() {
        Optional<List<String>> command = ClassDataLauncher.plan(asUserRunsIt("-Xmx64m", "-Dx=y"), List.of("list", "--limit", "20"));

        assertEquals(List.of("/usr/bin/java", "-Xmx64m", "-Dx=y", "-XX:SharedArchiveFile=" + archive, "-Xshare:auto",
                "-Xlog:cds=off", "-Xlog:cds+dynamic=off", "-Dait42.cds.child=true", "-jar", jar.toString(),
                "list", "--limit", "20"), command.orElseThrow());
    }

    @Test
    void noArchiveOrAnArchiveOlderThanTheJarRunsInThisJvm() throws IOException {
        Files.setLastModifiedTime(archive, FileTime.from(Instant.parse("2025-12-31T00:00:00Z")));
        assertTrue(ClassDataLauncher.plan(asUserRunsIt(), List.of("list")).isEmpty(), "archive of an older jar");

        Files.delete(archive);
        assertTrue(ClassDataLauncher.plan(asUserRunsIt(), List.of("list")).isEmpty(), "no archive");
    }

    @Test
    void switchedOffByPropertyOrEnvironmentRunsInThisJvm() {
        List<String> arguments = List.of("-jar", jar.toString(), "list");

        assertTrue(ClassDataLauncher.plan(launch(arguments, "off", null, false), List.of("list")).isEmpty());
        assertTrue(ClassDataLauncher.plan(launch(arguments, null, "OFF", false), List.of("list")).isEmpty());
        assertTrue(ClassDataLauncher.plan(launch(arguments, null, "0", false), List.of("list")).isEmpty());
        assertTrue(ClassDataLauncher.plan(launch(arguments, null, "on", false), List.of("list")).isPresent());
    }

    @Test
    void theRelaunchedJvmAndClassPathRunsNeverRelaunch() {
        assertTrue(ClassDataLauncher.plan(launch(List.of("-jar", jar.toString()), null, null, true), List.of()).isEmpty());
        assertTrue(ClassDataLauncher.plan(launch(List.of("-cp", jar.toString(), "dev.ait42.session.cli.Main"), null, null,
                false), List.of()).isEmpty(), "started with -cp, not -jar");
    }

    @Test
    void usersOwnClassSharingOptionsAreLeftAlone() {
        assertTrue(ClassDataLauncher.plan(asUserRunsIt("-Xshare:off"), List.of("list")).isEmpty());
        assertTrue(ClassDataLauncher.plan(asUserRunsIt("-XX:SharedArchiveFile=/tmp/mine.jsa"), List.of("list")).isEmpty());
        assertTrue(ClassDataLauncher.plan(asUserRunsIt("-XX:ArchiveClassesAtExit=/tmp/new.jsa"), List.of("list")).isEmpty());
    }
}
