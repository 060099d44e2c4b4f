package org.commonweal.centers.hsds;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HsdsCatalogTests {

    @Test
    void openingHourDaysBecomeRfc5545Weekdays() {
        assertThat(HsdsCatalog.days("Mo-Fr")).isEqualTo("MO,TU,WE,TH,FR");
        assertThat(HsdsCatalog.days("Sa")).isEqualTo("SA");
        assertThat(HsdsCatalog.days("Mo,We-Th")).isEqualTo("MO,WE,TH");
    }

    @Test
    void identifiersAreStableUuids() {
        assertThat(HsdsCatalog.id("service", "zumba"))
                .isEqualTo(HsdsCatalog.id("service", "zumba"))
                .isNotEqualTo(HsdsCatalog.id("service", "yoga"))
                .matches("[0-9a-f]{8}-[0-9a-f]{4}-3[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}");
    }
}
