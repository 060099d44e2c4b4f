package org.commonweal.network;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.util.List;
import java.util.UUID;
import org.commonweal.IntegrationTest;
import org.commonweal.network.accuracy.DirectoryEdits;
import org.commonweal.network.imports.RosterImport;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;

/**
 * {@link LocationChanged} for the adequacy module: a roster row that lists a doctor at a new address publishes the
 * location with its product line and specialty; a network manager's edit that makes the only doctor there inactive
 * publishes it as removed, and making them active again publishes it listed again; an edit that changes nothing
 * listed (a name) publishes nothing.
 */
@IntegrationTest
@RecordApplicationEvents
class LocationChangedIntegrationTests {

    static final String HEADER = "npi,last_name,first_name,credential,gender,languages,specialty_taxonomy,group_npi,"
            + "group_name,address,city,zip,phone,network,accepting_new_patients,telehealth\n";

    @Autowired
    RosterImport rosters;

    @Autowired
    DirectoryEdits edits;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ApplicationEvents events;

    @Test
    void rosterImportAndManagerEditsPublishTheLocationsTheyChange() throws Exception {
        // a new address on every run (the test database is shared and kept between runs)
        String street = (100 + Math.abs(UUID.randomUUID().hashCode() % 9000)) + " E Cesar Chavez Ave Ste "
                + UUID.randomUUID().toString().substring(0, 6);
        String csv = HEADER + "1847263914,Adequacy,Ana,MD,F,es;en,207Q00000X,,Eastside Test Group," + street
                + ",Los Angeles,90033,(323) 555-0199,medi-cal,Y,N\n";
        var report = rosters.importRoster("adequacy.csv", new StringReader(csv), "test");
        assertThat(report.problems()).isEmpty();
        String locationId = jdbc.sql("select id from network.location where line = ?")
                .param(street)
                .query(String.class)
                .single();

        LocationChanged added = last(locationId);
        assertThat(added.removed()).isFalse();
        assertThat(added.networkProductLines()).containsExactly("medi-cal");
        assertThat(added.taxonomyCodes()).containsExactly("207Q00000X");
        assertThat(added.latitude()).isBetween(33.0, 35.0);
        assertThat(added.longitude()).isBetween(-119.0, -117.0);

        String practitionerId = jdbc.sql("select id from network.practitioner where npi = '1847263914'")
                .query(String.class)
                .single();
        events.clear();
        edits.update(
                practitionerId,
                new DirectoryEdits.PractitionerChange("Adequacy", "Ana Maria", "MD", "female", "es, en", null, true),
                "network-manager");
        assertThat(events.stream(LocationChanged.class).map(LocationChanged::locationId))
                .doesNotContain(locationId);

        edits.update(
                practitionerId,
                new DirectoryEdits.PractitionerChange("Adequacy", "Ana Maria", "MD", "female", "es, en", null, false),
                "network-manager");
        LocationChanged removed = last(locationId);
        assertThat(removed.removed()).isTrue();
        assertThat(removed.networkProductLines()).isEmpty();
        assertThat(removed.taxonomyCodes()).isEmpty();

        events.clear();
        edits.update(
                practitionerId,
                new DirectoryEdits.PractitionerChange("Adequacy", "Ana Maria", "MD", "female", "es, en", null, true),
                "network-manager");
        LocationChanged back = last(locationId);
        assertThat(back.removed()).isFalse();
        assertThat(back.networkProductLines()).isEqualTo(List.of("medi-cal"));
    }

    private LocationChanged last(String locationId) {
        return events.stream(LocationChanged.class)
                .filter(e -> e.locationId().equals(locationId))
                .reduce((a, b) -> b)
                .orElseThrow(() -> new AssertionError("no LocationChanged for " + locationId));
    }
}
