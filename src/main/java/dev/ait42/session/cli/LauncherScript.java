package dev.ait42.session.cli;

import java.nio.file.Path;

/**
 * Where the build puts what runs the command line fast: the launcher script next to the jar
 * ({@code target/ait42-session}, from {@code src/main/sh/ait42-session}) and the class-data
 * archive (AppCDS) the script hands to the JVM. A JVM option cannot be set from inside a jar,
 * and starting a second JVM from the first would leave the command running when the first is
 * killed; so the script execs one JVM with the archive, and {@code java -jar} runs without it.
 */
public final class LauncherScript {

    private LauncherScript() {
    }

    /** The launcher script the build writes next to {@code jar}. */
    public static Path scriptFor(Path jar) {
        return jar.resolveSibling("ait42-session");
    }

    /** The archive the build makes for {@code jar} on the JVM of this {@code java.vm.version}. */
    public static Path archiveFor(Path jar, String vmVersion) {
        String name = jar.getFileName().toString().replaceFirst("\\.jar$", "");
        return jar.resolveSibling(name + "-" + vmVersion + ".jsa");
    }
}
