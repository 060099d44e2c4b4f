package org.commonweal.network;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.commonweal.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

@IntegrationTest
class NetworkDirectoryIntegrationTests {

    @Autowired
    NetworkDirectory directory;

    @Test
    void smallDemoDirectoryHasTheFourProductLinesAndRealisticCounts() {
        assertThat(directory.networks())
                .extracting(NetworkDirectory.NetworkInfo::productLine)
                .containsExactly("covered-ca", "medi-cal", "medicare", "pasc-sein");
        var counts = directory.counts();
        assertThat(counts.practitioners()).isGreaterThanOrEqualTo(1200);
        assertThat(counts.roles()).isGreaterThan(counts.practitioners());
        assertThat(counts.locations()).isGreaterThanOrEqualTo(300);
    }

    @Test
    void streamsInNetworkFamilyDoctorsAndPharmaciesWithCoordinates() {
        List<NetworkDirectory.ServiceLocation> found = new ArrayList<>();
        directory.forEachServiceLocation("medi-cal", Set.of("207Q00000X", "333600000X"), found::add);
        assertThat(found)
                .extracting(NetworkDirectory.ServiceLocation::taxonomyCode)
                .contains("207Q00000X", "333600000X")
                .containsOnly("207Q00000X", "333600000X");
        assertThat(found).allSatisfy(s -> {
            assertThat(s.latitude()).isBetween(33.0, 35.0);
            assertThat(s.longitude()).isBetween(-119.5, -117.0);
        });
        assertThat(found)
                .extracting(NetworkDirectory.ServiceLocation::providerKind)
                .contains("practitioner", "organization");
    }
}
