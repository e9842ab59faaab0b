package dev.ait42.session.cli;

import dev.ait42.session.bench.FaultTrials;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "bench-faults", mixinStandardHelpOptions = true,
        description = "Fault trials on a SQLite store: writer processes killed with kill -9 (every acknowledged"
                + " write checked in the database and the index), and reads beside a writing process.")
final class BenchFaultsCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--trials", paramLabel = "N", description = "kill -9 trials (default: 20).")
    int trials = 20;

    @Option(names = "--seconds", paramLabel = "S", description = "How long the writer runs beside the reader (default: 10).")
    int seconds = 10;

    @Option(names = "--seed", paramLabel = "N", description = "Seed of the kill times (default: 42).")
    long seed = 42;

    @Option(names = "--dir", paramLabel = "DIR", description = "Working folder, must be empty or missing"
            + " (default: target/bench-faults).")
    Path dir = Path.of("target", "bench-faults");

    @Override
    public Integer call() throws IOException {
        if (trials < 0 || seconds < 1) {
            throw new ParameterException(spec.commandLine(), "--trials must be at least 0 and --seconds at least 1");
        }
        if (Files.exists(dir)) {
            try (var entries = Files.list(dir)) {
                if (entries.findAny().isPresent()) {
                    throw new ParameterException(spec.commandLine(), "--dir " + dir + " is not empty");
                }
            }
        }
        Files.createDirectories(dir);
        PrintWriter out = spec.commandLine().getOut();
        FaultTrials.KillReport kills = FaultTrials.killTrials(dir.resolve("kill"), trials, seed);
        out.println(kills.table());
        out.flush();
        FaultTrials.ReaderReport readers = FaultTrials.readersBesideWriter(dir.resolve("readers"), seconds);
        out.println(readers.table());
        out.flush();
        return kills.clean() && readers.neverVisible() == 0 ? 0 : 1;
    }
}
