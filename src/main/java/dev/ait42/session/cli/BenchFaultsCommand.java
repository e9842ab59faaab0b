package dev.ait42.session.cli;

import dev.ait42.session.bench.FaultTrials;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

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

    @Option(names = "--paced", paramLabel = "CALLS", description = "Also run the writer beside the reader at this"
            + " many calls a second, all threads together (default: 20; 0: only as fast as it can).")
    double paced = 20;

    @Option(names = "--seed", paramLabel = "N", description = "Seed of the kill times (default: 42).")
    long seed = 42;

    @Option(names = "--recovery-sessions", paramLabel = "N", description = "Also time the open after a crash"
            + " on a store of N generated sessions (10,000 is full scale; default: 0, not run).")
    int recoverySessions;

    @Option(names = "--dir", paramLabel = "DIR", description = "Working folder, must be empty or missing"
            + " (default: target/bench-faults).")
    Path dir = Path.of("target", "bench-faults");

    @Override
    public Integer call() throws Exception {
        if (trials < 0 || seconds < 1 || recoverySessions < 0 || !(paced >= 0)) {
            throw new ParameterException(spec.commandLine(),
                    "--trials, --paced and --recovery-sessions must be at least 0 and --seconds at least 1");
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
        FaultTrials.ImportKillReport imports = FaultTrials.importKillTrials(dir.resolve("import"),
                Math.max(1, trials / 4), 2_000, seed);
        out.println(imports.table());
        out.flush();
        // Readers beside a writer as fast as it can (2 cores: the writer takes most of them), and
        // beside one at the pace of an editor's agents.
        out.print(FaultTrials.ReaderReport.header());
        boolean allVisible = true;
        for (double pace : paced > 0 ? new double[] {0, paced} : new double[] {0}) {
            FaultTrials.ReaderReport readers = FaultTrials.readersBesideWriter(
                    dir.resolve(pace == 0 ? "readers" : "readers-paced"), seconds, pace);
            out.print(readers.row());
            out.flush();
            allVisible &= readers.neverVisible() == 0;
        }
        out.println();
        boolean recovered = true;
        if (recoverySessions > 0) {
            FaultTrials.RecoveryReport recovery = FaultTrials.recoveryAtScale(dir.resolve("recovery"), recoverySessions);
            out.println(recovery.table());
            recovered = recovery.lost() == 0 && recovery.consistent();
        }
        return kills.clean() && imports.clean() && allVisible && recovered ? 0 : 1;
    }
}
