package dev.ait42.session.bench;

import dev.ait42.session.SessionStore;
import dev.ait42.session.StoreConfig;
import dev.ait42.session.model.ChatMessage;
import dev.ait42.session.model.Session;
import dev.ait42.session.model.SessionType;
import dev.ait42.session.repository.SessionRepository;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Several processes writing to one store at once: {@code processes} child JVMs
 * ({@link ConcurrentWriterChild}) of {@code threads} threads each, for {@code seconds}, creating
 * sessions, updating shared ones with optimistic locking and appending messages to them. Then it
 * checks, against the database: every acknowledged write is there (created sessions, appended
 * messages, and each shared session's counter equals its acknowledged updates), conflicts came
 * only as {@code StaleSessionException} or {@code ConflictException}, and nothing failed with an
 * untyped error. On PostgreSQL each process has an index folder of its own (the index is local to
 * a node); on SQLite they share the file's (one of them holds its writer and indexes every
 * process's writes).
 */
public final class ConcurrencyHarness {

    /** Shared sessions every process updates and appends to. */
    static final int SHARED = 8;
    /**
     * Error types a conflict may surface as, each typed and retryable (a stale copy, an id taken, a
     * deadlock or serialization failure, a stale copy every time); anything else fails the run.
     */
    static final Set<String> CONFLICTS = Set.of("StaleSessionException", "ConflictException",
            "TransientStorageException", "update_gave_up");
    private static final Pattern RESULT = Pattern.compile(
            "RESULT writes=(\\d+) conflicts=(\\d+) p95Micros=(\\d+) errors=(\\S*)");

    public record Options(String database, Path indexDirectory, Path dir, int processes, int threads, int seconds) {
    }

    /** One child's figures as it printed them; {@code openFailure} when it could not open the store. */
    public record Child(String name, int status, long writes, long conflicts, long p95Micros,
                        Map<String, Long> errors, String openFailure, List<String> output) {
    }

    /**
     * @param lost             acknowledged writes missing from the database
     * @param unacknowledged   counter increments committed but not acknowledged (a failed reply), not a loss
     */
    public record Result(List<Child> children, long acknowledged, long lost, long unacknowledged, List<String> problems) {
        public boolean ok() {
            return problems.isEmpty();
        }
    }

    private final Options options;
    private final PrintWriter out;

    public ConcurrencyHarness(Options options, PrintWriter out) {
        this.options = options;
        this.out = out;
    }

    private boolean server() {
        return options.database().startsWith("jdbc:");
    }

    private StoreConfig config(Path serverIndex) {
        if (server()) {
            return StoreConfig.builder(options.database()).indexDirectory(serverIndex).build();
        }
        StoreConfig.Builder b = StoreConfig.builder(Path.of(options.database()));
        if (options.indexDirectory() != null) {
            b.indexDirectory(options.indexDirectory());
        }
        return b.build();
    }

    private Path indexOf(String process) {
        Path base = options.indexDirectory() != null ? options.indexDirectory() : options.dir().resolve("index");
        return base.resolveSibling(base.getFileName() + "-" + process);
    }

    public Result run() throws Exception {
        Files.createDirectories(options.dir());
        String ws;
        List<String> shared = new ArrayList<>();
        try (SessionStore store = SessionStore.open(config(indexOf("setup")))) {
            SessionRepository repo = store.sessions();
            ws = repo.registerWorkspace(options.dir().toAbsolutePath().resolve("project-" + System.nanoTime())).getHash();
            for (int i = 0; i < SHARED; i++) {
                Session s = new Session("shared-" + i, SessionType.COMPETITION, "shared by every writer");
                s.setTimeoutSeconds(0L);
                shared.add(repo.create(ws, s).getId());
            }
        }
        out.printf(Locale.ROOT, "%d processes x %d threads x %d s on %s%n", options.processes(), options.threads(),
                options.seconds(), config(indexOf("setup")).databaseName());
        out.flush();
        ExecutorService pool = Executors.newFixedThreadPool(options.processes());
        List<Future<ChildJvm.Run>> runs = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (int p = 0; p < options.processes(); p++) {
            String name = "p" + p;
            names.add(name);
            List<String> args = List.of(options.database(), server() ? indexOf(name).toString()
                            : options.indexDirectory() == null ? "-" : options.indexDirectory().toString(),
                    ws, String.join(",", shared), String.valueOf(options.seconds()), String.valueOf(options.threads()),
                    log(name).toString(), name);
            runs.add(pool.submit(() -> ChildJvm.run(List.of("-Xmx384m", "-Dorg.slf4j.simpleLogger.defaultLogLevel=error"),
                    ConcurrentWriterChild.class.getName(), args)));
        }
        pool.shutdown();
        List<Child> children = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (int p = 0; p < runs.size(); p++) {
            Child child = parse(names.get(p), runs.get(p).get());
            children.add(child);
            if (child.openFailure() != null) {
                problems.add(child.name() + " could not open the store: " + child.openFailure());
            } else if (child.writes() == 0) {
                problems.add(child.name() + " acknowledged no write at all");
            } else if (child.writes() < 0) {
                problems.add(child.name() + " ended without its summary (exit " + child.status() + "): "
                        + String.join(" | ", child.output().subList(Math.max(0, child.output().size() - 5), child.output().size())));
            }
            child.errors().forEach((type, count) -> {
                if (!CONFLICTS.contains(type)) {
                    problems.add(child.name() + ": " + count + " writes failed with " + type);
                }
            });
        }
        long[] verified = verify(ws, names, problems);
        Result result = new Result(children, verified[0], verified[1], verified[2], problems);
        print(result);
        return result;
    }

    private Path log(String name) {
        return options.dir().resolve("acknowledged-" + name + ".log");
    }

    private static Child parse(String name, ChildJvm.Run run) {
        String openFailure = null;
        for (String line : run.output()) {
            if (line.startsWith("OPEN FAILED ")) {
                openFailure = line.substring("OPEN FAILED ".length());
            }
            Matcher m = RESULT.matcher(line);
            if (m.matches()) {
                Map<String, Long> errors = new HashMap<>();
                for (String e : m.group(4).split(",")) {
                    if (!e.isEmpty()) {
                        errors.put(e.substring(0, e.lastIndexOf(':')), Long.parseLong(e.substring(e.lastIndexOf(':') + 1)));
                    }
                }
                return new Child(name, run.status(), Long.parseLong(m.group(1)), Long.parseLong(m.group(2)),
                        Long.parseLong(m.group(3)), errors, null, run.output());
            }
        }
        return new Child(name, run.status(), -1, 0, 0, Map.of(), openFailure, run.output());
    }

    /** Every acknowledged write against the database: {acknowledged, lost, unacknowledged}. */
    private long[] verify(String ws, List<String> names, List<String> problems) throws IOException {
        long acknowledged = 0;
        long lost = 0;
        long unacknowledged = 0;
        Map<String, Long> updates = new HashMap<>();
        Map<String, List<String>> appends = new HashMap<>();
        List<String> creates = new ArrayList<>();
        for (String name : names) {
            if (!Files.exists(log(name))) {
                continue;
            }
            for (String line : Files.readAllLines(log(name), StandardCharsets.UTF_8)) {
                String[] f = line.split(" ");
                acknowledged++;
                switch (f[0]) {
                    case "create" -> creates.add(f[1]);
                    case "update" -> updates.merge(f[1], 1L, Long::sum);
                    default -> appends.computeIfAbsent(f[1], k -> new ArrayList<>()).add(f[2]);
                }
            }
        }
        try (SessionStore store = SessionStore.open(config(indexOf("verify")))) {
            SessionRepository repo = store.sessions();
            for (String id : creates) {
                if (repo.find(ws, id).isEmpty()) {
                    lost++;
                    problems.add("lost: created session " + id);
                }
            }
            for (int i = 0; i < SHARED; i++) {
                String id = "shared-" + i;
                Optional<Session> s = repo.find(ws, id);
                if (s.isEmpty()) {
                    problems.add("lost: shared session " + id);
                    continue;
                }
                long expected = updates.getOrDefault(id, 0L);
                long actual = s.get().getTimeoutSeconds();
                if (actual < expected) {
                    lost += expected - actual;
                    problems.add("lost: " + (expected - actual) + " acknowledged updates of " + id);
                } else {
                    unacknowledged += actual - expected;
                }
                Set<String> messages = s.get().getMessages().stream().map(ChatMessage::getId).collect(Collectors.toSet());
                for (String m : appends.getOrDefault(id, List.of())) {
                    if (!messages.contains(m)) {
                        lost++;
                        problems.add("lost: message " + m + " appended to " + id);
                    }
                }
            }
        }
        return new long[] {acknowledged, lost, unacknowledged};
    }

    private void print(Result r) {
        out.println("PROCESS  WRITES  WRITES/S  CONFLICTS  P95 MS  ERRORS");
        for (Child c : r.children()) {
            out.printf(Locale.ROOT, "%-7s %7s %9s %10d %7.1f  %s%n", c.name(), c.writes() < 0 ? "-" : c.writes(),
                    c.writes() < 0 ? "-" : String.format(Locale.ROOT, "%.0f", c.writes() / (double) options.seconds()),
                    c.conflicts(), c.p95Micros() / 1000.0, c.openFailure() != null ? "open failed" : c.errors());
        }
        out.printf(Locale.ROOT, "acknowledged writes: %d, lost: %d, committed without acknowledgement: %d%n",
                r.acknowledged(), r.lost(), r.unacknowledged());
        r.problems().forEach(p -> out.println("PROBLEM: " + p));
        out.println(r.ok() ? "ok" : "FAILED");
        out.flush();
    }
}
