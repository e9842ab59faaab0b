package dev.ait42.session.cli;

import dev.ait42.session.SessionStore;
import dev.ait42.session.SessionStoreException;

import dev.ait42.session.bench.SearchBenchmark;

import java.io.PrintStream;
import java.sql.SQLException;
import java.nio.file.Path;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The command line. For now one command, {@code demo}: it fills a database with a small example
 * history (English and Japanese) and shows what the store does with it.
 *
 * <pre>java -jar target/ait42-session.jar demo [--db FILE]</pre>
 *
 * Exit status: 0 success, 1 the command failed, 2 usage error.
 */
public final class Main {

    static final Path DEMO_DATABASE = Path.of("target", "demo", "sessions.db");

    private Main() {
    }

    public static void main(String[] args) {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel",
                System.getProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn"));
        // Liquibase and Hibernate log through java.util.logging here: warnings and errors only.
        Logger.getLogger("").setLevel(Level.WARNING);
        System.exit(run(List.of(args), System.out, System.err));
    }

    static final String USAGE = "usage: ait42-session demo [--db FILE]   (default database: " + DEMO_DATABASE + ")\n"
            + "       ait42-session bench-search [--messages N] [--runs N] [--warmup N] [--dir DIR]";

    static int run(List<String> args, PrintStream out, PrintStream err) {
        if (!args.isEmpty() && args.get(0).equals("bench-search")) {
            return benchSearch(args.subList(1, args.size()), out, err);
        }
        if (args.isEmpty() || !args.get(0).equals("demo")) {
            err.println(USAGE);
            return 2;
        }
        Path db = DEMO_DATABASE;
        List<String> options = args.subList(1, args.size());
        if (options.size() == 2 && options.get(0).equals("--db")) {
            db = Path.of(options.get(1));
        } else if (!options.isEmpty()) {
            err.println("error: unexpected arguments " + options + "; usage: ait42-session demo [--db FILE]");
            return 2;
        }
        try (SessionStore store = SessionStore.open(db)) {
            new Demo(store, out).run();
            return 0;
        } catch (SessionStoreException e) {
            err.println("error: " + e.getMessage());
            return 1;
        }
    }

    private static int benchSearch(List<String> options, PrintStream out, PrintStream err) {
        SearchBenchmark.Options o = SearchBenchmark.Options.defaults();
        Path dir = o.dir();
        int messages = o.messages();
        int runs = o.runs();
        int warmup = o.warmup();
        try {
            for (int i = 0; i < options.size(); i += 2) {
                String name = options.get(i);
                if (i + 1 >= options.size()) {
                    throw new IllegalArgumentException("missing value after " + name);
                }
                String value = options.get(i + 1);
                switch (name) {
                    case "--messages" -> messages = positive(name, value);
                    case "--runs" -> runs = positive(name, value);
                    case "--warmup" -> warmup = Integer.parseInt(value);
                    case "--dir" -> dir = Path.of(value);
                    default -> throw new IllegalArgumentException("unknown option " + name);
                }
            }
        } catch (IllegalArgumentException e) {
            err.println("error: " + e.getMessage() + "\n" + USAGE);
            return 2;
        }
        try {
            new SearchBenchmark(new SearchBenchmark.Options(dir, messages, warmup, runs, o.seed()), out).run();
            return 0;
        } catch (SessionStoreException | SQLException e) {
            err.println("error: " + e.getMessage());
            return 1;
        }
    }

    private static int positive(String name, String value) {
        int n = Integer.parseInt(value);
        if (n < 1) {
            throw new IllegalArgumentException(name + " must be at least 1, was " + n);
        }
        return n;
    }
}
