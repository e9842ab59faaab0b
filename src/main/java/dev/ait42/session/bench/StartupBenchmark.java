package dev.ait42.session.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/**
 * Open-to-first-query in a fresh JVM ({@link StartupProbe}), the store against a raw JDBC open;
 * the database must not be open in this process (one store owns the index folder at a time).
 */
final class StartupBenchmark {

    private final Path db;
    private final String workspace;
    private final int runs;

    StartupBenchmark(Path db, String workspace, int runs) {
        this.db = db;
        this.workspace = workspace;
        this.runs = runs;
    }

    Row run() {
        Latencies ours = new Latencies();
        Latencies jdbc = new Latencies();
        probe("store"); // warms the OS file cache and class data sharing for both
        for (int i = 0; i < runs; i++) {
            ours.add(probe("store"));
            jdbc.add(probe("jdbc"));
        }
        return Row.latency("start-up: open + first listing, fresh JVM", new Harness.Pair(ours, jdbc), null, null);
    }

    private long probe(String mode) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = List.of(java, "-cp", System.getProperty("java.class.path"),
                StartupProbe.class.getName(), mode, db.toAbsolutePath().toString(), workspace);
        try {
            Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (process.waitFor() != 0 || out.isEmpty()) {
                throw new IllegalStateException("start-up probe failed (" + mode + "): " + out);
            }
            String[] lines = out.split("\\R");
            return Long.parseLong(lines[lines.length - 1].strip());
        } catch (IOException e) {
            throw new IllegalStateException("cannot start " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
