package dev.ait42.session.cli;

import dev.ait42.session.StoreConfig;
import dev.ait42.session.bench.Scale;
import dev.ait42.session.bench.WorkspaceBenchmark;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.Callable;

@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"The benchmark suite: every store operation against raw JDBC on one generated workspace,"
                + " as a Markdown table (stdout; progress on stderr).",
            "Scales: tiny (tests), small (200 sessions), medium (1,000), full (10,000 sessions, 100,000 instances,"
                + " 1,000,000 messages).",
            "On a SQLite file in --dir, or with --db URL on a PostgreSQL database (emptied first; one holding"
                + " anything but an earlier run's tables is refused; the user needs CREATEDB for the import rows)."})
final class BenchCommand implements Callable<Integer> {

    static final Path FULL_REPORT = Path.of("docs", "BENCHMARKS.md");

    @Spec
    CommandSpec spec;

    @Option(names = "--scale", paramLabel = "SCALE", converter = ScaleConverter.class,
            description = "tiny, small, medium or full (default: small).")
    Scale scale = Scale.SMALL;

    @Option(names = "--dir", paramLabel = "DIR", description = "Working folder, emptied first (default: target/bench).")
    Path dir = Path.of("target", "bench");

    @Option(names = "--out", paramLabel = "FILE",
            description = "Also write the report here (default: docs/BENCHMARKS.md for --scale full on SQLite, none otherwise).")
    Path out;

    @Option(names = "--db", paramLabel = "URL",
            description = "A PostgreSQL database (jdbc:postgresql://host:port/db?user=...&password=...) instead of a SQLite"
                    + " file; its search index goes into --dir.")
    String database;

    @Option(names = "--only", paramLabel = "STEP", split = ",", converter = StepConverter.class,
            description = "Run only these steps (the data is generated all the same): reads, reindex, sizes, writes,"
                    + " throughput, startup, import; comma-separated (default: all). Such a partial run writes no"
                    + " report file unless --out names one.")
    Set<WorkspaceBenchmark.Step> only = EnumSet.noneOf(WorkspaceBenchmark.Step.class);

    @Override
    public Integer call() throws Exception {
        String command = "java -jar target/ait42-session.jar "
                + String.join(" ", spec.commandLine().getParseResult().originalArgs());
        if (database != null && !database.startsWith(StoreConfig.POSTGRESQL_URL_PREFIX)) {
            throw new ParameterException(spec.commandLine(), "--db takes a PostgreSQL URL ("
                    + StoreConfig.POSTGRESQL_URL_PREFIX + "//...); the SQLite run makes its own file in --dir");
        }
        String report = new WorkspaceBenchmark(new WorkspaceBenchmark.Options(scale, dir, 42,
                redacted(command.strip()), database, only), spec.commandLine().getErr()).run();
        spec.commandLine().getOut().print(report);
        spec.commandLine().getOut().flush();
        Path target = out != null ? out : scale == Scale.FULL && database == null && only.isEmpty() ? FULL_REPORT : null;
        if (target != null) {
            write(target, report);
        }
        return 0;
    }

    /** The command as the report prints it: a password in a URL shown as {@code ***}. */
    private static String redacted(String command) {
        return command.replaceAll("(?i)(password=)[^&\\s]*", "$1***");
    }

    private static void write(Path target, String report) throws IOException {
        Path parent = target.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(target, report, StandardCharsets.UTF_8);
    }

    /** Scale names in any case. */
    static final class ScaleConverter implements ITypeConverter<Scale> {
        @Override
        public Scale convert(String value) {
            for (Scale scale : Scale.values()) {
                if (scale.name().equalsIgnoreCase(value)) {
                    return scale;
                }
            }
            throw new TypeConversionException("expected tiny, small, medium or full, was '" + value + "'");
        }
    }

    /** Step names in any case. */
    static final class StepConverter implements ITypeConverter<WorkspaceBenchmark.Step> {
        @Override
        public WorkspaceBenchmark.Step convert(String value) {
            for (WorkspaceBenchmark.Step step : WorkspaceBenchmark.Step.values()) {
                if (step.name().equalsIgnoreCase(value)) {
                    return step;
                }
            }
            throw new TypeConversionException("expected reads, reindex, sizes, writes, throughput, startup or import,"
                    + " was '" + value + "'");
        }
    }
}
