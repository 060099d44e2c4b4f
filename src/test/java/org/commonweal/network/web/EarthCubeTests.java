package org.commonweal.network.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.commonweal.geography.GeoPoint;
import org.junit.jupiter.api.Test;

class EarthCubeTests {

    // PostgreSQL 18 earthdistance: select ll_to_earth(34.00689, -118.25861), earth_box(…, 16093.44),
    // gc_to_sec(16093.44)
    @Test
    void matchesLlToEarthOfPostgres() {
        var c = EarthCube.of(new GeoPoint(34.00689, -118.25861));
        assertThat(c.x()).isCloseTo(-2503288.620685455, within(1e-6));
        assertThat(c.y()).isCloseTo(-4657168.029162609, within(1e-6));
        assertThat(c.z()).isCloseTo(3567262.124643545, within(1e-6));
    }

    @Test
    void chordAndBoxMatchGcToSecAndEarthBox() {
        assertThat(EarthCube.chord(16093.44)).isCloseTo(16093.435730829786, within(1e-9));
        assertThat(EarthCube.chord(-1)).isZero();
        assertThat(EarthCube.chord(1e9)).isEqualTo(2 * EarthCube.EARTH);
        String box = EarthCube.of(new GeoPoint(34.00689, -118.25861)).box(16093.44);
        List<Double> corners = java.util.Arrays.stream(
                        box.replaceAll("[()]", "").split(","))
                .map(s -> Double.parseDouble(s.strip()))
                .toList();
        List<Double> expected = List.of(
                -2519382.0564162848,
                -4673261.464893439,
                3551168.6889127153,
                -2487195.184954625,
                -4641074.593431779,
                3583355.560374375);
        for (int i = 0; i < 6; i++) {
            assertThat(corners.get(i)).isCloseTo(expected.get(i), within(1e-6));
        }
    }
}
