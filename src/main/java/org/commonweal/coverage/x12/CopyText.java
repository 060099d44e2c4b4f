package org.commonweal.coverage.x12;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;
import org.postgresql.PGConnection;

/**
 * Rows in PostgreSQL's COPY text format (tab-separated, {@code \N} for null, backslash escapes), sent with one
 * {@code COPY … FROM STDIN} inside the caller's transaction. Used for rows that are new to their table, where COPY's
 * multi-row insert does a fraction of the work of {@code insert … select from unnest(…)}. Public for quality's 837
 * import, which writes its claims the same way.
 */
public final class CopyText {

    private final StringBuilder sb = new StringBuilder(1 << 16);
    private boolean first = true;
    private int rows;

    public CopyText text(String value) {
        separator();
        if (value == null) {
            sb.append("\\N");
            return this;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> sb.append("\\\\");
                case '\t' -> sb.append("\\t");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                default -> sb.append(c);
            }
        }
        return this;
    }

    public CopyText date(LocalDate value) {
        return value == null ? text(null) : text(value.toString());
    }

    public CopyText number(Number value) {
        if (value == null) {
            return text(null);
        }
        separator();
        sb.append(value);
        return this;
    }

    /** A {@code text[]} value; every element quoted, so any code is safe. */
    public CopyText textArray(List<String> values) {
        separator();
        sb.append('{');
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append('"');
            String v = values.get(i);
            for (int k = 0; k < v.length(); k++) {
                char c = v.charAt(k);
                switch (c) {
                    // array-literal escape (\" or \\), whose backslash COPY needs doubled
                    case '"', '\\' -> sb.append("\\\\").append(c == '\\' ? "\\\\" : "\"");
                    case '\t' -> sb.append("\\t");
                    case '\n' -> sb.append("\\n");
                    case '\r' -> sb.append("\\r");
                    default -> sb.append(c);
                }
            }
            sb.append('"');
        }
        sb.append('}');
        return this;
    }

    public void endRow() {
        sb.append('\n');
        first = true;
        rows++;
    }

    public int rows() {
        return rows;
    }

    private void separator() {
        if (!first) {
            sb.append('\t');
        }
        first = false;
    }

    /** Sends the rows with {@code copy TABLE (COLUMNS) from stdin}; returns the number of rows written. */
    public long copyInto(Connection c, String tableAndColumns) throws SQLException {
        byte[] bytes = sb.toString().getBytes(StandardCharsets.UTF_8);
        var copy = c.unwrap(PGConnection.class).getCopyAPI().copyIn("copy " + tableAndColumns + " from stdin");
        try {
            copy.writeToCopy(bytes, 0, bytes.length);
            return copy.endCopy();
        } finally {
            if (copy.isActive()) {
                copy.cancelCopy();
            }
        }
    }
}
