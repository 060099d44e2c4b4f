package org.commonweal.geography.street;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes a small TIGER/Line address range feature layer byte by byte, as the Census Bureau ships it: the attribute
 * table as dBASE III ({@code .dbf}, the fields of the 2024 ADDRFEAT record layout in their order and widths) and the
 * edges as an ESRI PolyLine shapefile ({@code .shp}, per the ESRI Shapefile Technical Description, July 1998), record
 * for record, in NAD83 longitude and latitude. Written from the specifications, not by the code under test.
 */
final class TigerFixture {

    /** The ADDRFEAT fields: name, type, width (TIGER/Line Shapefiles Technical Documentation, address range feature). */
    static final List<Object[]> FIELDS = List.of(
            new Object[] {"TLID", 'N', 10},
            new Object[] {"TFIDL", 'N', 10},
            new Object[] {"TFIDR", 'N', 10},
            new Object[] {"ARIDL", 'C', 22},
            new Object[] {"ARIDR", 'C', 22},
            new Object[] {"LINEARID", 'C', 22},
            new Object[] {"FULLNAME", 'C', 100},
            new Object[] {"LFROMHN", 'C', 12},
            new Object[] {"LTOHN", 'C', 12},
            new Object[] {"RFROMHN", 'C', 12},
            new Object[] {"RTOHN", 'C', 12},
            new Object[] {"ZIPL", 'C', 5},
            new Object[] {"ZIPR", 'C', 5},
            new Object[] {"EDGE_MTFCC", 'C', 5},
            new Object[] {"ROAD_MTFCC", 'C', 5},
            new Object[] {"PARITYL", 'C', 1},
            new Object[] {"PARITYR", 'C', 1},
            new Object[] {"PLUS4L", 'C', 4},
            new Object[] {"PLUS4R", 'C', 4},
            new Object[] {"LFROMTYP", 'C', 1},
            new Object[] {"LTOTYP", 'C', 1},
            new Object[] {"RFROMTYP", 'C', 1},
            new Object[] {"RTOTYP", 'C', 1},
            new Object[] {"OFFSETL", 'C', 1},
            new Object[] {"OFFSETR", 'C', 1});

    /** One edge: its attributes and its points as {lon, lat} pairs (none for a Null shape); deleted if flagged. */
    record Edge(Map<String, String> attributes, double[][] points, boolean deleted) {}

    private final List<Edge> edges = new ArrayList<>();

    /** An edge with a range on each side ({@code null} for none) and its line. */
    TigerFixture edge(
            long tlid,
            String fullName,
            String lFrom,
            String lTo,
            String rFrom,
            String rTo,
            String zipL,
            String zipR,
            String parityL,
            String parityR,
            double[]... points) {
        Map<String, String> a = new LinkedHashMap<>();
        a.put("TLID", Long.toString(tlid));
        a.put("FULLNAME", fullName);
        a.put("LFROMHN", lFrom);
        a.put("LTOHN", lTo);
        a.put("RFROMHN", rFrom);
        a.put("RTOHN", rTo);
        a.put("ZIPL", zipL);
        a.put("ZIPR", zipR);
        a.put("PARITYL", parityL);
        a.put("PARITYR", parityR);
        a.put("EDGE_MTFCC", "S1400");
        a.put("ROAD_MTFCC", "S1400");
        a.put("LINEARID", "1102" + tlid);
        a.put("OFFSETL", "N");
        a.put("OFFSETR", "N");
        edges.add(new Edge(a, points, false));
        return this;
    }

    /** A record marked deleted in the table (its shape still in the .shp). */
    TigerFixture deleted(long tlid, double[]... points) {
        edges.add(new Edge(
                Map.of("TLID", Long.toString(tlid), "FULLNAME", "Gone St", "LFROMHN", "1", "LTOHN", "99"),
                points,
                true));
        return this;
    }

    /** Writes {@code base.dbf} and {@code base.shp} into {@code dir}; answers the .dbf. */
    Path write(Path dir, String base) throws IOException {
        Files.write(dir.resolve(base + ".shp"), shp());
        Path dbf = dir.resolve(base + ".dbf");
        Files.write(dbf, dbf());
        return dbf;
    }

    /** The Census download: a zip with the .dbf, .shp, .prj and .cpg. */
    Path writeZip(Path dir, String base) throws IOException {
        Path zip = dir.resolve(base + ".zip");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            entry(out, base + ".cpg", "UTF-8".getBytes(StandardCharsets.US_ASCII));
            entry(out, base + ".dbf", dbf());
            entry(
                    out,
                    base + ".prj",
                    ("GEOGCS[\"GCS_North_American_1983\",DATUM[\"D_North_American_1983\","
                                    + "SPHEROID[\"GRS_1980\",6378137,298.257222101]],PRIMEM[\"Greenwich\",0],"
                                    + "UNIT[\"Degree\",0.017453292519943295]]")
                            .getBytes(StandardCharsets.US_ASCII));
            entry(out, base + ".shp", shp());
        }
        return zip;
    }

    private static void entry(ZipOutputStream out, String name, byte[] bytes) throws IOException {
        out.putNextEntry(new ZipEntry(name));
        out.write(bytes);
        out.closeEntry();
    }

    byte[] dbf() {
        int recordLength = 1 + FIELDS.stream().mapToInt(f -> (Integer) f[2]).sum();
        int headerLength = 32 + 32 * FIELDS.size() + 1;
        ByteBuffer h = ByteBuffer.allocate(32).order(ByteOrder.LITTLE_ENDIAN);
        h.put((byte) 0x03).put((byte) 124).put((byte) 6).put((byte) 1); // dBASE III, last update 2024-06-01
        h.putInt(edges.size()).putShort((short) headerLength).putShort((short) recordLength);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(h.array());
        for (Object[] f : FIELDS) {
            byte[] d = new byte[32];
            byte[] name = ((String) f[0]).getBytes(StandardCharsets.US_ASCII);
            System.arraycopy(name, 0, d, 0, name.length);
            d[11] = (byte) (char) (Character) f[1];
            d[16] = (byte) (int) (Integer) f[2];
            out.writeBytes(d);
        }
        out.write(0x0D);
        for (Edge e : edges) {
            out.write(e.deleted() ? '*' : ' ');
            for (Object[] f : FIELDS) {
                int width = (Integer) f[2];
                String v = e.attributes().getOrDefault((String) f[0], "");
                byte[] bytes = (v == null ? "" : v).getBytes(StandardCharsets.UTF_8);
                byte[] cell = new byte[width];
                java.util.Arrays.fill(cell, (byte) ' ');
                if ((Character) f[1] == 'N') {
                    System.arraycopy(bytes, 0, cell, width - bytes.length, bytes.length); // numbers right-aligned
                } else {
                    System.arraycopy(bytes, 0, cell, 0, Math.min(width, bytes.length));
                }
                out.writeBytes(cell);
            }
        }
        out.write(0x1A);
        return out.toByteArray();
    }

    byte[] shp() {
        ByteArrayOutputStream records = new ByteArrayOutputStream();
        double xmin = Double.MAX_VALUE, ymin = Double.MAX_VALUE, xmax = -Double.MAX_VALUE, ymax = -Double.MAX_VALUE;
        int number = 0;
        for (Edge e : edges) {
            number++;
            double[][] pts = e.points();
            ByteBuffer c;
            if (pts.length == 0) {
                c = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(0);
            } else {
                c = ByteBuffer.allocate(44 + 4 + 16 * pts.length).order(ByteOrder.LITTLE_ENDIAN);
                double bx0 = Double.MAX_VALUE, by0 = Double.MAX_VALUE, bx1 = -Double.MAX_VALUE, by1 = -Double.MAX_VALUE;
                for (double[] p : pts) {
                    bx0 = Math.min(bx0, p[0]);
                    by0 = Math.min(by0, p[1]);
                    bx1 = Math.max(bx1, p[0]);
                    by1 = Math.max(by1, p[1]);
                }
                xmin = Math.min(xmin, bx0);
                ymin = Math.min(ymin, by0);
                xmax = Math.max(xmax, bx1);
                ymax = Math.max(ymax, by1);
                c.putInt(3)
                        .putDouble(bx0)
                        .putDouble(by0)
                        .putDouble(bx1)
                        .putDouble(by1)
                        .putInt(1)
                        .putInt(pts.length)
                        .putInt(0);
                for (double[] p : pts) {
                    c.putDouble(p[0]).putDouble(p[1]);
                }
            }
            ByteBuffer rh = ByteBuffer.allocate(8)
                    .order(ByteOrder.BIG_ENDIAN)
                    .putInt(number)
                    .putInt(c.capacity() / 2);
            records.writeBytes(rh.array());
            records.writeBytes(c.array());
        }
        ByteBuffer h = ByteBuffer.allocate(100);
        h.order(ByteOrder.BIG_ENDIAN).putInt(0, 9994).putInt(24, (100 + records.size()) / 2);
        h.order(ByteOrder.LITTLE_ENDIAN)
                .putInt(28, 1000)
                .putInt(32, 3)
                .putDouble(36, xmin)
                .putDouble(44, ymin)
                .putDouble(52, xmax)
                .putDouble(60, ymax);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(h.array());
        out.writeBytes(records.toByteArray());
        return out.toByteArray();
    }

    static double[] lonLat(double lon, double lat) {
        return new double[] {lon, lat};
    }
}
