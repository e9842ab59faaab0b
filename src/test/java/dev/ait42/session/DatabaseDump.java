package dev.ait42.session;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/** Every row of the session tables as text, read with plain JDBC: equal dumps mean an unchanged database. */
public final class DatabaseDump {

    private DatabaseDump() {
    }

    public static String of(Connection c, boolean postgresql) {
        StringBuilder out = new StringBuilder();
        // PostgreSQL's ctid moves on every write of a row, as a rewritten SQLite row's content would differ.
        String rowid = postgresql ? "ctid" : "rowid";
        try (Statement st = c.createStatement()) {
            for (String sql : List.of(
                    "SELECT " + (postgresql ? "ctid, " : "") + "* FROM workspaces ORDER BY hash",
                    "SELECT " + (postgresql ? "ctid, " : "") + "* FROM sessions ORDER BY pk",
                    "SELECT " + rowid + ", * FROM instances ORDER BY session_pk, instance_id",
                    // SQLite keeps messages WITHOUT ROWID: a row is its key and columns
                    "SELECT " + (postgresql ? "ctid, " : "") + "* FROM chat_messages ORDER BY session_pk, seq, id")) {
                out.append("## ").append(sql).append('\n');
                try (ResultSet rs = st.executeQuery(sql)) {
                    ResultSetMetaData meta = rs.getMetaData();
                    while (rs.next()) {
                        for (int col = 1; col <= meta.getColumnCount(); col++) {
                            out.append(meta.getColumnName(col)).append('=').append(rs.getString(col)).append(' ');
                        }
                        out.append('\n');
                    }
                }
            }
        } catch (SQLException e) {
            throw new AssertionError("cannot dump the database", e);
        }
        return out.toString();
    }
}
