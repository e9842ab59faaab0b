package dev.ait42.session.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ait42.session.PostgresqlTestDatabase;
import dev.ait42.session.legacy.LegacyHomeGenerator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The same generated legacy home imported into a SQLite file and into PostgreSQL gives the same
 * output, byte for byte: listings in every sort (ties and timestamps included), every session
 * shown, statistics, searches and the exported files. Skipped without a PostgreSQL server
 * ({@code -Dait42.test.database}).
 */
class SameOutputOnSqliteAndPostgresqlTest {

    @TempDir
    static Path dir;
    static PostgresqlTestDatabase pg;
    static final Cli CLI = new Cli();

    @BeforeAll
    static void importIntoBoth() {
        pg = PostgresqlTestDatabase.create();
        Path home = dir.resolve("home");
        LegacyHomeGenerator.write(home, 60, 3, 7);
        CLI.ok("import", home.toString(), "--db", sqlite()[1]);
        CLI.ok(withDb(postgresql(), "import", home.toString()));
    }

    @AfterAll
    static void dropDatabase() {
        if (pg != null) {
            pg.close();
        }
    }

    static String[] sqlite() {
        return new String[] {"--db", dir.resolve("sessions.db").toString()};
    }

    static String[] postgresql() {
        return new String[] {"--db", pg.url(), "--index-dir", dir.resolve("pg.index").toString()};
    }

    static String[] withDb(String[] db, String... args) {
        return Stream.concat(Stream.of(args), Stream.of(db)).toArray(String[]::new);
    }

    /** Runs the command on both databases and asserts the same standard output; returns it. */
    private static String same(String... args) {
        String onSqlite = CLI.ok(withDb(sqlite(), args));
        String onPostgresql = CLI.ok(withDb(postgresql(), args));
        assertEquals(onSqlite, onPostgresql, "ait42-session " + String.join(" ", args));
        return onSqlite;
    }

    @Test
    void listingsAreTheSameInEverySortAndDirection() {
        for (String sort : List.of("created", "updated", "duration", "files")) {
            for (List<String> direction : List.of(List.<String>of(), List.of("--asc"))) {
                List<String> args = new ArrayList<>(List.of("list", "--json", "--limit", "1000", "--sort", sort));
                args.addAll(direction);
                assertTrue(same(args.toArray(String[]::new)).contains("\"id\""));
            }
        }
        same("list", "--utc");
        same("list", "--json", "--status", "completed,failed", "--type", "competition", "--since", "2025-01-03");
        same("list", "--json", "--text", "REFACTOR");
    }

    @Test
    void pagesByCursorAreTheSame() {
        String cursor = null;
        for (int page = 0; page < 4; page++) {
            List<String> args = new ArrayList<>(List.of("list", "--json", "--limit", "7", "--sort", "duration"));
            if (cursor != null) {
                args.addAll(List.of("--cursor", cursor));
            }
            same(args.toArray(String[]::new));
            JsonNode next = CLI.parsedOut().get("nextCursor");
            if (next.isNull()) {
                break;
            }
            cursor = next.asText();
        }
    }

    @Test
    void everySessionIsShownTheSame() {
        JsonNode sessions = CLI.json(withDb(sqlite(), "list", "--json", "--limit", "1000")).get("sessions");
        assertEquals(60, sessions.size());
        for (JsonNode s : sessions) {
            same("show", s.get("id").asText(), "--workspace", s.get("workspace").asText(), "--json", "--outputs");
        }
        JsonNode first = sessions.get(0);
        same("show", first.get("id").asText(), "--workspace", first.get("workspace").asText(), "--utc");
    }

    @Test
    void statisticsAreTheSame() {
        same("stats", "--json");
        same("stats");
        for (String by : List.of("runtime", "model", "agent")) {
            same("stats", "--by", by, "--json");
            same("stats", "--by", by);
        }
    }

    @Test
    void searchesAreTheSame() {
        for (String query : List.of("refresh token", "トークン", "refactor*", "\"lock file\"", "build | review", "ビルド")) {
            same("search", query, "--json", "--limit", "20");
        }
        same("search", "thread", "--json", "--status", "completed", "--offset", "3");
    }

    @Test
    void exportsAreTheSameFiles() throws IOException {
        Path fromSqlite = dir.resolve("export-sqlite");
        Path fromPostgresql = dir.resolve("export-pg");
        CLI.ok(withDb(sqlite(), "export", fromSqlite.toString()));
        CLI.ok(withDb(postgresql(), "export", fromPostgresql.toString()));
        List<Path> files;
        try (Stream<Path> walk = Files.walk(fromSqlite)) {
            files = walk.filter(Files::isRegularFile).map(fromSqlite::relativize).sorted().toList();
        }
        try (Stream<Path> walk = Files.walk(fromPostgresql)) {
            assertEquals(files, walk.filter(Files::isRegularFile).map(fromPostgresql::relativize).sorted().toList());
        }
        assertEquals(4, files.size(), files::toString); // three workspaces and the mapping
        for (Path file : files) {
            assertArrayEquals(Files.readAllBytes(fromSqlite.resolve(file)), Files.readAllBytes(fromPostgresql.resolve(file)),
                    () -> file + " differs:\n" + firstDifference(fromSqlite.resolve(file), fromPostgresql.resolve(file)));
        }
    }

    private static String firstDifference(Path a, Path b) {
        try {
            List<String> left = Files.readAllLines(a);
            List<String> right = Files.readAllLines(b);
            for (int i = 0; i < Math.min(left.size(), right.size()); i++) {
                if (!left.get(i).equals(right.get(i))) {
                    return "line " + (i + 1) + "\n  sqlite:     " + left.get(i) + "\n  postgresql: " + right.get(i);
                }
            }
            return "lengths " + left.size() + " and " + right.size();
        } catch (IOException e) {
            return e.toString();
        }
    }
}
