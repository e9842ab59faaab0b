package dev.ait42.session.cli;

import dev.ait42.session.ValidationException;
import dev.ait42.session.bench.ConcurrencyHarness;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "bench-concurrency", mixinStandardHelpOptions = true,
        description = {"Several processes writing to one store: child JVMs of several threads each create sessions,"
                + " update shared ones (optimistic locking, retried) and append messages, then every acknowledged"
                + " write is checked in the database.",
            "Exit status 1 if a write was lost, an error was untyped or a process could not open the store."})
final class BenchConcurrencyCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--db", paramLabel = "FILE|URL", required = true,
            description = "The store: a SQLite file (created if missing) or a jdbc:postgresql:// URL.")
    String database;

    @Option(names = "--index-dir", paramLabel = "DIR",
            description = "A SQLite file's index folder (default: beside it); with a URL the base name of each "
                    + "process's own folder (default: DIR/index).")
    Path indexDirectory;

    @Option(names = "--processes", paramLabel = "N", description = "Child JVMs (default: 2).")
    int processes = 2;

    @Option(names = "--threads", paramLabel = "N", description = "Writing threads per process (default: 4).")
    int threads = 4;

    @Option(names = "--seconds", paramLabel = "N", description = "How long each process writes (default: 30).")
    int seconds = 30;

    @Option(names = "--dir", paramLabel = "DIR", description = "Working folder: logs of acknowledged writes (default: target/bench-concurrency).")
    Path dir = Path.of("target", "bench-concurrency");

    @Override
    public Integer call() throws Exception {
        if (processes < 1 || threads < 1 || seconds < 1) {
            throw new ValidationException("--processes, --threads, --seconds", "must each be at least 1");
        }
        if (StoreOptions.isUrl(database)) {
            StoreOptions.target(database, Path.of("-")); // a URL of another database is a usage error here too
        }
        ConcurrencyHarness.Result result = new ConcurrencyHarness(new ConcurrencyHarness.Options(database, indexDirectory,
                dir, processes, threads, seconds), spec.commandLine().getOut()).run();
        return result.ok() ? 0 : 1;
    }
}
