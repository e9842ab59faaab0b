package dev.ait42.session.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Runs the command in a second JVM that maps the class-data archive the build leaves next to the
 * jar (AppCDS). Half of a command's start-up is the JVM loading and verifying Hibernate's classes;
 * the archive holds them pre-parsed, and a JVM option cannot be set from inside a jar, hence the
 * second JVM: it shares this one's standard streams and its exit status becomes this one's.
 *
 * <p>Only when started as {@code java -jar X.jar}, with {@code X-<java.vm.version>.jsa} next to
 * the jar and no older than it, without CDS options of the user's own, and unless
 * {@code AIT42_CDS=off} (environment) or {@code -Dait42.cds=off}. Otherwise, or if the second JVM
 * cannot start, the command runs in this JVM as before.
 */
public final class ClassDataLauncher {

    /** Set in the second JVM, so that it runs the command itself. */
    static final String CHILD = "ait42.cds.child";
    /** {@code -Dait42.cds=off} runs the command in the JVM the user started. */
    public static final String SWITCH_PROPERTY = "ait42.cds";
    static final String SWITCH_VARIABLE = "AIT42_CDS";

    private ClassDataLauncher() {
    }

    /** What {@link #plan} looks at: this JVM's class path, arguments and settings. */
    record Launch(String classPath, List<String> jvmArguments, String javaExecutable, String vmVersion,
                  String switchProperty, String switchVariable, boolean isChild) {

        static Launch current() {
            ProcessHandle.Info info = ProcessHandle.current().info();
            return new Launch(System.getProperty("java.class.path", ""), info.arguments().map(List::of).orElse(List.of()),
                    info.command().orElse(null), System.getProperty("java.vm.version", ""),
                    System.getProperty(SWITCH_PROPERTY), System.getenv(SWITCH_VARIABLE), System.getProperty(CHILD) != null);
        }
    }

    /** The archive the build makes for this jar on this JVM. */
    public static Path archiveFor(Path jar, String vmVersion) {
        String name = jar.getFileName().toString().replaceFirst("\\.jar$", "");
        return jar.resolveSibling(name + "-" + vmVersion + ".jsa");
    }

    /** Runs {@code args} in a JVM with the archive, if {@link #plan} says so; its exit status. */
    static OptionalInt runInArchivedJvm(String[] args) {
        Optional<List<String>> command = plan(Launch.current(), List.of(args));
        if (command.isEmpty()) {
            return OptionalInt.empty();
        }
        Process child;
        try {
            child = new ProcessBuilder(command.get()).inheritIO().start();
        } catch (IOException | RuntimeException e) {
            return OptionalInt.empty();
        }
        Thread stop = new Thread(child::destroy, "ait42-stop-child");
        Runtime.getRuntime().addShutdownHook(stop); // this JVM stopped from outside: stop the command too
        while (true) {
            try {
                int status = child.waitFor();
                Runtime.getRuntime().removeShutdownHook(stop);
                return OptionalInt.of(status);
            } catch (InterruptedException e) {
                // keep waiting: the child owns the command now
            }
        }
    }

    /** The second JVM's command line, or empty when this JVM should run the command itself. */
    static Optional<List<String>> plan(Launch launch, List<String> args) {
        if (launch.isChild() || off(launch.switchProperty()) || off(launch.switchVariable())
                || launch.javaExecutable() == null || !launch.classPath().endsWith(".jar")) {
            return Optional.empty();
        }
        int jarOption = launch.jvmArguments().indexOf("-jar");
        if (jarOption < 0 || jarOption + 1 >= launch.jvmArguments().size()
                || !launch.jvmArguments().get(jarOption + 1).equals(launch.classPath())) {
            return Optional.empty();
        }
        List<String> jvmOptions = launch.jvmArguments().subList(0, jarOption);
        if (jvmOptions.stream().anyMatch(o -> o.startsWith("-XX:SharedArchiveFile") || o.startsWith("-XX:ArchiveClassesAtExit")
                || o.startsWith("-Xshare"))) {
            return Optional.empty(); // the user manages class sharing
        }
        Path jar = Path.of(launch.classPath());
        Path archive = archiveFor(jar, launch.vmVersion());
        try {
            if (!Files.isRegularFile(archive)
                    || Files.getLastModifiedTime(archive).compareTo(Files.getLastModifiedTime(jar)) < 0) {
                return Optional.empty();
            }
        } catch (IOException e) {
            return Optional.empty();
        }
        List<String> command = new ArrayList<>();
        command.add(launch.javaExecutable());
        command.addAll(jvmOptions);
        // An unusable archive (another JDK build, a changed jar) is skipped silently by the JVM.
        command.addAll(List.of("-XX:SharedArchiveFile=" + archive, "-Xshare:auto", "-Xlog:cds=off",
                "-Xlog:cds+dynamic=off", "-D" + CHILD + "=true", "-jar", launch.classPath()));
        command.addAll(args);
        return Optional.of(command);
    }

    private static boolean off(String value) {
        return value != null && List.of("off", "false", "0", "no").contains(value.toLowerCase(Locale.ROOT));
    }
}
