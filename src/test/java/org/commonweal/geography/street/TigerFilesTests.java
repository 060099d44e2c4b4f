package org.commonweal.geography.street;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.commonweal.geography.street.TigerFixture.lonLat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.commonweal.geography.GeoPoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The dBASE and shapefile readers on files written byte by byte from their specifications. */
class TigerFilesTests {

    @TempDir
    Path dir;

    @Test
    void readsTheAttributeTableAndTheLinesRecordForRecord() throws IOException {
        Path dbfFile = new TigerFixture()
                .edge(
                        141600001L,
                        "N Vermont Ave",
                        "1601",
                        "1649",
                        "1600",
                        "1698",
                        "90027",
                        "90027",
                        "O",
                        "E",
                        lonLat(-118.2916, 34.0980),
                        lonLat(-118.2916, 34.1000))
                .deleted(141600009L, lonLat(-118.1, 34.1), lonLat(-118.2, 34.2))
                .edge(141600002L, "Calle Ñandú", null, null, "2", "98", null, "91101", null, null)
                .write(dir, "tl_2024_06037_addrfeat");
        try (Dbf dbf = new Dbf(dbfFile, StandardCharsets.UTF_8);
                ShpPolylines shp = new ShpPolylines(dir.resolve("tl_2024_06037_addrfeat.shp"))) {
            assertThat(dbf.records()).isEqualTo(3);
            assertThat(dbf.fields()).hasSize(TigerFixture.FIELDS.size());
            var first = dbf.next();
            assertThat(first)
                    .containsEntry("TLID", "141600001")
                    .containsEntry("FULLNAME", "N Vermont Ave")
                    .containsEntry("LFROMHN", "1601")
                    .containsEntry("RTOHN", "1698")
                    .containsEntry("PARITYR", "E")
                    .containsEntry("ZIPL", "90027")
                    .containsEntry("LFROMTYP", null);
            var line = shp.next();
            assertThat(line.lons()).containsExactly(-118.2916, -118.2916);
            assertThat(line.lats()).containsExactly(34.0980, 34.1000);
            assertThat(dbf.next()).isEmpty(); // deleted
            assertThat(shp.next().lons()).hasSize(2);
            assertThat(dbf.next()).containsEntry("FULLNAME", "Calle Ñandú").containsEntry("LFROMHN", null);
            assertThat(shp.next().lons()).isEmpty(); // a Null shape
            assertThat(dbf.next()).isNull();
            assertThat(shp.next()).isNull();
        }
    }

    @Test
    void refusesFilesThatAreNotATableOrNotLines() throws IOException {
        Path notDbf = Files.write(dir.resolve("x.dbf"), "hello".getBytes(StandardCharsets.US_ASCII));
        assertThatThrownBy(() -> new Dbf(notDbf, StandardCharsets.UTF_8))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("not a dBASE table");
        Path notShp = Files.write(dir.resolve("x.shp"), new byte[100]);
        assertThatThrownBy(() -> new ShpPolylines(notShp))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("no file code 9994");
        byte[] points = new TigerFixture().shp();
        points[32] = 1; // shape type Point
        Path pointShp = Files.write(dir.resolve("p.shp"), points);
        assertThatThrownBy(() -> new ShpPolylines(pointShp)).hasMessageContaining("shape type 1");
    }

    @Test
    void interpolatesAlongTheLineByLength() {
        // two legs: 0.002° of longitude east (shorter, by cos 34.05°) then 0.002° of latitude north
        double[] lons = {-118.2620, -118.2600, -118.2600};
        double[] lats = {34.0500, 34.0500, 34.0520};
        double first = 0.002 * Math.cos(Math.toRadians(34.05));
        double total = first + 0.002;
        GeoPoint start = TigerStreetGeocoder.along(lons, lats, 0);
        assertThat(start.latitude()).isEqualTo(34.0500);
        assertThat(start.longitude()).isEqualTo(-118.2620);
        GeoPoint end = TigerStreetGeocoder.along(lons, lats, 1);
        assertThat(end.latitude()).isCloseTo(34.0520, org.assertj.core.data.Offset.offset(1e-12));
        GeoPoint corner = TigerStreetGeocoder.along(lons, lats, first / total);
        assertThat(corner.longitude()).isCloseTo(-118.2600, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(corner.latitude()).isCloseTo(34.0500, org.assertj.core.data.Offset.offset(1e-9));
        GeoPoint midSecondLeg = TigerStreetGeocoder.along(lons, lats, (first + 0.001) / total);
        assertThat(midSecondLeg.latitude()).isCloseTo(34.0510, org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void parityIsTakenFromTheTableOrFromTheEnds() {
        assertThat(TigerAddressRanges.parity("B", 1, 99)).isEqualTo('B');
        assertThat(TigerAddressRanges.parity(null, 1, 99)).isEqualTo('O');
        assertThat(TigerAddressRanges.parity(null, 2, 98)).isEqualTo('E');
        assertThat(TigerAddressRanges.parity(null, 1, 98)).isEqualTo('B');
    }

    /** Found by fuzzing: each refused file kept its descriptor open until the process ran out ("Too many open files"). */
    @Test
    void aRefusedFileKeepsNoDescriptorOpen() throws IOException {
        Path notDbf = Files.write(dir.resolve("bad.dbf"), new byte[40]);
        Path notShp = Files.write(dir.resolve("bad.shp"), new byte[100]);
        long before = openDescriptors();
        for (int i = 0; i < 200; i++) {
            assertThatThrownBy(() -> new Dbf(notDbf, StandardCharsets.UTF_8)).isInstanceOf(IOException.class);
            assertThatThrownBy(() -> new ShpPolylines(notShp)).isInstanceOf(IOException.class);
        }
        assertThat(openDescriptors()).isLessThan(before + 50);
    }

    /** A shape record cut inside its header or too short for a line is refused in words, not with an index error. */
    @Test
    void aShapeCutShortIsRefusedInWords() throws IOException {
        byte[] header = new TigerFixture().shp();
        byte[] cut = java.util.Arrays.copyOf(header, 100 + 6); // record number, then half of the length
        Path cutFile = Files.write(dir.resolve("cut.shp"), cut);
        try (ShpPolylines shp = new ShpPolylines(cutFile)) {
            assertThatThrownBy(shp::next).isInstanceOf(IOException.class).hasMessageContaining("cut short");
        }
        java.nio.ByteBuffer tiny = java.nio.ByteBuffer.allocate(100 + 8 + 8);
        tiny.put(header, 0, 100).putInt(1).putInt(4); // a record of 4 words (8 bytes)
        tiny.order(java.nio.ByteOrder.LITTLE_ENDIAN).putInt(3).putInt(0); // a line with no room for its box
        Path tinyFile = Files.write(dir.resolve("tiny.shp"), tiny.array());
        try (ShpPolylines shp = new ShpPolylines(tinyFile)) {
            assertThatThrownBy(shp::next).isInstanceOf(IOException.class).hasMessageContaining("too few for a line");
        }
    }

    private static long openDescriptors() throws IOException {
        try (var fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.count();
        }
    }
}
