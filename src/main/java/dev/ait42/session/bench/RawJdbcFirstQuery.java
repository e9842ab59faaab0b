package dev.ait42.session.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The start-up baseline, run in a JVM of its own: {@code RawJdbcFirstQuery DATABASE} opens the
 * file with plain JDBC and reads what {@code list --limit 20} shows (the 20 newest sessions with
 * their agents), then exits.
 */
public final class RawJdbcFirstQuery {

    private RawJdbcFirstQuery() {
    }

    public static void main(String[] args) throws SQLException {
        int rows = 0;
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + args[0]);
             Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT s.id, s.session_type, s.status, s.created_at, s.total_duration,"
                     + " s.task, (SELECT group_concat(i.agent_name, ',') FROM instances i WHERE i.session_pk = s.pk)"
                     + " FROM sessions s ORDER BY s.created_at DESC, s.pk DESC LIMIT 21")) {
            while (rs.next()) {
                rows += rs.getString(6).isEmpty() ? 0 : 1;
            }
        }
        System.out.println("rows=" + rows);
    }
}
