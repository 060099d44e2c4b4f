package org.commonweal.geography.street;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;
import static org.commonweal.geography.street.TigerFixture.lonLat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.commonweal.IntegrationTest;
import org.commonweal.geography.Geocoded;
import org.commonweal.geography.StreetGeocoder;
import org.commonweal.platform.CommandArgs;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * {@code load-geocoder} on a hand-made TIGER/Line address range layer (written byte by byte from the published
 * formats by {@link TigerFixture}), then street addresses placed on their street: the side by odd or even number,
 * numbers outside every range, unknown streets, abbreviations, a range numbered against the edge's direction, a ZIP
 * or city that tells two same-named streets apart, and Find a Doctor saying what distances are measured from.
 */
@IntegrationTest
class StreetGeocoderIntegrationTests {

    static final String SOURCE = "tl_2024_06037_addrfeat";

    @LocalServerPort
    int port;

    @Autowired
    LoadGeocoderCommand command;

    @Autowired
    StreetGeocoder streets;

    @Autowired
    JdbcClient jdbc;

    @TempDir
    Path dir;

    static TigerFixture layer() {
        return new TigerFixture()
                // numbers rise along the edge: from-number at the first point; the odd side stops at 1649
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
                // drawn northward but numbered southward: the from-numbers are the larger ones
                .edge(
                        141600002L,
                        "S Vermont Ave",
                        "1699",
                        "1601",
                        "1698",
                        "1600",
                        "90006",
                        "90006",
                        "O",
                        "E",
                        lonLat(-118.2917, 34.0405),
                        lonLat(-118.2917, 34.0425))
                // a bend: east along the block, then north
                .edge(
                        141600003L,
                        "W 7th St",
                        "1001",
                        "1099",
                        "1000",
                        "1098",
                        "90017",
                        "90017",
                        "O",
                        "E",
                        lonLat(-118.2620, 34.0500),
                        lonLat(-118.2600, 34.0500),
                        lonLat(-118.2600, 34.0520))
                // both parities on one side
                .edge(
                        141600004L,
                        "Colorado Blvd",
                        "1",
                        "99",
                        null,
                        null,
                        "91101",
                        null,
                        "B",
                        null,
                        lonLat(-118.1500, 34.1456),
                        lonLat(-118.1480, 34.1456))
                // hyphenated numbers (not plain) and an edge without a line: named, not loaded
                .edge(
                        141600005L,
                        "Queens Blvd",
                        "12-01",
                        "12-99",
                        null,
                        null,
                        "90017",
                        null,
                        "O",
                        null,
                        lonLat(-118.2500, 34.0500),
                        lonLat(-118.2490, 34.0500))
                .edge(141600006L, "Ghost Ave", "1", "99", null, null, "90017", null, "O", null)
                .deleted(141600007L, lonLat(-118.2, 34.1), lonLat(-118.3, 34.2));
    }

    @BeforeEach
    void load() throws Exception {
        Path dbf = layer().write(dir, SOURCE);
        assertThat(run(dbf.toString())).as("exit: loaded, some sides not (3)").isEqualTo(3);
    }

    @AfterEach
    void unload() {
        jdbc.sql("delete from geography.street_range where source = ?")
                .param(SOURCE)
                .update();
    }

    int run(String... files) throws Exception {
        return command.run(CommandArgs.parse(List.of(files), Set.of(), Set.of()));
    }

    long rows() {
        return jdbc.sql("select count(*) from geography.street_range where source = ?")
                .param(SOURCE)
                .query(Long.class)
                .single();
    }

    Geocoded at(String address) {
        return streets.locate(address).orElseThrow(() -> new AssertionError("not found: " + address));
    }

    @Test
    void loadsOneRowPerSideWithARangeAndReplacesItOnReloadFromTheCensusZip() throws Exception {
        assertThat(rows()).isEqualTo(7); // 2 + 2 + 2 + 1; the hyphenated side, the lineless one and the deleted not
        assertThat(run(layer().writeZip(dir, SOURCE).toString())).isEqualTo(3);
        assertThat(rows()).as("loaded again, not twice").isEqualTo(7);
        // a table without its shapes, and a file that is no table, are refused whole (exit 4) and change nothing
        Path alone = Files.createDirectories(dir.resolve("alone"));
        Files.write(alone.resolve(SOURCE + ".dbf"), layer().dbf());
        assertThat(run(alone.resolve(SOURCE + ".dbf").toString())).isEqualTo(4);
        Path junk = Files.createDirectories(dir.resolve("junk"));
        Files.writeString(junk.resolve(SOURCE + ".dbf"), "not a table");
        Files.write(junk.resolve(SOURCE + ".shp"), layer().shp());
        assertThat(run(junk.resolve(SOURCE + ".dbf").toString())).isEqualTo(4);
        assertThat(rows()).isEqualTo(7);
    }

    @Test
    void placesTheNumberAlongItsRangeOnTheSideOfItsParity() {
        Geocoded even = at("1650 N Vermont Ave, 90027");
        assertThat(even.precision()).isEqualTo("street");
        assertThat(even.zip()).isEqualTo("90027");
        assertThat(even.spa()).isEqualTo(4);
        assertThat(even.point().latitude()).isCloseTo(34.0980 + 0.002 * 50 / 98, offset(1e-9));
        assertThat(even.point().longitude()).isCloseTo(-118.2916, offset(1e-9));
        assertThat(at("1601 N Vermont Ave, 90027").point().latitude()).isCloseTo(34.0980, offset(1e-9));
        assertThat(at("1649 N Vermont Ave, 90027").point().latitude()).isCloseTo(34.1000, offset(1e-9));
        // 1651 is inside the even side's numbers but odd, and the odd side stops at 1649
        assertThat(streets.locate("1651 N Vermont Ave, 90027")).isEmpty();
        assertThat(streets.locate("1700 N Vermont Ave, 90027"))
                .as("past every range")
                .isEmpty();
        assertThat(streets.locate("1598 N Vermont Ave, 90027"))
                .as("before every range")
                .isEmpty();
        // numbered against the edge's direction: 1600 is at the edge's last point
        assertThat(at("1600 Vermont Ave, 90006").point().latitude()).isCloseTo(34.0425, offset(1e-9));
        assertThat(at("1698 S Vermont Ave, Los Angeles").point().latitude()).isCloseTo(34.0405, offset(1e-9));
        // along a bend, by length: 48/98 of the way is just past the corner
        double first = 0.002 * Math.cos(Math.toRadians(34.05));
        double along = 48.0 / 98 * (first + 0.002) - first;
        Geocoded bend = at("1048 W 7th St, 90017");
        assertThat(bend.point().longitude()).isCloseTo(-118.2600, offset(1e-9));
        assertThat(bend.point().latitude()).isCloseTo(34.0500 + along, offset(1e-9));
        // both parities on one side
        assertThat(at("50 Colorado Blvd, Pasadena").point().longitude())
                .isCloseTo(-118.1500 + 0.002 * 49 / 98, offset(1e-9));
        assertThat(at("51 Colorado Blvd, Pasadena")).isNotNull();
    }

    @Test
    void abbreviationsDirectionsCityAndZipAreReadAsPeopleWriteThem() {
        var point = at("1650 N Vermont Ave, 90027").point();
        for (String written : List.of(
                "1650 North Vermont Avenue, Los Angeles",
                "1650 n. vermont av 90027",
                "1650 N Vermont Ave Los Angeles CA 90027",
                "1650 Vermont Avenue, 90027",
                "1650 Vermont, 90027",
                "1650 N Vermont Ave Apt 3, Los Angeles, CA")) {
            assertThat(at(written).point()).as(written).isEqualTo(point);
        }
        assertThat(streets.locate("1600 Nowhere St, 90027"))
                .as("unknown street")
                .isEmpty();
        assertThat(streets.locate("1650 N Vermont Ave, 90006"))
                .as("the ZIP of another stretch")
                .isEmpty();
        assertThat(streets.locate("1650 S Vermont Ave, 90027"))
                .as("the other direction")
                .isEmpty();
        assertThat(streets.locate("50 Colorado Blvd, Glendale"))
                .as("another city")
                .isEmpty();
        assertThat(streets.locate("Pasadena")).as("no house number").isEmpty();
        // N and S Vermont both have a 1600 block in Los Angeles, 6 km apart: no guess without the direction or ZIP
        assertThat(streets.locate("1600 Vermont Ave, Los Angeles")).isEmpty();
        assertThat(at("1600 N Vermont Ave, Los Angeles").point().latitude()).isCloseTo(34.0980, offset(1e-9));
    }

    @Test
    void findADoctorMeasuresFromTheStreetAddressAndSaysWhenACentreStandsIn() throws Exception {
        String street = get("/find-a-doctor?miles=20&near=" + enc("1650 N Vermont Ave, 90027"), "en");
        assertThat(street)
                .contains("id=\"results\"")
                .contains("data-origin=\"street\"")
                .contains("Distances from 1650 N Vermont Ave, 90027 (street address).");
        assertThat(get("/find-a-doctor?miles=20&near=" + enc("1650 N Vermont Ave, 90027"), "es"))
                .contains("Distancias desde 1650 N Vermont Ave, 90027 (dirección).");
        // not on its street: the ZIP's centre, or the city's, with a word that it stands in
        String missed = get("/find-a-doctor?miles=20&near=" + enc("1700 N Vermont Ave, 90027"), "en");
        assertThat(missed)
                .contains("id=\"results\"")
                .contains("data-origin=\"zip\"")
                .contains("We could not find that street address on its street, so distances are from the centre of "
                        + "ZIP code 90027.");
        String city = get("/find-a-doctor?miles=20&near=" + enc("1600 Vermont Ave, Los Angeles"), "en");
        assertThat(city)
                .contains("id=\"results\"")
                .contains("data-origin=\"place\"")
                .contains("distances are from the centre of Los Angeles.");
        assertThat(get("/find-a-doctor?miles=20&near=Pasadena", "en"))
                .contains("data-origin=\"place\"")
                .contains("Distances from the centre of Pasadena.");
        assertThat(get("/find-a-doctor?miles=20&near=90027", "en"))
                .contains("data-origin=\"zip\"")
                .contains("Distances from the centre of ZIP code 90027.");
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    String get(String pathAndQuery, String language) throws Exception {
        var response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + port + pathAndQuery))
                                .header("Accept-Language", language)
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(pathAndQuery).isEqualTo(200);
        return response.body();
    }
}
