package dev.ait42.session.cli;

import dev.ait42.session.SessionStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Exit statuses and what reaches stderr: usage errors (2), runtime errors (1), help (0). */
class CommandLineErrorsTest {

    @TempDir
    Path dir;

    private final Cli cli = new Cli();

    private String db() {
        return dir.resolve("sessions.db").toString();
    }

    /** {@link #db()}, created empty: only import creates a database. */
    private String existingDb() {
        SessionStore.open(Path.of(db())).close();
        return db();
    }

    @Test
    void readingCommandsOnAMissingDatabaseFailAndCreateNothing() {
        Path missing = dir.resolve("nowhere").resolve("sessions.db");
        for (List<String> args : List.of(List.of("list"), List.of("search", "token"), List.of("show", "dark-mode"),
                List.of("stats"), List.of("export", dir.resolve("out").toString()), List.of("check"),
                List.of("reindex"), List.of("optimize"), List.of("backup", dir.resolve("copy.db").toString()))) {
            List<String> withDb = new ArrayList<>(args);
            withDb.addAll(List.of("--db", missing.toString()));

            assertEquals(1, cli.run(withDb.toArray(String[]::new)), cli::describe);

            cli.assertOneLineError();
            assertEquals("error: no database at " + missing + "; run import first", cli.err().strip(), cli::describe);
            assertEquals("", cli.out(), cli::describe);
            assertFalse(Files.exists(missing.getParent()), "created " + missing.getParent() + ": " + cli.describe());
            assertFalse(Files.exists(dir.resolve("out")), cli::describe);
        }
    }

    @Test
    void databasePathThatIsADirectoryIsSaidInWords() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("a-folder"));

        assertEquals(1, cli.run("list", "--db", folder.toString()));
        cli.assertOneLineError();
        assertTrue(cli.err().contains("is a directory"), cli::describe);

        assertEquals(1, cli.run("import", "examples/ait42-home", "--db", folder.toString()));
        cli.assertOneLineError();
        assertTrue(cli.err().contains("is a directory"), cli::describe);
        assertFalse(cli.err().contains("I/O"), cli::describe);
    }

    @Test
    void databaseThatCannotBeCreatedSaysWhy() throws Exception {
        Path file = Files.writeString(dir.resolve("plain-file"), "x");

        assertEquals(1, cli.run("import", "examples/ait42-home", "--db", file.resolve("sessions.db").toString()));

        cli.assertOneLineError();
        assertTrue(cli.err().contains("cannot create " + file.toAbsolutePath() + ": a file that is not a folder is in the way"),
                cli::describe);
    }

    @Test
    void usageErrorsAreInPlainWords() {
        assertEquals(2, cli.run("frobnicate"));
        assertTrue(cli.err().startsWith("error: unknown command 'frobnicate' (commands: import, list, search,"),
                cli::describe);

        assertEquals(2, cli.run("list", "--type", "race", "--db", db()));
        assertEquals("error: --type: unknown value 'race' (expected one of: competition, ensemble, debate)",
                cli.err().lines().findFirst().orElseThrow(), cli::describe);

        assertEquals(2, cli.run("list", "--limit", "ten", "--db", db()));
        assertEquals("error: --limit: 'ten' is not a whole number", cli.err().lines().findFirst().orElseThrow(),
                cli::describe);
    }

    @Test
    void cursorOfAnotherSortOrOtherFiltersIsRefusedInPlainWords() {
        String db = SampleHistory.write(dir.resolve("history")).db().toString();
        String cursor = cli.json("list", "--db", db, "--limit", "2", "--json").get("nextCursor").asText();

        assertEquals(2, cli.run("list", "--db", db, "--limit", "2", "--sort", "created", "--asc", "--cursor", cursor));
        cli.assertOneLineError();
        assertEquals("error: cursor: it continues a listing sorted by update time, newest first, not by creation"
                + " time, oldest first; list again without the cursor", cli.err().strip(), cli::describe);
        assertFalse(cli.err().contains("UPDATED_AT"), cli::describe);

        assertEquals(2, cli.run("list", "--db", db, "--limit", "2", "--status", "completed", "--cursor", cursor));
        cli.assertOneLineError();
        assertTrue(cli.err().startsWith("error: cursor: it continues a listing with other filters"), cli::describe);

        assertEquals(0, cli.run("list", "--db", db, "--limit", "2", "--cursor", cursor), cli::describe);
    }

    @Test
    void unknownCommandIsAUsageErrorWithoutStackTrace() {
        assertEquals(2, cli.run("frobnicate"));
        cli.assertUsageError();
        assertTrue(cli.err().contains("frobnicate"), cli::describe);
        assertTrue(cli.err().contains("usage"), cli::describe);
    }

    @Test
    void unknownOptionIsAUsageErrorWithoutStackTrace() {
        assertEquals(2, cli.run("list", "--colour", "blue", "--db", db()));
        cli.assertUsageError();
        assertTrue(cli.err().contains("--colour"), cli::describe);
        assertTrue(cli.err().contains("usage: ait42-session list --help"), cli::describe);
    }

    @Test
    void badFilterValuesAreUsageErrorsNamingTheValue() {
        for (List<String> args : List.of(
                List.of("list", "--type", "bogus"),
                List.of("list", "--type", "debate,bogus"),
                List.of("list", "--status", "done"),
                List.of("stats", "--status", "done"),
                List.of("search", "x", "--type", "bogus"),
                List.of("list", "--since", "yesterday"),
                List.of("list", "--until", "2025-13-01"),
                List.of("list", "--since", "2025-05-02T09:00:00"))) {
            String value = args.get(args.size() - 1);
            List<String> withDb = new ArrayList<>(args);
            withDb.addAll(List.of("--db", db()));
            assertEquals(2, cli.run(withDb.toArray(String[]::new)), cli::describe);
            cli.assertUsageError();
            assertTrue(cli.err().contains(value.contains(",") ? "bogus" : value), cli::describe);
            assertEquals("", cli.out(), cli::describe);
        }
    }

    @Test
    void unknownSortFieldIsAUsageError() {
        assertEquals(2, cli.run("list", "--sort", "size", "--db", db()));
        cli.assertUsageError();
        assertTrue(cli.err().contains("size"), cli::describe);
    }

    @Test
    void unknownSortFieldIsRejectedBeforeAnyDatabaseIsCreated() {
        Path missing = dir.resolve("not-yet").resolve("sessions.db");

        assertEquals(2, cli.run("list", "--sort", "size", "--db", missing.toString()));
        cli.assertUsageError();
        assertFalse(Files.exists(missing.getParent()), "a usage error created " + missing);
    }

    @Test
    void emptyTimeRangeBadLimitAndForeignCursorAreUsageErrors() {
        assertEquals(2, cli.run("list", "--since", "2025-05-05", "--until", "2025-05-01", "--db", existingDb()));
        cli.assertOneLineError();
        assertEquals(2, cli.run("list", "--limit", "0", "--db", existingDb()));
        cli.assertOneLineError();
        assertEquals(2, cli.run("list", "--cursor", "not-a-cursor", "--db", existingDb()));
        cli.assertOneLineError();
        assertTrue(cli.err().contains("not-a-cursor"), cli::describe);
    }

    @Test
    void runtimeErrorIsExactlyOneLineOnStderr() {
        assertEquals(1, cli.run("show", "nope", "--db", existingDb()));
        cli.assertOneLineError();
        assertTrue(cli.err().contains("nope"), cli::describe);

        assertEquals(1, cli.run("list", "--workspace", "0123456789abcdef", "--db", existingDb()));
        cli.assertOneLineError();
        assertTrue(cli.err().contains("0123456789abcdef"), cli::describe);

        assertEquals(1, cli.run("list", "--workspace", dir.resolve("never-registered").toString(), "--db", existingDb()));
        cli.assertOneLineError();
    }

    @Test
    void verboseBeforeTheCommandAddsTheStackTrace() {
        assertEquals(1, cli.run("--verbose", "show", "nope", "--db", existingDb()));
        String err = cli.err();
        assertTrue(err.startsWith("error: "), cli::describe);
        assertTrue(err.contains("NotFoundException") && err.contains("\tat "), cli::describe);
    }

    @Test
    void verboseAfterTheCommandAddsTheStackTrace() {
        assertEquals(1, cli.run("show", "nope", "--db", existingDb(), "--verbose"));
        String err = cli.err();
        assertTrue(err.startsWith("error: "), cli::describe);
        assertTrue(err.contains("NotFoundException") && err.contains("\tat "), cli::describe);
    }

    @Test
    void databaseUrlWithoutIndexFolderIsAUsageErrorNamingTheOption() {
        for (String command : List.of("list", "import", "stats", "check")) {
            List<String> args = new ArrayList<>(List.of(command, "--db", "jdbc:postgresql://127.0.0.1:1/nowhere?password=secret"));
            if (command.equals("import")) {
                args.add(1, "examples/ait42-home");
            }

            assertEquals(2, cli.run(args.toArray(String[]::new)), cli::describe);

            cli.assertOneLineError();
            assertTrue(cli.err().contains("--index-dir: is required with a database URL"), cli::describe);
            assertFalse(cli.err().contains("secret"), cli::describe);
        }
    }

    @Test
    void searchSettingsWithoutASearchUriAreAUsageErrorNamingTheOption() {
        assertEquals(2, cli.run("list", "--db", dir.resolve("s.db").toString(), "--search-index-prefix", "p-"),
                cli::describe);

        cli.assertOneLineError();
        assertTrue(cli.err().contains("need --search-uri"), cli::describe);
        assertFalse(Files.exists(dir.resolve("s.db")), cli::describe);
    }

    @Test
    void searchUriThatIsNoHttpAddressIsAUsageError() {
        assertEquals(2, cli.run("list", "--db", dir.resolve("s.db").toString(), "--search-uri", "ftp://127.0.0.1:9200"),
                cli::describe);

        cli.assertOneLineError();
        assertTrue(cli.err().contains("must be http:// or https:// addresses"), cli::describe);
    }

    @Test
    void searchUserWithoutThePasswordInTheEnvironmentIsAUsageError() {
        org.junit.jupiter.api.Assumptions.assumeTrue(System.getenv("AIT42_SEARCH_PASSWORD") == null);
        assertEquals(2, cli.run("list", "--db", dir.resolve("s.db").toString(), "--search-uri", "http://127.0.0.1:9200",
                "--search-user", "ait42"), cli::describe);

        cli.assertOneLineError();
        assertTrue(cli.err().contains("AIT42_SEARCH_PASSWORD"), cli::describe);
    }

    @Test
    void databaseUrlOfAnotherKindOfDatabaseIsAUsageError() {
        assertEquals(2, cli.run("list", "--db", "jdbc:mysql://127.0.0.1/x?password=secret",
                "--index-dir", dir.resolve("index").toString()), cli::describe);

        cli.assertOneLineError();
        assertTrue(cli.err().contains("must be a PostgreSQL URL"), cli::describe);
        assertFalse(cli.err().contains("secret"), cli::describe);
        assertFalse(Files.exists(dir.resolve("index")), cli::describe);
    }

    @Test
    void unreachableServerIsOneRuntimeErrorLineWithoutThePassword() {
        assertEquals(1, cli.run("list", "--db", "jdbc:postgresql://127.0.0.1:1/nowhere?user=u&password=secret",
                "--index-dir", dir.resolve("index").toString()), cli::describe);

        cli.assertOneLineError();
        assertTrue(cli.err().startsWith("error: cannot connect to jdbc:postgresql://127.0.0.1:1/nowhere?user=u&password=***"),
                cli::describe);
        assertFalse(cli.err().contains("secret"), cli::describe);
        assertFalse(Files.exists(dir.resolve("index")), cli::describe);
    }

    @Test
    void indexFolderOfAFileCanBeMoved() {
        Path index = dir.resolve("elsewhere.index");

        cli.ok("import", "examples/ait42-home", "--db", db(), "--index-dir", index.toString());
        cli.ok("check", "--db", db(), "--index-dir", index.toString());

        assertTrue(Files.isDirectory(index), cli::describe);
        assertFalse(Files.exists(Path.of(db() + ".index")), cli::describe);
        assertTrue(cli.ok("search", "theme", "--db", db(), "--index-dir", index.toString()).contains("dark mode"),
                cli::describe);
    }

    @Test
    void notADatabaseIsARuntimeErrorForEveryStoreCommand() throws Exception {
        Path notes = dir.resolve("notes.txt");
        Files.writeString(notes, "not a database\n".repeat(100));
        for (String command : List.of("list", "stats", "optimize")) {
            assertEquals(1, cli.run(command, "--db", notes.toString()), cli::describe);
            cli.assertOneLineError();
        }
    }

    @Test
    void helpOnTheRootAndOnASubcommandSucceeds() {
        String root = cli.ok("--help");
        for (String command : List.of("list", "search", "show", "stats", "reindex", "check", "backup", "optimize")) {
            assertTrue(root.contains(command), root);
        }

        String list = cli.ok("list", "--help");
        for (String option : List.of("--db", "--workspace", "--type", "--status", "--since", "--until", "--text",
                "--sort", "--asc", "--limit", "--cursor", "--json")) {
            assertTrue(list.contains(option), list);
        }
        assertTrue(cli.ok("search", "--help").contains("QUERY"), cli::describe);
        assertTrue(cli.ok("show", "--help").contains("ID"), cli::describe);
        assertTrue(cli.ok("--version").contains("ait42-session"), cli::describe);
        assertFalse(Files.exists(dir.resolve("sessions.db")), "help opens no database");
    }

    @Test
    void noCommandPrintsUsageOnStderrWithStatusTwo() {
        assertEquals(2, cli.run());
        assertTrue(cli.err().contains("Usage: ait42-session"), cli::describe);
        assertEquals("", cli.out());
    }
}
