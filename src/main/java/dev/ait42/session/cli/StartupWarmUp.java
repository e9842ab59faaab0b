package dev.ait42.session.cli;

import java.sql.DriverManager;
import java.util.List;
import java.util.Set;

/**
 * First-time work of a read command's start-up that depends on nothing the command line says,
 * begun on a second thread while the main one parses the arguments and boots Hibernate: the
 * JDK's calendar and locale data (the SQLite driver's date format at its first connection), the
 * JDBC drivers' registration, the SQLite native library, the JSON mapper of the entities'
 * converters, and, for the commands that run one, the HQL grammar. Each is a class's one-time
 * initialization, which the JVM runs once whichever thread comes first; the main thread, arriving
 * while it is under way, waits for it rather than doing it again. Nothing here opens a file or
 * changes what a command does, and a failure is left for the main thread to meet and report.
 */
final class StartupWarmUp {

    /** The commands that run one short query in a fresh process, where this work is most of the wait. */
    static final Set<String> READ_COMMANDS = Set.of("list", "show", "stats", "search");

    /** The commands whose first query is an HQL string (the graph loader's, the lookups'). */
    private static final Set<String> HQL_COMMANDS = Set.of("show", "search");

    private static final List<String> CLASSES = List.of(
            "dev.ait42.session.model.JsonObjectConverter",
            "dev.ait42.session.model.StringListConverter");

    private static final String HQL_PARSER = "org.hibernate.grammars.hql.HqlParser";

    private StartupWarmUp() {
    }

    /**
     * Starts the warm-up for {@code command} (the first argument, or null), on a daemon thread,
     * which never keeps the JVM from exiting; returns it, or null for a command without one.
     */
    static Thread begin(String command) {
        if (command == null || !READ_COMMANDS.contains(command)) {
            return null;
        }
        Thread thread = new Thread(() -> run(HQL_COMMANDS.contains(command)), "ait42-startup-warm-up");
        thread.setDaemon(true);
        thread.setPriority(Thread.NORM_PRIORITY - 1);
        thread.start();
        return thread;
    }

    static void run(boolean hql) {
        try {
            new org.sqlite.SQLiteConfig(); // its date format: Calendar, time zone, CLDR locale data
            DriverManager.getDrivers(); // the drivers on the class path, loaded and registered
            org.sqlite.SQLiteJDBCLoader.initialize(); // the native library, loaded once per JVM
            ClassLoader loader = StartupWarmUp.class.getClassLoader();
            for (String name : CLASSES) {
                Class.forName(name, true, loader);
            }
            if (hql) {
                Class.forName(HQL_PARSER, true, loader); // the grammar's automaton, deserialized
            }
        } catch (Exception | LinkageError e) {
            // The main thread does the same work and reports what fails there.
        }
    }
}
