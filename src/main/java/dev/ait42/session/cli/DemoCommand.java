package dev.ait42.session.cli;

import dev.ait42.session.SessionStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "demo", description = "Save a small example history and show listing, search and statistics.",
        mixinStandardHelpOptions = true)
final class DemoCommand implements Callable<Integer> {

    static final Path DEMO_DATABASE = Path.of("target", "demo", "sessions.db");

    @Spec
    CommandSpec spec;

    @Option(names = "--db", paramLabel = "FILE", description = "The database file (default: target/demo/sessions.db).")
    Path database = DEMO_DATABASE;

    @Override
    public Integer call() {
        try (SessionStore store = SessionStore.open(database)) {
            new Demo(store, spec.commandLine().getOut()).run();
            return 0;
        }
    }
}
