package dev.ait42.session.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code import} and {@code export} as a user runs them: exit status, summary, {@code --json}. */
class ImportExportCommandsTest {

    private static final Path EXAMPLE_HOME = Path.of("examples", "ait42-home");
    private static final String API_GATEWAY = "ac43b3eed530358e";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TempDir
    Path dir;

    private final Cli cli = new Cli();

    private String db() {
        return dir.resolve("sessions.db").toString();
    }

    @Test
    void importOfTheExampleHomeReportsEverySessionAsJson() {
        JsonNode report = cli.json("import", EXAMPLE_HOME.toString(), "--db", db(), "--json").get("import");

        assertEquals(2, report.get("filesRead").asInt());
        assertEquals(6, report.get("created").asInt());
        assertEquals(0, report.get("failed").asInt());
        assertFalse(report.get("dryRun").asBoolean());
        assertEquals(0, report.get("problems").size());
        assertTrue(report.get("elapsedMillis").asLong() >= report.get("indexingMillis").asLong());
        assertEquals(6, cli.json("list", "--db", db(), "--json").get("sessions").size());
    }

    @Test
    void secondImportOfTheSameFilesChangesNothing() {
        cli.ok("import", EXAMPLE_HOME.toString(), "--db", db());

        JsonNode report = cli.json("import", EXAMPLE_HOME.toString(), "--db", db(), "--json").get("import");

        assertEquals(0, report.get("created").asInt());
        assertEquals(0, report.get("updated").asInt());
        assertEquals(6, report.get("unchanged").asInt());
    }

    @Test
    void dryRunReportsWhatItWouldDoAndWritesNothing() {
        String summary = cli.ok("import", EXAMPLE_HOME.toString(), "--db", db(), "--dry-run");

        assertTrue(summary.contains("dry run, nothing written: 2 files: would create 6 sessions, update 0, leave 0"
                + " unchanged; 0 would fail"), cli.describe());
        assertFalse(summary.contains("created"), cli.describe());
        assertFalse(Files.exists(Path.of(db())), "a dry run creates no database: " + cli.describe());
        assertFalse(Files.exists(Path.of(db() + ".index")), "nor its index folder: " + cli.describe());
    }

    @Test
    void dryRunOnAnExistingDatabaseComparesWithItAndWritesNothing() {
        cli.ok("import", EXAMPLE_HOME.toString(), "--db", db());

        String summary = cli.ok("import", EXAMPLE_HOME.toString(), "--db", db(), "--dry-run");

        assertTrue(summary.contains("would create 0 sessions, update 0, leave 6 unchanged"), cli.describe());
    }

    @Test
    void verifyAfterImportFindsEverySessionConsistent() {
        JsonNode doc = cli.json("import", EXAMPLE_HOME.toString(), "--db", db(), "--verify", "--json");

        JsonNode verification = doc.get("verification");
        assertTrue(verification.get("consistent").asBoolean());
        assertEquals(6, verification.get("counts").get("consistent").asInt());
        assertEquals(0, verification.get("sessions").size());
    }

    @Test
    void brokenFileImportsTheOtherFilesAndExitsWithStatusOne() throws IOException {
        Path home = copyOfExampleHome();
        Path broken = home.resolve("sessions").resolve(API_GATEWAY + ".json");
        String text = Files.readString(broken);
        Files.writeString(broken, text.substring(0, text.length() / 2)); // truncated mid-file

        assertEquals(1, cli.run("import", home.toString(), "--db", db(), "--json"));

        JsonNode report = cli.parsedOut().get("import");
        assertEquals(1, report.get("problems").size(), cli.describe());
        JsonNode problem = report.get("problems").get(0);
        assertTrue(problem.get("file").asText().endsWith(API_GATEWAY + ".json"), cli.describe());
        assertTrue(problem.get("line").asInt() > 0 && problem.get("column").asInt() > 0, cli.describe());
        assertTrue(problem.get("message").asText().startsWith("broken JSON"), cli.describe());
        assertTrue(report.get("created").asInt() >= 3, "the other file's sessions are imported: " + cli.describe());
        cli.assertOneLineError();
        assertTrue(cli.err().contains("1 problem in the files"), cli.describe());
    }

    @Test
    void unknownStatusIsReportedWithFileLineAndColumnInTheSummary() throws IOException {
        Path home = copyOfExampleHome();
        Path file = home.resolve("sessions").resolve(API_GATEWAY + ".json");
        Files.writeString(file, Files.readString(file).replaceFirst("\"status\": \"failed\"", "\"status\": \"exploded\""));

        assertEquals(1, cli.run("import", home.toString(), "--db", db()));

        assertTrue(cli.out().contains("2 files: 5 sessions created, 0 updated, 0 unchanged, 1 failed"), cli.describe());
        assertTrue(cli.out().lines().anyMatch(line -> line.startsWith("problem: " + file + ":")
                && line.contains("exploded")), cli.describe());
    }

    @Test
    void missingHomeIsAFailedImportWithOneLineAndNoDatabase() {
        assertEquals(1, cli.run("import", dir.resolve("no-such-home").toString(), "--db", db()));

        assertEquals("", cli.out(), cli.describe());
        cli.assertOneLineError();
        assertTrue(cli.err().startsWith("error: no legacy history at " + dir.resolve("no-such-home")
                + ": it has no sessions/ folder"), cli.describe());
        assertFalse(Files.exists(Path.of(db())), cli.describe());
    }

    @Test
    void folderThatIsNotALegacyHomeIsOneErrorLineNotASummaryOfTheDatabase() throws IOException {
        cli.ok("import", EXAMPLE_HOME.toString(), "--db", db());
        Path userHome = dir.resolve("user");
        Path ait42 = copyOfExampleHome().getParent().resolve("user").resolve(".ait42");
        Files.createDirectories(ait42.getParent());
        Files.move(dir.resolve("home"), ait42);

        assertEquals(1, cli.run("import", userHome.toString(), "--db", db()));

        assertEquals("", cli.out(), "no summary, no list of stored sessions: " + cli.describe());
        cli.assertOneLineError();
        assertTrue(cli.err().contains("did you mean " + ait42 + "?"), cli.describe());
    }

    @Test
    void verifyOnATruncatedFileSaysWhichPartItCouldNotRead() throws IOException {
        Path home = copyOfExampleHome();
        cli.ok("import", home.toString(), "--db", db());
        Path broken = home.resolve("sessions").resolve(API_GATEWAY + ".json");
        String text = Files.readString(broken);
        Files.writeString(broken, text.substring(0, text.length() / 2));

        assertEquals(1, cli.run("import", home.toString(), "--db", db(), "--verify"));

        assertTrue(cli.out().lines().anyMatch(line -> line.startsWith("  unreadable " + broken + ":")
                && line.contains("broken JSON")), cli.describe());
        assertFalse(cli.err().contains("the database differs from the JSON"), cli.describe());
        assertTrue(cli.err().contains("the verification could not read 1 part of the JSON"), cli.describe());
        cli.assertOneLineError();
    }

    @Test
    void exportThenImportIntoANewDatabaseGivesTheSameSessions() throws IOException {
        cli.ok("import", EXAMPLE_HOME.toString(), "--db", db());
        Path exported = dir.resolve("exported");

        cli.ok("export", exported.toString(), "--db", db());

        assertTrue(Files.exists(exported.resolve("workspace_mapping.json")));
        assertEquals(2, list(exported.resolve("sessions")));
        String copy = dir.resolve("copy.db").toString();
        JsonNode doc = cli.json("import", exported.toString(), "--db", copy, "--verify", "--json");
        assertEquals(6, doc.get("import").get("created").asInt());
        assertTrue(doc.get("verification").get("consistent").asBoolean());
        assertEquals(cli.json("list", "--db", db(), "--json").get("sessions"),
                cli.json("list", "--db", copy, "--json").get("sessions"));
    }

    @Test
    void importWithoutAValueForDbIsAUsageError() {
        assertEquals(2, cli.run("import", EXAMPLE_HOME.toString(), "--db"));

        cli.assertUsageError();
    }

    private Path copyOfExampleHome() throws IOException {
        Path home = dir.resolve("home");
        try (Stream<Path> files = Files.walk(EXAMPLE_HOME)) {
            for (Path source : files.sorted(Comparator.naturalOrder()).toList()) {
                Path target = home.resolve(EXAMPLE_HOME.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target);
                }
            }
        }
        return home;
    }

    private static long list(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.count();
        }
    }
}
