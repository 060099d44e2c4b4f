package org.commonweal.geography;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.commonweal.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

@IntegrationTest
class GeographyIntegrationTests {

    @Autowired
    Geography geography;

    @Autowired
    Geocoder geocoder;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate tx;

    @Test
    void everyZipHasAKnownSpaAndRegionAndTheCountyIsCovered() {
        assertThat(geography.zips()).hasSizeGreaterThan(250);
        assertThat(geography.servicePlanningAreas()).hasSize(8);
        assertThat(geography.rcacRegions()).hasSize(11);
        assertThat(geography.zips()).allSatisfy(z -> {
            assertThat(geography.servicePlanningArea(z.spa())).isPresent();
            assertThat(geography.rcacRegion(z.rcacRegion())).isPresent();
        });
        assertThat(geography.zip("90001")).get().extracting(ZipArea::spa).isEqualTo(6);
        assertThat(geography.zip("93550-1234")).get().extracting(ZipArea::spa).isEqualTo(1);
        assertThat(geography.zip("10001")).isEmpty();
        assertThat(geography.languages()).extracting(Language::code).contains("en", "es", "hy", "km", "yue", "cmn");
    }

    @Test
    void zipCentroidGeocoderGivesPointSpaAndRegion() {
        var result = geocoder.geocode(new Address("1055 W 7th St", null, "Los Angeles", "CA", "90017"))
                .orElseThrow();
        assertThat(result.spa()).isEqualTo(4);
        assertThat(result.precision()).isEqualTo("zip-centroid");
        assertThat(geocoder.geocode(new Address("1 Main", null, "Nowhere", "NY", "10001")))
                .isEmpty();
    }

    @Test
    void sqlDistanceSearchAgreesWithJavaAndUsesTheGistIndex() {
        GeoPoint downtown = new GeoPoint(34.0522, -118.2437);
        List<Geography.ZipDistance> within5 = geography.zipsWithin(downtown, 5);
        assertThat(within5).isNotEmpty();
        assertThat(within5).isSortedAccordingTo(java.util.Comparator.comparingDouble(Geography.ZipDistance::miles));
        within5.forEach(
                d -> assertThat(d.miles()).isCloseTo(downtown.milesTo(d.zip().centroid()), within(0.05)));
        long javaCount = geography.zips().stream()
                .filter(z -> downtown.milesTo(z.centroid()) <= 5)
                .count();
        assertThat(within5).hasSize((int) javaCount);

        // the table is small enough that the planner may prefer a scan; forbid it to prove the index serves the query
        String plan = tx.execute(status -> {
            jdbc.sql("set local enable_seqscan = off").update();
            return String.join("\n", jdbc.sql("""
                    explain select zip from geography.zip_area
                    where earth_box(ll_to_earth(34.05, -118.24), 8000) @> ll_to_earth(latitude, longitude)""").query(String.class).list());
        });
        assertThat(plan).contains("zip_area_earth");
    }
}
