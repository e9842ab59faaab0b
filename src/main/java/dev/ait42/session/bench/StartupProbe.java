package dev.ait42.session.bench;

import dev.ait42.session.cli.Main;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Run by {@link StartupBenchmark} in a JVM of its own: {@code StartupProbe --db DATABASE [--index-dir DIR]}
 * runs {@code list --limit 20} with those options as the command line does and prints where the time went, from the
 * JVM's start: {@code status= toMainMs= commandMs= openMs= guardMs= liquibaseMs= indexCheckMs= bootMs=}.
 */
public final class StartupProbe {

    private static final Pattern OPENED = Pattern.compile("Opened .* in (\\d+) ms: schema guard and pools (\\d+) ms,"
            + " Liquibase (\\d+) ms, index check (\\d+) ms, Hibernate ORM(?: and Search)? (\\d+) ms");

    private StartupProbe() {
    }

    public static void main(String[] args) {
        long mainEntered = System.currentTimeMillis();
        long toMain = mainEntered - ManagementFactory.getRuntimeMXBean().getStartTime();
        Main.quietLibraryLogs();
        System.setProperty("org.slf4j.simpleLogger.log.dev.ait42.session.SessionStore", "debug");
        PrintStream stderr = System.err;
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        System.setErr(new PrintStream(log, true, StandardCharsets.UTF_8)); // the store's timing line goes there
        long start = System.nanoTime();
        List<String> command = new ArrayList<>(List.of("list", "--limit", "20"));
        command.addAll(List.of(args));
        int status = Main.run(command,
                new PrintStream(OutputStream.nullOutputStream()), System.err);
        long commandMillis = (System.nanoTime() - start) / 1_000_000;
        System.setErr(stderr);
        Matcher opened = OPENED.matcher(log.toString(StandardCharsets.UTF_8));
        if (status != 0 || !opened.find()) {
            System.out.println(log.toString(StandardCharsets.UTF_8));
            System.out.println("status=" + status + " (no timing line from the store)");
            System.exit(1);
        }
        System.out.println("status=0 toMainMs=" + toMain + " commandMs=" + commandMillis + " openMs=" + opened.group(1)
                + " guardMs=" + opened.group(2) + " liquibaseMs=" + opened.group(3) + " indexCheckMs=" + opened.group(4)
                + " bootMs=" + opened.group(5));
    }
}
