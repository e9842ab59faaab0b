package dev.ait42.session.legacy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ait42.session.cli.Main;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code import HOME --db DB --json} run as a user runs it, in a JVM of its own with a capped heap:
 * what a value larger than the heap does can only be seen there (in the test JVM it would take
 * the test run down, or fit in its larger heap).
 */
final class ImportInChildJvm {

    /** Exit status, standard output parsed (null if it is not JSON), standard error. */
    record Result(int status, JsonNode json, String stdout, String stderr) {
        String describe() {
            return "exit status " + status + "\nstdout:\n" + stdout + "\nstderr:\n" + stderr;
        }
    }

    private ImportInChildJvm() {
    }

    /** The ids of the sessions in a database the child wrote, sorted (read with plain JDBC). */
    static List<String> sessionIds(Path database) throws SQLException {
        List<String> ids = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + database); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT id FROM sessions ORDER BY id")) {
            while (rs.next()) {
                ids.add(rs.getString(1));
            }
        }
        return ids;
    }

    static Result run(String heap, Path home, Path database) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Path out = Files.createTempFile(database.toAbsolutePath().getParent(), "import-", ".out");
        Path err = Files.createTempFile(database.toAbsolutePath().getParent(), "import-", ".err");
        Process child = new ProcessBuilder(List.of(java, "-Xmx" + heap, "-XX:+ExitOnOutOfMemoryError", "-Dait42.cds=off",
                "-cp", classPath, Main.class.getName(), "import", home.toString(), "--db", database.toString(), "--json"))
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!child.waitFor(120, TimeUnit.SECONDS)) {
            child.destroyForcibly();
            throw new AssertionError("the import in a " + heap + " heap did not end within 120 s");
        }
        String stdout = Files.readString(out, StandardCharsets.UTF_8);
        String stderr = Files.readString(err, StandardCharsets.UTF_8);
        JsonNode json;
        try {
            json = stdout.isBlank() ? null : new ObjectMapper().readTree(stdout);
        } catch (IOException notJson) {
            json = null;
        }
        return new Result(child.exitValue(), json, stdout, stderr);
    }
}
