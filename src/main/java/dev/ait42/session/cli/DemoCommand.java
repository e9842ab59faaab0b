package dev.ait42.session.cli;

import dev.ait42.session.NotFoundException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * The README's first command: imports the project's example {@code .ait42} home into a database
 * under {@code target/} and runs the commands a new user would try next, each printed before its
 * output so the user can type it again. Running it twice shows the import is idempotent.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Import the example .ait42 home into target/demo/sessions.db, then list, search and stats.")
final class DemoCommand implements Callable<Integer> {

    static final Path DEMO_DATABASE = Path.of("target", "demo", "sessions.db");
    static final Path EXAMPLE_HOME = Path.of("examples", "ait42-home");

    @Spec
    CommandSpec spec;

    @Option(names = "--db", paramLabel = "FILE", description = "The database file (default: target/demo/sessions.db).")
    Path database = DEMO_DATABASE;

    @Option(names = "--home", paramLabel = "AIT42_HOME",
            description = "The .ait42 home to import (default: examples/ait42-home, shipped with the project).")
    Path home = EXAMPLE_HOME;

    @Override
    public Integer call() {
        if (!Files.isDirectory(home.resolve("sessions"))) {
            throw new NotFoundException("no legacy history at " + home.toAbsolutePath()
                    + " (run from the project folder, or pass --home)");
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        String db = database.toString();
        List<List<String>> steps = List.of(
                List.of("import", home.toString(), "--db", db, "--verify"),
                List.of("list", "--db", db),
                List.of("list", "--db", db, "--type", "debate", "--status", "running,paused"),
                List.of("search", "theme", "--db", db),
                List.of("search", "トークン", "--db", db),
                List.of("stats", "--db", db));
        for (List<String> step : steps) {
            out.println();
            out.println("$ target/ait42-session " + String.join(" ", quoted(step)));
            out.flush();
            int status = Main.commandLine(out, err).execute(step.toArray(String[]::new));
            if (status != 0) {
                return status; // its error is printed; the next steps would only repeat it
            }
        }
        return 0;
    }

    private static List<String> quoted(List<String> args) {
        List<String> shown = new ArrayList<>();
        for (String arg : args) {
            shown.add(arg.matches("[\\w./:,=-]+") ? arg : "'" + arg + "'");
        }
        return shown;
    }
}
