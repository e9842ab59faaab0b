package dev.ait42.session.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Runs a main class of this module in a JVM of its own, as a user's command would run. */
final class ChildJvm {

    /** Exit status, wall time from process start to exit, and every line of output (stdout and stderr). */
    record Run(int status, long wallNanos, List<String> output) {
        String lastLine() {
            return output.isEmpty() ? "" : output.get(output.size() - 1);
        }

        String describe() {
            return "exit status " + status + ":\n" + String.join("\n", output);
        }

        /** This run, if it exited 0; otherwise an exception naming {@code what} with the output. */
        Run succeeded(String what) {
            if (status != 0) {
                throw new IllegalStateException(what + " failed, " + describe());
            }
            return this;
        }
    }

    private ChildJvm() {
    }

    /** This JVM's class path: the jar under {@code java -jar}, the test class path under Surefire. */
    static String classPath() {
        return System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    }

    static Run run(List<String> jvmOptions, String mainClass, List<String> args) throws IOException, InterruptedException {
        List<String> command = java(jvmOptions);
        command.add("-cp");
        command.add(classPath());
        command.add(mainClass);
        command.addAll(args);
        return run(command);
    }

    /** {@code java [options] -jar JAR args}, as a user runs the command line; only when this JVM runs from a jar. */
    static Run runJar(List<String> jvmOptions, List<String> args) throws IOException, InterruptedException {
        List<String> command = java(jvmOptions);
        command.add("-jar");
        command.add(classPath());
        command.addAll(args);
        return run(command);
    }

    /** {@code SCRIPT args}: the launcher script the build leaves next to the jar, as a user runs it. */
    static Run runScript(Path script, List<String> args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(script.toString());
        command.addAll(args);
        return run(command);
    }

    private static List<String> java(List<String> jvmOptions) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        return command;
    }

    private static Run run(List<String> command) throws IOException, InterruptedException {
        long start = System.nanoTime();
        Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
        List<String> output = new ArrayList<>();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            lines.lines().forEach(output::add);
        }
        int status = child.waitFor();
        return new Run(status, System.nanoTime() - start, output);
    }
}
