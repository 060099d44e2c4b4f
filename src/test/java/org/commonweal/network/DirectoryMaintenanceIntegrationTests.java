package org.commonweal.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.commonweal.IntegrationTest;
import org.commonweal.network.accuracy.VerificationCampaigns;
import org.commonweal.network.fhir.PlanNetExport;
import org.commonweal.network.fhir.PlanNetImport;
import org.commonweal.network.imports.RosterImport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

@IntegrationTest
class DirectoryMaintenanceIntegrationTests {

    @Autowired
    RosterImport rosters;

    @Autowired
    PlanNetExport export;

    @Autowired
    PlanNetImport planNet;

    @Autowired
    VerificationCampaigns campaigns;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MockMvc mvc;

    static final String HEADER = "npi,last_name,first_name,credential,gender,languages,specialty_taxonomy,group_npi,"
            + "group_name,address,city,zip,phone,network,accepting_new_patients,telehealth\n";

    @Test
    void rosterAppliesGoodRowsReportsBadOnesAndIsIdempotent() throws Exception {
        String csv = HEADER
                + "1972583466,Quintero,Rosa,MD,F,es;en,207Q00000X,1548263015,Boyle Heights IPA,2200 E 1st St,Los Angeles,90033,(323) 555-0101,medi-cal,Y,Y\n"
                + "1972583466,Quintero,Rosa,MD,F,es;en,207Q00000X,1548263015,Boyle Heights IPA,2200 E 1st St,Los Angeles,90033,(323) 555-0101,medicare,existing,N\n"
                + "1972583468,Bad,Npi,MD,F,en,207Q00000X,,Boyle Heights IPA,2200 E 1st St,Los Angeles,90033,,medi-cal,Y,N\n"
                + "1659347805,Okafor,Chidi,MD,M,en,999999999X,,Boyle Heights IPA,2200 E 1st St,Los Angeles,90033,,medi-cal,Y,N\n";
        var first = rosters.importRoster("ipa.csv", new StringReader(csv), "test");
        assertThat(first.applied()).isEqualTo(2);
        assertThat(first.rejected()).isEqualTo(2);
        assertThat(first.problems())
                .extracting(p -> p.line() + " " + p.field())
                .containsExactly("4 npi", "5 specialty_taxonomy");
        long roles = jdbc.sql("select count(*) from network.practitioner_role r join network.practitioner p"
                        + " on p.id = r.practitioner_id where p.npi = '1972583466'")
                .query(Long.class)
                .single();
        assertThat(roles).isEqualTo(2);
        int version = jdbc.sql("select version from network.practitioner where npi = '1972583466'")
                .query(Integer.class)
                .single();

        var again = rosters.importRoster("ipa.csv", new StringReader(csv), "test");
        assertThat(again.applied()).isEqualTo(2);
        assertThat(jdbc.sql("select count(*) from network.practitioner_role r join network.practitioner p"
                                + " on p.id = r.practitioner_id where p.npi = '1972583466'")
                        .query(Long.class)
                        .single())
                .isEqualTo(2);
        assertThat(jdbc.sql("select version from network.practitioner where npi = '1972583466'")
                        .query(Integer.class)
                        .single())
                .isEqualTo(version);
        assertThat(jdbc.sql("select count(*) from network.entry_history h join network.practitioner p"
                                + " on p.id = h.resource_id where p.npi = '1972583466'")
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
    }

    @Test
    void exportWritesNdjsonPerTypeAndImportReadsItBackReportingUnknownReferences(@TempDir Path dir) throws Exception {
        var result = export.export(dir);
        assertThat(result.counts())
                .containsKeys(
                        "Practitioner",
                        "PractitionerRole",
                        "Location",
                        "Organization",
                        "OrganizationAffiliation",
                        "HealthcareService",
                        "InsurancePlan",
                        "Endpoint");
        assertThat(Files.readAllLines(dir.resolve("Practitioner.ndjson")))
                .hasSize(result.counts().get("Practitioner").intValue());
        assertThat(Files.readString(dir.resolve("manifest.json"))).contains("\"type\":\"PractitionerRole\"");

        Path small = dir.resolve("in");
        Files.createDirectories(small);
        Files.writeString(
                small.resolve("Endpoint.ndjson"),
                Files.readAllLines(dir.resolve("Endpoint.ndjson")).get(0)
                        + "\n{\"resourceType\":\"Endpoint\",\"id\":\"ep-new\",\"status\":\"active\",\"connectionType\":{\"code\":\"hl7-fhir-opn\"},"
                        + "\"address\":\"https://x.example\",\"managingOrganization\":{\"reference\":\"Organization/nowhere\"}}\n"
                        + "not json\n");
        var report = planNet.importPath(small, "test");
        assertThat(report.applied()).isEqualTo(1);
        assertThat(report.problems())
                .extracting(p -> p.line() + " " + p.field())
                .contains("2 Endpoint.managingOrganization", "3 Endpoint.ndjson");
    }

    @Test
    void campaignHidesNonRespondersUntilTheyConfirm() throws Exception {
        jdbc.sql("update network.practitioner set verified_on = current_date - 800 where id = 'pr-5'")
                .update();
        long campaign = campaigns.start(700, 1, "test");
        jdbc.sql("update network.verification_request set notice_ends_on = current_date - 1 where campaign_id = ?"
                        + " and practitioner_id = 'pr-5'")
                .param(campaign)
                .update();
        assertThat(campaigns.suppressNonResponders("test")).isPositive();
        mvc.perform(get("/find-a-doctor/providers/pr-5")).andExpect(status().isNotFound());
        long request = jdbc.sql("select id from network.verification_request where campaign_id = ? and"
                        + " practitioner_id = 'pr-5'")
                .param(campaign)
                .query(Long.class)
                .single();
        campaigns.respond(request, "confirmed", "test");
        mvc.perform(get("/find-a-doctor/providers/pr-5")).andExpect(status().isOk());
    }

    @Test
    void networkManagersEditWithHistoryOthersAreRefused() throws Exception {
        mvc.perform(get("/network").with(user("nm").roles("NETWORK_MANAGER"))).andExpect(status().isOk());
        mvc.perform(get("/network").with(user("ms").roles("MEMBER_SERVICES"))).andExpect(status().isForbidden());
        mvc.perform(post("/network/practitioners/pr-7")
                        .with(user("nm").roles("NETWORK_MANAGER"))
                        .with(csrf())
                        .param("family", "Corrected")
                        .param("given", "Name")
                        .param("languages", "en, es")
                        .param("active", "true"))
                .andExpect(status().is3xxRedirection());
        assertThat(jdbc.sql("select family from network.practitioner where id = 'pr-7'")
                        .query(String.class)
                        .single())
                .isEqualTo("Corrected");
        mvc.perform(get("/network/practitioners/pr-7").with(user("nm").roles("NETWORK_MANAGER")))
                .andExpect(status().isOk())
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.content()
                        .string(org.hamcrest.Matchers.containsString("network manager")));
    }
}
