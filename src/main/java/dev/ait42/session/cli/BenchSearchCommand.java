package dev.ait42.session.cli;

import dev.ait42.session.bench.SearchBenchmark;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.concurrent.Callable;

@Command(name = "bench-search", mixinStandardHelpOptions = true,
        description = "Full-text search against LIKE and FTS5 on a generated workspace; reindex throughput.")
final class BenchSearchCommand implements Callable<Integer> {

    private static final SearchBenchmark.Options DEFAULTS = SearchBenchmark.Options.defaults();

    @Spec
    CommandSpec spec;

    @Option(names = "--messages", paramLabel = "N", description = "Messages to generate (default: 200000).")
    int messages = DEFAULTS.messages();

    @Option(names = "--runs", paramLabel = "N", description = "Timed runs per query (default: 50).")
    int runs = DEFAULTS.runs();

    @Option(names = "--warmup", paramLabel = "N", description = "Untimed runs first (default: 10).")
    int warmup = DEFAULTS.warmup();

    @Option(names = "--dir", paramLabel = "DIR", description = "Working folder, emptied first (default: target/bench-search).")
    Path dir = DEFAULTS.dir();

    @Override
    public Integer call() throws SQLException {
        if (messages < 1 || runs < 1 || warmup < 0) {
            throw new ParameterException(spec.commandLine(), "--messages and --runs must be at least 1, --warmup at least 0");
        }
        new SearchBenchmark(new SearchBenchmark.Options(dir, messages, warmup, runs, DEFAULTS.seed()),
                spec.commandLine().getOut()).run();
        return 0;
    }
}
