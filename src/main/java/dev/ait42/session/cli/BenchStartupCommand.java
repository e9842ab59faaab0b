package dev.ait42.session.cli;

import dev.ait42.session.bench.StartupBenchmark;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "bench-startup", mixinStandardHelpOptions = true,
        description = "Start-up of `list --limit 20` in a fresh JVM, with where the time goes, against plain JDBC;"
                + " then of `show`, `stats` and `search`.")
final class BenchStartupCommand implements Callable<Integer> {

    private static final StartupBenchmark.Options DEFAULTS = StartupBenchmark.Options.defaults();

    @Spec
    CommandSpec spec;

    @Option(names = "--runs", paramLabel = "N", description = "Timed runs (default: 10).")
    int runs = DEFAULTS.runs();

    @Option(names = "--db", paramLabel = "FILE",
            description = "An existing database (default: one made by importing 1,000 generated sessions).")
    Path database;

    @Option(names = "--dir", paramLabel = "DIR", description = "Working folder, emptied first (default: target/bench-startup).")
    Path dir = DEFAULTS.dir();

    @Override
    public Integer call() throws Exception {
        if (runs < 1) {
            throw new ParameterException(spec.commandLine(), "--runs must be at least 1");
        }
        if (database != null && !Files.isRegularFile(database)) {
            throw new ParameterException(spec.commandLine(), "--db: no database file at " + database);
        }
        new StartupBenchmark(new StartupBenchmark.Options(dir, database, DEFAULTS.sessions(), runs, DEFAULTS.seed()),
                spec.commandLine().getOut()).run();
        return 0;
    }
}
