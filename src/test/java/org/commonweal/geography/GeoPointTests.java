package org.commonweal.geography;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class GeoPointTests {

    @Test
    void greatCircleMilesMatchKnownDistances() {
        var downtownLa = new GeoPoint(34.0522, -118.2437);
        var longBeach = new GeoPoint(33.7701, -118.1937);
        var sanFrancisco = new GeoPoint(37.7749, -122.4194);
        assertThat(downtownLa.milesTo(longBeach)).isCloseTo(19.7, within(0.3));
        assertThat(downtownLa.milesTo(sanFrancisco)).isCloseTo(347.4, within(1.0));
        assertThat(downtownLa.milesTo(downtownLa)).isZero();
        assertThat(longBeach.milesTo(downtownLa)).isEqualTo(downtownLa.milesTo(longBeach));
    }

    @Test
    void rejectsImpossibleCoordinates() {
        assertThatThrownBy(() -> new GeoPoint(91, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new GeoPoint(0, Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    }
}
