package dev.ait42.session.cli;

import dev.ait42.session.bench.Scale;
import dev.ait42.session.bench.SearchBackendsBenchmark;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.concurrent.Callable;

@Command(name = "bench-search-backends", mixinStandardHelpOptions = true,
        description = "Search latency on Lucene against OpenSearch on the same PostgreSQL data, rebuild rates,"
                + " and the indexing lag between two nodes of one OpenSearch index. Empties the database's tables.")
final class BenchSearchBackendsCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--db", required = true, paramLabel = "URL",
            description = "A PostgreSQL JDBC URL (jdbc:postgresql://host:5432/db?user=...&password=...);"
                    + " its session tables are emptied and refilled.")
    String database;

    @Option(names = "--search-uri", required = true, paramLabel = "URL", description = "OpenSearch (http://host:9200).")
    String searchUri;

    @Option(names = "--sessions", paramLabel = "N", description = "Sessions to generate, 50 messages and 5 instances"
            + " each (default: 2000).")
    Integer sessions;

    @Option(names = "--scale", paramLabel = "SCALE", converter = BenchCommand.ScaleConverter.class,
            description = "Generate what `bench --scale SCALE` does instead: sessions of 10 instances and 100 messages,"
                    + " tiny, small (200), medium (1,000) or full (10,000 sessions, 100,000 instances,"
                    + " 1,000,000 messages).")
    Scale scale;

    @Option(names = "--runs", paramLabel = "N", description = "Timed runs per query (default: 30).")
    int runs = 30;

    @Option(names = "--warmup", paramLabel = "N", description = "Untimed runs first (default: 5).")
    int warmup = 5;

    @Option(names = "--lag-samples", paramLabel = "N", description = "Commits timed for the lag between nodes (default: 50).")
    int lagSamples = 50;

    @Option(names = "--dir", paramLabel = "DIR", description = "Working folder for the Lucene index, emptied first"
            + " (default: target/bench-search-backends).")
    Path dir = Path.of("target", "bench-search-backends");

    @Override
    public Integer call() throws SQLException {
        if (sessions != null && scale != null) {
            throw new ParameterException(spec.commandLine(), "--sessions and --scale go separately: choose one");
        }
        if ((sessions != null && sessions < 1) || runs < 1 || warmup < 0 || lagSamples < 1) {
            throw new ParameterException(spec.commandLine(),
                    "--sessions, --runs and --lag-samples must be at least 1, --warmup at least 0");
        }
        if (!StoreOptions.isUrl(database) || !database.contains("?")) {
            throw new ParameterException(spec.commandLine(),
                    "--db must be a PostgreSQL JDBC URL with its parameters (jdbc:postgresql://host/db?user=...)");
        }
        SearchBackendsBenchmark.Options options = scale != null
                ? SearchBackendsBenchmark.Options.atScale(database, searchUri, dir, scale, warmup, runs, lagSamples, 42)
                : new SearchBackendsBenchmark.Options(database, searchUri, dir, sessions == null ? 2000 : sessions,
                        warmup, runs, lagSamples, 42);
        new SearchBackendsBenchmark(options, spec.commandLine().getOut()).run();
        return 0;
    }
}
