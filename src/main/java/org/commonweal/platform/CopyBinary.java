package org.commonweal.platform;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Rows in PostgreSQL's binary COPY format, streamed to one {@code COPY … FROM STDIN (FORMAT binary)} inside the
 * caller's transaction while they are being written: the 834 first load (issue #23) and the 837 import (issue #21).
 * Against text COPY (the whole chunk built as text, then sent): no escaping and no date, number or array literals for the server to parse, and the server stores
 * the first rows while this thread encodes the next ones, so the importer's thread and the database's backend work on
 * the two cores at once instead of taking turns.
 *
 * <p>Every row must give its values in the order and with the types of the columns named: {@code text} for text,
 * {@code date} for date, {@code float8} for double precision, {@code int4} for int, {@code int8} for bigint, {@code
 * textArray} for text[], {@code bool} for boolean, {@code numeric} for numeric (the server rounds to the column's
 * scale, as it does for text). The server checks each against its column and refuses the COPY otherwise. The COPY starts
 * with the first buffer sent; {@link #finish} ends it, {@link #close} cancels one not finished (after an error).
 */
public final class CopyBinary implements AutoCloseable {

    private static final byte[] HEADER = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xff, '\r', '\n', 0, 0, 0, 0, 0};
    /** The oid of {@code text}, the element type of a {@code text[]} value. */
    private static final int TEXT_OID = 25;
    /** Days between 1970-01-01 and PostgreSQL's epoch, 2000-01-01. */
    private static final long POSTGRES_EPOCH_DAY = LocalDate.of(2000, 1, 1).toEpochDay();

    private final Connection connection;
    private final String sql;
    private final int columns;
    private final int flushAt;
    private CopyIn copy;
    private byte[] buffer;
    private int position;
    private int rows;
    private int fieldsLeft;

    /**
     * @param tableAndColumns {@code schema.table (column, …)}
     * @param columns how many columns each row gives
     */
    public CopyBinary(Connection connection, String tableAndColumns, int columns) {
        this(connection, tableAndColumns, columns, 1 << 17);
    }

    /** With the size of the buffer sent at once (tests send small ones to cross buffer edges). */
    public CopyBinary(Connection connection, String tableAndColumns, int columns, int flushAt) {
        this.connection = connection;
        this.sql = "copy " + tableAndColumns + " from stdin (format binary)";
        this.columns = columns;
        this.flushAt = flushAt;
        this.buffer = new byte[Math.max(flushAt, 1 << 10) + 1024];
        System.arraycopy(HEADER, 0, buffer, 0, HEADER.length);
        // header extension area length 0
        this.position = HEADER.length + 4;
    }

    /** Starts a row; its {@code columns} values follow. */
    public CopyBinary row() throws SQLException {
        if (fieldsLeft != 0) {
            throw new IllegalStateException(
                    "row " + rows + " gave " + (columns - fieldsLeft) + " of " + columns + " values");
        }
        if (position >= flushAt) {
            flush();
        }
        ensure(2);
        putShort(columns);
        fieldsLeft = columns;
        rows++;
        return this;
    }

    public CopyBinary text(String value) {
        if (value == null) {
            return nullValue();
        }
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        field(bytes.length);
        System.arraycopy(bytes, 0, buffer, position, bytes.length);
        position += bytes.length;
        return this;
    }

    public CopyBinary date(LocalDate value) {
        if (value == null) {
            return nullValue();
        }
        field(4);
        putInt((int) (value.toEpochDay() - POSTGRES_EPOCH_DAY));
        return this;
    }

    public CopyBinary float8(Double value) {
        if (value == null) {
            return nullValue();
        }
        field(8);
        putLong(Double.doubleToLongBits(value));
        return this;
    }

    public CopyBinary int4(Integer value) {
        if (value == null) {
            return nullValue();
        }
        field(4);
        putInt(value);
        return this;
    }

    public CopyBinary int8(long value) {
        field(8);
        putLong(value);
        return this;
    }

    public CopyBinary int8(Long value) {
        return value == null ? nullValue() : int8(value.longValue());
    }

    public CopyBinary bool(boolean value) {
        field(1);
        buffer[position++] = (byte) (value ? 1 : 0);
        return this;
    }

    /**
     * A {@code numeric}: PostgreSQL's binary form, base-10,000 digits around the decimal point with the value's own
     * scale; the server rounds it to the column's scale and checks its precision, as for a text literal.
     */
    public CopyBinary numeric(BigDecimal value) {
        if (value == null) {
            return nullValue();
        }
        int scale = Math.max(value.scale(), 0);
        String digits = value.unscaledValue().abs().toString();
        if (value.scale() < 0) {
            digits = digits + "0".repeat(-value.scale());
        }
        // integer digits padded on the left, fraction digits on the right, to whole groups of four
        int integerLength = Math.max(digits.length() - scale, 0);
        String integer = digits.substring(0, integerLength);
        String fraction = digits.length() >= scale
                ? digits.substring(integerLength)
                : "0".repeat(scale - digits.length()) + digits;
        integer = "0".repeat((4 - integer.length() % 4) % 4) + integer;
        fraction = fraction + "0".repeat((4 - fraction.length() % 4) % 4);
        String all = integer + fraction;
        int groups = all.length() / 4;
        int weight = integer.length() / 4 - 1;
        int first = 0;
        while (first < groups && all.startsWith("0000", first * 4)) {
            first++;
            weight--;
        }
        int last = groups;
        while (last > first && all.startsWith("0000", (last - 1) * 4)) {
            last--;
        }
        int n = last - first;
        field(8 + 2 * n);
        putShort(n);
        putShort(n == 0 ? 0 : weight);
        putShort(value.signum() < 0 && n > 0 ? 0x4000 : 0);
        putShort(scale);
        for (int g = first; g < last; g++) {
            putShort(Integer.parseInt(all, g * 4, g * 4 + 4, 10));
        }
        return this;
    }

    /** A one-dimensional {@code text[]}; null elements are written as SQL nulls. */
    public CopyBinary textArray(List<String> values) {
        if (values == null) {
            return nullValue();
        }
        byte[][] elements = new byte[values.size()][];
        int length = 20;
        boolean nulls = false;
        for (int i = 0; i < elements.length; i++) {
            String v = values.get(i);
            nulls |= v == null;
            elements[i] = v == null ? null : v.getBytes(StandardCharsets.UTF_8);
            length += 4 + (v == null ? 0 : elements[i].length);
        }
        if (elements.length == 0) {
            // an empty array has no dimensions
            field(12);
            putInt(0);
            putInt(0);
            putInt(TEXT_OID);
            return this;
        }
        field(length);
        putInt(1);
        putInt(nulls ? 1 : 0);
        putInt(TEXT_OID);
        putInt(elements.length);
        putInt(1);
        for (byte[] e : elements) {
            if (e == null) {
                putInt(-1);
            } else {
                putInt(e.length);
                System.arraycopy(e, 0, buffer, position, e.length);
                position += e.length;
            }
        }
        return this;
    }

    public int rows() {
        return rows;
    }

    /** Sends what is left and ends the COPY; returns the number of rows the server stored. */
    public long finish() throws SQLException {
        if (fieldsLeft != 0) {
            throw new IllegalStateException("the last row lacks " + fieldsLeft + " values");
        }
        ensure(2);
        putShort(-1);
        send();
        return copy.endCopy();
    }

    /** Cancels a COPY that was started and not finished (the server discards its rows). */
    @Override
    public void close() throws SQLException {
        if (copy != null && copy.isActive()) {
            copy.cancelCopy();
        }
    }

    private CopyBinary nullValue() {
        field(-1);
        return this;
    }

    /** The length word of the next value, after checking the row still expects one and the buffer can hold it. */
    private void field(int length) {
        if (fieldsLeft-- <= 0) {
            throw new IllegalStateException("row " + rows + " has more than " + columns + " values");
        }
        ensure(4 + Math.max(length, 0));
        putInt(length);
    }

    private void flush() throws SQLException {
        send();
    }

    private void send() throws SQLException {
        if (copy == null) {
            copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(sql);
        }
        if (position > 0) {
            copy.writeToCopy(buffer, 0, position);
            position = 0;
        }
    }

    private void ensure(int bytes) {
        if (position + bytes > buffer.length) {
            buffer = java.util.Arrays.copyOf(buffer, Math.max(buffer.length * 2, position + bytes));
        }
    }

    private void putShort(int v) {
        buffer[position++] = (byte) (v >>> 8);
        buffer[position++] = (byte) v;
    }

    private void putInt(int v) {
        buffer[position++] = (byte) (v >>> 24);
        buffer[position++] = (byte) (v >>> 16);
        buffer[position++] = (byte) (v >>> 8);
        buffer[position++] = (byte) v;
    }

    private void putLong(long v) {
        putInt((int) (v >>> 32));
        putInt((int) v);
    }
}
