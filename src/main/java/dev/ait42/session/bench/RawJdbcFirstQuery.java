package dev.ait42.session.bench;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The start-up baseline, run in a JVM of its own: {@code RawJdbcFirstQuery --db DATABASE [--index-dir DIR]}
 * (the options {@code list} gets; a SQLite file or a PostgreSQL URL, the index folder unused) opens
 * the database with plain JDBC and reads what {@code list --limit 20} shows (the 20 newest
 * sessions with their agents), then exits.
 */
public final class RawJdbcFirstQuery {

    private RawJdbcFirstQuery() {
    }

    public static void main(String[] args) throws SQLException {
        BenchDatabase database = BenchDatabase.named(args[1], Path.of("."));
        int rows = 0;
        try (Connection c = database.connect();
             Statement st = c.createStatement();
             ResultSet rs = st.executeQuery(database.firstQuery())) {
            while (rs.next()) {
                rows += rs.getString(6).isEmpty() ? 0 : 1;
            }
        }
        System.out.println("rows=" + rows);
    }
}
