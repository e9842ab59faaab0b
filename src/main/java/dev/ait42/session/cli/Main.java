package dev.ait42.session.cli;

import dev.ait42.session.ValidationException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The {@code ait42-session} command line: {@code target/ait42-session <command>} (the launcher script
 * the build writes next to the jar) or {@code java -jar target/ait42-session.jar <command>}.
 *
 * <p>Exit status: 0 success; 1 the command ran but something failed (a broken import file, a
 * failed check, a missing session, a storage error); 2 a usage error. Errors are one line on
 * standard error; {@code --verbose} adds the stack trace.
 */
public final class Main {

    private Main() {
    }

    /** The commands, in the order of the help. */
    static final List<Class<?>> COMMANDS = List.of(ImportCommand.class, ListCommand.class, SearchCommand.class,
            ShowCommand.class, StatsCommand.class, MaintenanceCommands.Export.class, MaintenanceCommands.Reindex.class,
            MaintenanceCommands.Check.class, MaintenanceCommands.Backup.class, MaintenanceCommands.Optimize.class,
            CopyToCommand.class, DemoCommand.class, BenchSearchCommand.class, BenchSearchBackendsCommand.class,
            BenchImportCommand.class, BenchStartupCommand.class, BenchCommand.class, BenchFaultsCommand.class,
            BenchConcurrencyCommand.class);

    @Command(name = "ait42-session", mixinStandardHelpOptions = true, version = "ait42-session 0.1.0",
            description = "The history of multi-agent coding sessions: import, browse, search, maintain.")
    static final class Root implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--verbose", scope = ScopeType.INHERIT, description = "Print stack traces of errors.")
        boolean verbose;

        @Override
        public Integer call() {
            spec.commandLine().usage(spec.commandLine().getErr());
            return 2;
        }
    }

    public static void main(String[] args) {
        StartupWarmUp.begin(args.length == 0 ? null : args[0]);
        quietLibraryLogs();
        System.exit(run(List.of(args), System.out, System.err));
    }

    /**
     * Warnings and errors only from the libraries (unless {@code -Dorg.slf4j.simpleLogger.defaultLogLevel}
     * says otherwise): Liquibase and Hibernate log through java.util.logging, the rest through SLF4J.
     * Call before the first log line.
     */
    public static void quietLibraryLogs() {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel",
                System.getProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn"));
        Logger.getLogger("").setLevel(Level.WARNING);
    }

    /** Runs a command as {@code main} does, writing to these streams; returns the exit status. */
    public static int run(List<String> args, PrintStream out, PrintStream err) {
        Terminal.outputIsTerminal(out == System.out);
        Times.utc(false);
        PrintWriter stdout = new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), true);
        PrintWriter stderr = new PrintWriter(new OutputStreamWriter(err, StandardCharsets.UTF_8), true);
        int status = commandLine(stdout, stderr, args.isEmpty() ? null : args.get(0)).execute(args.toArray(String[]::new));
        stdout.flush();
        stderr.flush();
        return status;
    }

    /** The command line with every command and its error handling: one-line errors, exit status 2 for usage errors. */
    static CommandLine commandLine(PrintWriter stdout, PrintWriter stderr) {
        return commandLine(stdout, stderr, null);
    }

    /**
     * {@link #commandLine(PrintWriter, PrintWriter)} for arguments that start with {@code first}:
     * when that names a command, with that command alone. Picocli reads every option of every
     * command it is given, and a read command's start-up need not pay for the nineteen.
     */
    static CommandLine commandLine(PrintWriter stdout, PrintWriter stderr, String first) {
        Root root = new Root();
        CommandLine commandLine = new CommandLine(root);
        List<Class<?>> named = COMMANDS.stream().filter(c -> c.getAnnotation(Command.class).name().equals(first)).toList();
        for (Class<?> command : named.isEmpty() ? COMMANDS : named) {
            commandLine.addSubcommand(command);
        }
        commandLine.setOut(stdout);
        commandLine.setErr(stderr);
        commandLine.setParameterExceptionHandler((e, arguments) -> {
            stderr.println("error: " + usageMessage(e));
            stderr.println("usage: " + e.getCommandLine().getCommandSpec().qualifiedName() + " --help");
            return 2;
        });
        commandLine.setExecutionExceptionHandler((e, command, parsed) -> {
            stderr.println("error: " + oneLine(e));
            if (root.verbose) {
                e.printStackTrace(stderr);
            }
            return e instanceof ValidationException ? 2 : 1;
        });
        return commandLine;
    }

    /**
     * A usage error in words: "unknown command 'frobnicate'" rather than picocli's "Unmatched
     * argument at index 0", and "--type: unknown value 'race' (...)" rather than "Invalid value
     * for option '--type' (TYPE): ...".
     */
    static String usageMessage(CommandLine.ParameterException e) {
        if (e instanceof CommandLine.UnmatchedArgumentException unmatched
                && e.getCommandLine().getCommandSpec().parent() == null
                && !e.getCommandLine().getSubcommands().isEmpty()
                && !unmatched.getUnmatched().isEmpty() && !unmatched.getUnmatched().get(0).startsWith("-")) {
            return "unknown command '" + unmatched.getUnmatched().get(0) + "' (commands: "
                    + String.join(", ", e.getCommandLine().getSubcommands().keySet()) + ")";
        }
        if (e.getCause() instanceof CommandLine.TypeConversionException conversion
                && e.getArgSpec() instanceof CommandLine.Model.OptionSpec option) {
            return option.longestName() + ": " + conversion.getMessage().replaceAll("is not an? (int|long)\\b",
                    "is not a whole number");
        }
        return e.getMessage();
    }

    private static String oneLine(Exception e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return message.replaceAll("\\s*\\R\\s*", " ");
    }
}
