package org.commonweal.geography.street;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Street names made alike as people and TIGER/Line write them (USPS Publication 28 abbreviations). */
class StreetNamesTests {

    @Test
    void directionsAndStreetTypesWrittenInFullOrAbbreviatedGiveOneKey() {
        assertThat(StreetNames.key("North Vermont Avenue")).isEqualTo("N VERMONT AVE");
        assertThat(StreetNames.key("N. Vermont Ave.")).isEqualTo("N VERMONT AVE");
        assertThat(StreetNames.key("n vermont av")).isEqualTo("N VERMONT AVE");
        assertThat(StreetNames.key("West 7th Street")).isEqualTo("W 7TH ST");
        assertThat(StreetNames.key("Colorado Boulevard")).isEqualTo("COLORADO BLVD");
        assertThat(StreetNames.key("Avenida César Chávez")).isEqualTo("AVENIDA CESAR CHAVEZ");
        // "St" first is Saint, not Street; the type is the last word
        assertThat(StreetNames.key("St Andrews Place")).isEqualTo("ST ANDREWS PL");
        // a street named by a letter keeps it: "N St" is not "St"
        assertThat(StreetNames.baseKey("N Street")).isEqualTo("N ST");
        assertThat(StreetNames.baseKey("N Vermont Ave")).isEqualTo("VERMONT AVE");
        assertThat(StreetNames.baseKey("Sunset Blvd West")).isEqualTo("SUNSET BLVD");
    }

    @Test
    void readsAnAddressTypedInOneLine() {
        var a = StreetNames.parse("1600 Vermont Ave, Los Angeles").orElseThrow();
        assertThat(a.number()).isEqualTo(1600);
        assertThat(a.key()).isEqualTo("VERMONT AVE");
        assertThat(a.city()).isEqualTo("LOS ANGELES");
        assertThat(a.zip()).isNull();
        assertThat(a.direction()).isEmpty();
        assertThat(a.typed()).isTrue();

        var b = StreetNames.parse("1600 N. Vermont Avenue Los Angeles CA 90027").orElseThrow();
        assertThat(b.key()).isEqualTo("N VERMONT AVE");
        assertThat(b.baseKey()).isEqualTo("VERMONT AVE");
        assertThat(b.direction()).contains("N");
        assertThat(b.city()).isEqualTo("LOS ANGELES");
        assertThat(b.zip()).isEqualTo("90027");

        var c = StreetNames.parse("1055 W 7th St Suite 300, 90017-2577").orElseThrow();
        assertThat(c.key()).isEqualTo("W 7TH ST");
        assertThat(c.zip()).isEqualTo("90017");
        assertThat(c.city()).isNull();

        var d = StreetNames.parse("1600 Vermont").orElseThrow();
        assertThat(d.typed()).isFalse();
        assertThat(d.baseKey()).isEqualTo("VERMONT");
    }

    @Test
    void textWithoutAHouseNumberAndStreetIsNoStreetAddress() {
        assertThat(StreetNames.parse("Pasadena")).isEmpty();
        assertThat(StreetNames.parse("90012")).isEmpty();
        assertThat(StreetNames.parse("")).isEmpty();
        assertThat(StreetNames.parse(null)).isEmpty();
        assertThat(StreetNames.parse("1600")).isEmpty();
    }
}
