package org.commonweal.geography.street;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads the shapes of an ESRI shapefile ({@code .shp}) of lines, one record at a time (ESRI Shapefile Technical
 * Description, 1998): a 100-byte header (file code 9994 big-endian, shape type at 32 little-endian), then records
 * with a big-endian header (number, content length in 16-bit words) and a little-endian content: shape type, for a
 * PolyLine (3) the bounding box, the number of parts and points, the part starts and the points (x = longitude,
 * y = latitude). A Null shape (0) has no points. Parts are joined in order: a TIGER edge has one.
 */
final class ShpPolylines implements Closeable {

    /** One shape: longitudes and latitudes of its points, in the edge's direction (empty for a Null shape). */
    record Line(double[] lons, double[] lats) {}

    private final DataInputStream in;

    ShpPolylines(Path file) throws IOException {
        this.in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16));
        try {
            header(in, file);
        } catch (IOException | RuntimeException e) {
            in.close(); // a refused file keeps no descriptor open
            throw e;
        }
    }

    private static void header(DataInputStream in, Path file) throws IOException {
        byte[] head = in.readNBytes(100);
        ByteBuffer b = ByteBuffer.wrap(head);
        if (head.length < 100 || b.getInt(0) != 9994) {
            throw new IOException(file.getFileName() + ": not a shapefile (no file code 9994 in its header)");
        }
        int type = b.order(ByteOrder.LITTLE_ENDIAN).getInt(32);
        if (type != 3 && type != 13 && type != 23) {
            throw new IOException(file.getFileName() + ": holds shape type " + type + ", not lines (3)");
        }
    }

    /** The next shape, or {@code null} at the end of the file. */
    Line next() throws IOException {
        int number;
        try {
            number = in.readInt();
        } catch (EOFException e) {
            return null;
        }
        int words;
        try {
            words = in.readInt();
        } catch (EOFException e) {
            throw new IOException("shape " + number + ": its record header is cut short");
        }
        if (words < 2 || words > 64 << 20) {
            throw new IOException("shape " + number + ": content length " + words + " words is not possible");
        }
        byte[] content = in.readNBytes(words * 2);
        if (content.length < words * 2) {
            throw new IOException("shape " + number + " is cut short");
        }
        ByteBuffer c = ByteBuffer.wrap(content).order(ByteOrder.LITTLE_ENDIAN);
        int type = c.getInt(0);
        if (type == 0) {
            return new Line(new double[0], new double[0]);
        }
        if (type != 3 && type != 13 && type != 23) {
            throw new IOException("shape " + number + ": type " + type + " is not a line");
        }
        if (content.length < 44) {
            throw new IOException("shape " + number + ": " + content.length + " bytes are too few for a line");
        }
        int parts = c.getInt(36);
        int points = c.getInt(40);
        if (parts < 0 || parts > (content.length - 44) / 4) {
            throw new IOException(
                    "shape " + number + ": " + parts + " parts do not fit in its " + content.length + " bytes");
        }
        int start = 44 + 4 * parts;
        if (points < 0 || start + 16L * points > content.length) {
            throw new IOException(
                    "shape " + number + ": " + points + " points do not fit in its " + content.length + " bytes");
        }
        double[] lons = new double[points];
        double[] lats = new double[points];
        for (int i = 0; i < points; i++) {
            lons[i] = c.getDouble(start + 16 * i);
            lats[i] = c.getDouble(start + 16 * i + 8);
        }
        return new Line(lons, lats);
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
