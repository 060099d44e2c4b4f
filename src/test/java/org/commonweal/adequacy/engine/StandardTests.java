package org.commonweal.adequacy.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.commonweal.geography.GeoPoint;
import org.commonweal.geography.ZipArea;
import org.junit.jupiter.api.Test;

class StandardTests {

    private final Standard primaryCare = new Standard(10, 30);

    @Test
    void metByMilesAloneWhenTheDriveIsLong() {
        assertThat(primaryCare.evaluate(9.5, 45, null)).isEqualTo(Standard.BY_MILES);
    }

    @Test
    void metByMinutesAloneWhenTheDistanceIsLong() {
        assertThat(primaryCare.evaluate(12, 25, null)).isEqualTo(Standard.BY_MINUTES);
    }

    @Test
    void metByBothAtTheLimits() {
        assertThat(primaryCare.evaluate(10, 30, null)).isEqualTo(Standard.BY_MILES | Standard.BY_MINUTES);
    }

    @Test
    void notMetWhenBothAreExceededAndNoAlternativeApplies() {
        assertThat(primaryCare.evaluate(10.01, 30.5, null)).isZero();
        assertThat(Standard.met(primaryCare.evaluate(10.01, 30.5, null))).isFalse();
    }

    @Test
    void anApprovedAlternativeStandardMeetsWhatTheStandardDoesNot() {
        Standard alternative = new Standard(25, 45);
        assertThat(primaryCare.evaluate(20, 50, alternative)).isEqualTo(Standard.BY_ALTERNATIVE);
        assertThat(primaryCare.evaluate(30, 44, alternative)).isEqualTo(Standard.BY_ALTERNATIVE);
        assertThat(primaryCare.evaluate(30, 50, alternative)).isZero();
    }

    @Test
    void theAlternativeIsNotCountedWhenTheStandardItselfIsMet() {
        assertThat(primaryCare.evaluate(5, 50, new Standard(25, 45))).isEqualTo(Standard.BY_MILES);
    }

    @Test
    void refusesNonPositiveStandards() {
        assertThatThrownBy(() -> new Standard(0, 30)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Standard(10, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theCountyTierChoosesTheStandard() {
        var book = new StandardBook(
                Map.of(
                        StandardBook.key("MCLA", "dense", "cardiology"), new Standard(15, 30),
                        StandardBook.key("MCLA", "rural", "cardiology"), new Standard(60, 90)),
                Map.of(StandardBook.key("MCLA", "93591", "cardiology"), new Standard(40, 70)),
                Map.of("06037", "dense", "06027", "rural"),
                "dense");
        ZipArea la = new ZipArea("90001", new GeoPoint(33.97, -118.25), "Los Angeles", "06037", 6, 8, 50000);
        ZipArea inyo = new ZipArea("93545", new GeoPoint(36.6, -118.06), "Lone Pine", "06027", 0, 0, 2000);
        assertThat(book.standard("MCLA", la, "cardiology")).isEqualTo(new Standard(15, 30));
        assertThat(book.standard("MCLA", inyo, "cardiology")).isEqualTo(new Standard(60, 90));
        assertThat(book.standard("LACC", la, "cardiology")).isNull();
        assertThat(book.alternative("MCLA", "93591", "cardiology")).isEqualTo(new Standard(40, 70));
        assertThat(book.alternative("MCLA", "90001", "cardiology")).isNull();
        // a 40-mile trip from rural Inyo meets the rural specialist standard, not the dense one
        assertThat(book.standard("MCLA", inyo, "cardiology").evaluate(40, 95, null))
                .isEqualTo(Standard.BY_MILES);
        assertThat(book.standard("MCLA", la, "cardiology").evaluate(40, 80, null))
                .isZero();
    }

    @Test
    void travelTimeDependsOnTheAreaType() {
        ZipArea dense = new ZipArea("90001", new GeoPoint(33.97, -118.25), "LA", "06037", 6, 8, 57000);
        ZipArea dense2 = new ZipArea("90002", new GeoPoint(33.95, -118.25), "LA", "06037", 6, 8, 53000);
        ZipArea remote = new ZipArea("93563", new GeoPoint(34.4, -117.6), "Valyermo", "06037", 1, 1, 500);
        var model = new RoadFactorTravelTimeModel(List.of(dense, dense2, remote));
        assertThat(model.areaType(dense)).isEqualTo(RoadFactorTravelTimeModel.AreaType.URBAN);
        assertThat(model.areaType(remote)).isEqualTo(RoadFactorTravelTimeModel.AreaType.RURAL);
        assertThat(model.minutes(10, dense)).isEqualTo(10 * 1.35 / 20 * 60);
        assertThat(model.minutes(10, remote)).isLessThan(model.minutes(10, dense));
        assertThat(model.parameters()).contains("urban x1.35 @20mph");
    }
}
