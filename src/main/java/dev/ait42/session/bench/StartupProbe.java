package dev.ait42.session.bench;

import dev.ait42.session.SessionStore;
import dev.ait42.session.StoreConfig;
import dev.ait42.session.repository.FetchPlan;
import dev.ait42.session.repository.SessionQuery;

import java.nio.file.Path;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Run in a fresh JVM by {@link StartupBenchmark}: opens the database (the store, or a raw JDBC
 * connection), runs the first listing (a page of 50 summaries with its total) and prints the
 * nanoseconds that took.
 *
 * <pre>java -cp ait42-session.jar dev.ait42.session.bench.StartupProbe store|jdbc DB WORKSPACE</pre>
 */
public final class StartupProbe {

    private StartupProbe() {
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        Logger.getLogger("").setLevel(Level.WARNING); // as the command line: no start-up chatter
        Path db = Path.of(args[1]);
        String workspace = args[2];
        long start = System.nanoTime();
        if (args[0].equals("store")) {
            try (SessionStore store = SessionStore.open(db)) {
                store.sessions().search(SessionQuery.inWorkspace(workspace).fetch(FetchPlan.SUMMARY).build(), 0, 50);
                System.out.println(System.nanoTime() - start);
            }
        } else {
            try (JdbcBaseline jdbc = new JdbcBaseline(StoreConfig.of(db), workspace)) {
                jdbc.firstPage(50);
                System.out.println(System.nanoTime() - start);
            }
        }
    }
}
