package dev.ait42.session.bench;

import dev.ait42.session.cli.LauncherScript;
import dev.ait42.session.cli.Main;
import dev.ait42.session.legacy.LegacyHomeGenerator;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Start-up of a command on an existing database: {@code list --limit 20} in a fresh JVM, run
 * repeatedly, as a user runs it (the launcher script next to the jar, which maps the build's
 * class-data archive) and as {@code java -jar} (no archive), with where the time goes (JVM start,
 * each step of opening the store, the query and exit), against a fresh JVM that opens the file
 * with plain JDBC and runs the same query; then {@code show}, {@code stats} and {@code search}
 * the way a user runs them. Targets (p50 wall): the read commands under
 * {@value #READ_TARGET_MILLIS} ms, {@code search} under {@value #SEARCH_TARGET_MILLIS} ms.
 *
 * <pre>java -jar target/ait42-session.jar bench-startup [--runs 10] [--db FILE]</pre>
 */
public final class StartupBenchmark {

    private static final Pattern PROBE = Pattern.compile("status=0 toMainMs=(\\d+) commandMs=(\\d+) openMs=(\\d+)"
            + " guardMs=(\\d+) liquibaseMs=(\\d+) indexCheckMs=(\\d+) bootMs=(\\d+)");

    static final int READ_TARGET_MILLIS = 600;
    static final int SEARCH_TARGET_MILLIS = 900;

    /** The word the timed {@code search} looks for (in every generated history). */
    private static final String SEARCH_WORD = "dependency";

    /** Run settings; without {@code database}, one is made by importing a generated home of {@code sessions}. */
    public record Options(Path dir, Path database, int sessions, int runs, long seed) {
        public static Options defaults() {
            return new Options(Path.of("target", "bench-startup"), null, 1000, 10, 42);
        }
    }

    /**
     * Medians in milliseconds; {@code commandWalls}: of each command timed as a user runs it
     * ({@code list} first, its {@code commandWall}), by its name.
     */
    public record Result(double commandWall, double baselineWall, Map<String, Double> breakdown,
                         Map<String, Double> commandWalls) {
    }

    private final Options options;
    private final PrintWriter out;

    public StartupBenchmark(Options options, PrintWriter out) {
        this.options = options;
        this.out = out;
    }

    public Result run() throws IOException, InterruptedException, SQLException {
        return run(new BenchDatabase.Sqlite(options.database() == null ? prepare() : options.database().toAbsolutePath()));
    }

    /** The same on this database (a SQLite file or a PostgreSQL database with its index folder). */
    Result run(BenchDatabase database) throws IOException, InterruptedException, SQLException {
        long bytes;
        try (Connection c = database.connect()) {
            bytes = database.size(c);
        }
        out.printf(Locale.ROOT, "# Start-up benchmark%n%n%s, %d cores, Java %s; database %s (%.1f MB)%n",
                System.getProperty("os.name"), Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"), database.config().databaseName(), bytes / 1e6);
        String jar = ChildJvm.classPath().endsWith(".jar") ? ChildJvm.classPath() : null;
        Path script = jar == null ? null : LauncherScript.scriptFor(Path.of(jar).toAbsolutePath());
        if (script != null && !Files.isExecutable(script)) {
            script = null;
        }
        List<String> args = database.cliOptions();
        // One untimed round: the files are in the OS cache for every timed run alike.
        probe(args);
        ChildJvm.run(List.of(), RawJdbcFirstQuery.class.getName(), args);

        List<String> userArgs = new ArrayList<>(List.of("list", "--limit", "20"));
        userArgs.addAll(args);
        Map<String, List<String>> others = otherCommands(database, args);
        Map<String, Latencies> othersTimed = new LinkedHashMap<>();
        Map<String, Latencies> parts = new LinkedHashMap<>();
        Latencies command = new Latencies();
        Latencies withoutArchive = new Latencies();
        Latencies baseline = new Latencies();
        for (int run = 0; run < options.runs(); run++) {
            ChildJvm.Run probe = probe(args);
            Matcher m = PROBE.matcher(probe.lastLine());
            if (!m.matches()) {
                throw new IllegalStateException("the start-up probe failed, " + probe.describe());
            }
            long toMain = Long.parseLong(m.group(1));
            long inCommand = Long.parseLong(m.group(2));
            long open = Long.parseLong(m.group(3));
            add(parts, "JVM start to main", toMain);
            add(parts, "open: schema check and connection pools", Long.parseLong(m.group(4)));
            add(parts, "open: Liquibase (skipped when the schema is current)", Long.parseLong(m.group(5)));
            add(parts, "open: search index check", Long.parseLong(m.group(6)));
            add(parts, "open: Hibernate boot (ORM; Search too for a command that searches)", Long.parseLong(m.group(7)));
            add(parts, "command line parsing, query, printing, close", inCommand - open);
            add(parts, "JVM exit and the rest", probe.wallNanos() / 1_000_000 - toMain - inCommand);
            if (jar != null) { // as a user runs it: the launcher script (with the archive, if there is one)
                long plain = ChildJvm.runJar(List.of(), userArgs).succeeded("java -jar ... list").wallNanos();
                withoutArchive.add(plain);
                command.add(script == null ? plain
                        : ChildJvm.runScript(script, userArgs).succeeded("the launcher script's list").wallNanos());
            } else { // the probe runs without the archive: the same work as a command in one JVM
                command.add(probe.wallNanos());
                withoutArchive.add(probe.wallNanos());
            }
            baseline.add(ChildJvm.run(List.of(), RawJdbcFirstQuery.class.getName(), args)
                    .succeeded("the raw JDBC baseline").wallNanos());
            for (Map.Entry<String, List<String>> other : others.entrySet()) {
                othersTimed.computeIfAbsent(other.getKey(), name -> new Latencies())
                        .add(asAUserRunsIt(jar, script, other.getValue()).succeeded(other.getKey()).wallNanos());
            }
        }
        Map<String, Double> breakdown = new LinkedHashMap<>();
        parts.forEach((name, latencies) -> breakdown.put(name, latencies.p50()));
        Map<String, Double> walls = new LinkedHashMap<>();
        walls.put("list", command.p50());
        othersTimed.forEach((name, latencies) -> walls.put(name, latencies.p50()));
        Result result = new Result(command.p50(), baseline.p50(), breakdown, walls);
        print(result, command, baseline, withoutArchive, othersTimed, others, script == null
                ? "no launcher script next to the jar: `java -jar`"
                : archiveNextTo(Path.of(jar)) ? "with the build's class-data archive" : "no class-data archive next to the jar");
        return result;
    }

    /** The launcher script, else {@code java -jar}, else (from the build's classes) the command line's main class. */
    private static ChildJvm.Run asAUserRunsIt(String jar, Path script, List<String> args)
            throws IOException, InterruptedException {
        if (script != null) {
            return ChildJvm.runScript(script, args);
        }
        return jar != null ? ChildJvm.runJar(List.of(), args) : ChildJvm.run(List.of(), Main.class.getName(), args);
    }

    /**
     * {@code show} of the newest session, {@code stats} and {@code search} for one word, each
     * with the database's options, by command name.
     */
    private static Map<String, List<String>> otherCommands(BenchDatabase database, List<String> dbOptions)
            throws SQLException {
        List<String> show = new ArrayList<>(List.of("show"));
        try (Connection c = database.connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("select id, workspace_hash from sessions order by updated_at desc, pk desc limit 1")) {
            if (!rs.next()) {
                throw new IllegalStateException("no session to show in " + database.config().databaseName());
            }
            show.addAll(List.of(rs.getString(1), "--workspace", rs.getString(2)));
        }
        Map<String, List<String>> commands = new LinkedHashMap<>();
        commands.put("show", show);
        commands.put("stats", new ArrayList<>(List.of("stats")));
        commands.put("search", new ArrayList<>(List.of("search", SEARCH_WORD, "--limit", "20")));
        commands.values().forEach(command -> command.addAll(dbOptions));
        return commands;
    }

    static int targetMillis(String command) {
        return command.equals("search") ? SEARCH_TARGET_MILLIS : READ_TARGET_MILLIS;
    }

    /** "met", or which commands missed their target (by their p50). */
    static String targets(Map<String, Double> walls) {
        List<String> missed = new ArrayList<>();
        walls.forEach((name, p50) -> {
            if (p50 >= targetMillis(name)) {
                missed.add(String.format(Locale.ROOT, "%s %,.0f ms", name, p50));
            }
        });
        return missed.isEmpty() ? "met" : "NOT met: " + String.join(", ", missed);
    }

    private ChildJvm.Run probe(List<String> args) throws IOException, InterruptedException {
        return ChildJvm.run(List.of(), StartupProbe.class.getName(), args);
    }

    private static void add(Map<String, Latencies> parts, String name, long millis) {
        parts.computeIfAbsent(name, n -> new Latencies()).add(millis * 1_000_000);
    }

    /** A database of generated sessions, imported (and indexed) the way a user's history is. */
    private Path prepare() {
        Path dir = BenchFiles.emptyFolder(options.dir()).toAbsolutePath();
        Path home = dir.resolve("home");
        LegacyHomeGenerator.write(home, options.sessions(), 2, options.seed());
        Path database = dir.resolve("sessions.db");
        ImportBenchmark.importInto(home, dev.ait42.session.StoreConfig.of(database));
        return database;
    }

    /** A command's arguments as printed: up to its database options. */
    private static String shown(List<String> args) {
        int db = args.indexOf("--db");
        return String.join(" ", db < 0 ? args : args.subList(0, db));
    }

    /** Whether the build left a class-data archive for this JVM next to the jar. */
    private static boolean archiveNextTo(Path jar) {
        return Files.exists(LauncherScript.archiveFor(jar, System.getProperty("java.vm.version")));
    }

    private void print(Result r, Latencies command, Latencies baseline, Latencies withoutArchive,
                       Map<String, Latencies> others, Map<String, List<String>> otherArgs, String how) {
        out.printf(Locale.ROOT, "%n| start-up of `list --limit 20` (%d runs) | p50 ms | p95 ms |%n|---|---|---|%n",
                options.runs());
        out.printf(Locale.ROOT, "| wall: `target/ait42-session list --limit 20` (%s) | %,.0f | %,.0f |%n",
                how, command.p50(), command.p95());
        out.printf(Locale.ROOT, "| wall: `java -jar target/ait42-session.jar list --limit 20` (no archive), broken down: | %,.0f | %,.0f |%n",
                withoutArchive.p50(), withoutArchive.p95());
        r.breakdown().forEach((name, p50) -> out.printf(Locale.ROOT, "| &nbsp;&nbsp;%s | %,.0f | |%n", name, p50));
        out.printf(Locale.ROOT, "| baseline: a fresh JVM opening the file with plain JDBC, same query | %,.0f | %,.0f |%n",
                baseline.p50(), baseline.p95());
        out.printf(Locale.ROOT, "| ratio (ours / baseline) | %.1f | |%n", r.commandWall() / r.baselineWall());
        others.forEach((name, latencies) -> out.printf(Locale.ROOT, "| wall: `target/ait42-session %s` | %,.0f | %,.0f |%n",
                shown(otherArgs.get(name)), latencies.p50(), latencies.p95()));
        out.printf(Locale.ROOT, "| target: `list`, `show`, `stats` under %,d ms, `search` under %,d ms | %s | |%n",
                READ_TARGET_MILLIS, SEARCH_TARGET_MILLIS, targets(r.commandWalls()));
        out.flush();
    }
}
