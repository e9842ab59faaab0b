package dev.ait42.session.cli;

import dev.ait42.session.bench.ImportBenchmark;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "bench-import", mixinStandardHelpOptions = true,
        description = "The legacy import of a generated home against a raw JDBC insert of the same rows; peak heap.")
final class BenchImportCommand implements Callable<Integer> {

    private static final ImportBenchmark.Options DEFAULTS = ImportBenchmark.Options.defaults();

    @Spec
    CommandSpec spec;

    @Option(names = "--sessions", paramLabel = "N", description = "Sessions to generate (default: 1000).")
    int sessions = DEFAULTS.sessions();

    @Option(names = "--runs", paramLabel = "N", description = "Timed runs (default: 3).")
    int runs = DEFAULTS.runs();

    @Option(names = "--heap", paramLabel = "SIZE", description = "-Xmx of the import in a JVM of its own (default: 256m).")
    String heap = DEFAULTS.heap();

    @Option(names = "--dir", paramLabel = "DIR", description = "Working folder, emptied first (default: target/bench-import).")
    Path dir = DEFAULTS.dir();

    @Override
    public Integer call() throws Exception {
        if (sessions < 1 || runs < 1) {
            throw new ParameterException(spec.commandLine(), "--sessions and --runs must be at least 1");
        }
        if (!heap.matches("\\d+[kmgKMG]?")) {
            throw new ParameterException(spec.commandLine(), "--heap takes a size such as 256m, not '" + heap + "'");
        }
        new ImportBenchmark(new ImportBenchmark.Options(dir, sessions, runs, DEFAULTS.seed(), heap),
                spec.commandLine().getOut()).run();
        return 0;
    }
}
