package org.commonweal.geography.street;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a dBASE III table (the {@code .dbf} attribute table of a shapefile) record by record: a 32-byte header
 * (record count at 4, header length at 8, record length at 10, little-endian), 32-byte field descriptors up to a
 * 0x0D terminator (name in 11 bytes, type at 11, length at 16), then fixed-width records each led by a deletion flag
 * ({@code *} deleted). Values are the field's text, trimmed; TIGER/Line writes UTF-8 (its {@code .cpg} says so).
 */
final class Dbf implements Closeable {

    record Field(String name, char type, int length, int offset) {}

    private final InputStream in;
    private final Charset charset;
    private final List<Field> fields;
    private final Map<String, Field> byName = new HashMap<>();
    private final int records;
    private final int recordLength;
    private int read;

    Dbf(Path file, Charset charset) throws IOException {
        this.in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        this.charset = charset;
        Header header;
        try {
            header = header(in, file);
        } catch (IOException | RuntimeException e) {
            in.close(); // a refused file keeps no descriptor open (a fuzzing finding: "Too many open files")
            throw e;
        }
        this.records = header.records();
        this.recordLength = header.recordLength();
        this.fields = header.fields();
        for (Field f : fields) {
            byName.put(f.name().toUpperCase(java.util.Locale.ROOT), f);
        }
    }

    private record Header(int records, int recordLength, List<Field> fields) {}

    /** The 32-byte header and the field descriptors. */
    private static Header header(InputStream in, Path file) throws IOException {
        byte[] head = in.readNBytes(32);
        if (head.length < 32) {
            throw new IOException(file.getFileName() + ": not a dBASE table (shorter than its 32-byte header)");
        }
        ByteBuffer b = ByteBuffer.wrap(head).order(ByteOrder.LITTLE_ENDIAN);
        int records = b.getInt(4);
        int headerLength = Short.toUnsignedInt(b.getShort(8));
        int recordLength = Short.toUnsignedInt(b.getShort(10));
        if (records < 0 || headerLength < 33 || recordLength < 1) {
            throw new IOException(file.getFileName() + ": not a dBASE table (header " + headerLength + " bytes, record "
                    + recordLength + " bytes)");
        }
        byte[] descriptors = in.readNBytes(headerLength - 32);
        List<Field> list = new ArrayList<>();
        int offset = 1;
        for (int p = 0; p + 32 <= descriptors.length && descriptors[p] != 0x0D; p += 32) {
            int end = 0;
            while (end < 11 && descriptors[p + end] != 0) {
                end++;
            }
            String name = new String(descriptors, p, end, java.nio.charset.StandardCharsets.US_ASCII).strip();
            int length = Byte.toUnsignedInt(descriptors[p + 16]);
            Field f = new Field(name, (char) descriptors[p + 11], length, offset);
            offset += length;
            list.add(f);
        }
        if (offset != recordLength) {
            throw new IOException(file.getFileName() + ": the fields add up to " + offset
                    + " bytes but the header says a record has " + recordLength);
        }
        return new Header(records, recordLength, List.copyOf(list));
    }

    List<Field> fields() {
        return fields;
    }

    boolean has(String name) {
        return byName.containsKey(name);
    }

    int records() {
        return records;
    }

    /**
     * The next record as field name → trimmed text ({@code null} for blanks), or {@code null} after the last one.
     * A deleted record comes back as an empty map, so record numbers stay aligned with the shapes.
     */
    Map<String, String> next() throws IOException {
        if (read >= records) {
            return null;
        }
        byte[] r = in.readNBytes(recordLength);
        if (r.length < recordLength) {
            throw new IOException("record " + (read + 1) + " of " + records + " is cut short");
        }
        read++;
        if (r[0] == '*') {
            return Map.of();
        }
        Map<String, String> values = new HashMap<>();
        for (Field f : fields) {
            String v = new String(r, f.offset(), f.length(), charset).strip();
            values.put(f.name().toUpperCase(java.util.Locale.ROOT), v.isEmpty() ? null : v);
        }
        return values;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
