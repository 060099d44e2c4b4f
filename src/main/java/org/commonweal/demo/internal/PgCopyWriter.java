package org.commonweal.demo.internal;

import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import org.commonweal.demo.CopyRows;
import org.postgresql.copy.CopyIn;

/** Writes rows in PostgreSQL COPY text format straight into a {@link CopyIn}, buffered. */
final class PgCopyWriter implements CopyRows {

    private final CopyIn copy;
    private final int columns;
    private final StringBuilder buffer = new StringBuilder(1 << 16);
    private long rows;

    PgCopyWriter(CopyIn copy, int columns) {
        this.copy = copy;
        this.columns = columns;
    }

    @Override
    public void row(Object... values) {
        if (values.length != columns) {
            throw new IllegalArgumentException("row has " + values.length + " values for " + columns + " columns");
        }
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                buffer.append('\t');
            }
            append(values[i]);
        }
        buffer.append('\n');
        rows++;
        if (buffer.length() > 60_000) {
            flush();
        }
    }

    private void append(Object value) {
        switch (value) {
            case null -> buffer.append("\\N");
            case String[] array -> {
                StringBuilder literal = new StringBuilder("{");
                for (int i = 0; i < array.length; i++) {
                    if (i > 0) {
                        literal.append(',');
                    }
                    literal.append('"')
                            .append(array[i].replace("\\", "\\\\").replace("\"", "\\\""))
                            .append('"');
                }
                escape(literal.append('}').toString());
            }
            case LocalDate date -> buffer.append(date);
            case Instant instant -> buffer.append(instant);
            case OffsetDateTime time -> buffer.append(time);
            default -> escape(value.toString());
        }
    }

    private void escape(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\' -> buffer.append("\\\\");
                case '\t' -> buffer.append("\\t");
                case '\n' -> buffer.append("\\n");
                case '\r' -> buffer.append("\\r");
                default -> buffer.append(c);
            }
        }
    }

    void flush() {
        if (buffer.isEmpty()) {
            return;
        }
        byte[] bytes = buffer.toString().getBytes(StandardCharsets.UTF_8);
        try {
            copy.writeToCopy(bytes, 0, bytes.length);
        } catch (SQLException e) {
            throw new IllegalStateException("COPY failed: " + e.getMessage(), e);
        }
        buffer.setLength(0);
    }

    long finish() throws SQLException {
        flush();
        copy.endCopy();
        return rows;
    }
}
