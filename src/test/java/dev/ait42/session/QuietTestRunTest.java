package dev.ait42.session;

import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.logging.Level;
import java.util.logging.Logger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A test run prints only the runner's lines: the warnings that tests provoke on purpose are not
 * logged, and measured figures go to {@code target/test-reports/}, not to standard output.
 */
class QuietTestRunTest {

    @Test
    void sqlErrorsProvokedOnPurposeAreNotLogged() {
        Logger sqlErrors = Logger.getLogger("org.hibernate.orm.jdbc.error"); // SqlExceptionHelper reports through it

        assertFalse(sqlErrors.isLoggable(Level.WARNING), "test logging.properties");
        assertFalse(Logger.getLogger("org.hibernate.orm.session").isLoggable(Level.WARNING), "rolled-back writes");
        assertTrue(Logger.getLogger("org.hibernate").isLoggable(Level.WARNING), "other warnings still show");
    }

    @Test
    void indexRebuildWarningsAreNotLogged() {
        assertFalse(LoggerFactory.getLogger(SessionStore.class).isWarnEnabled(), "test simplelogger.properties");
        assertTrue(LoggerFactory.getLogger(SessionStore.class).isErrorEnabled());
    }

    @Test
    void reportsGoToFilesNotToStandardOutput() throws Exception {
        PrintStream stdout = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            var file = TestReports.write("quiet-test-run", "a | table");

            assertEquals("a | table\n", Files.readString(file));
        } finally {
            System.setOut(stdout);
        }
        assertEquals("", captured.toString(StandardCharsets.UTF_8));
    }
}
