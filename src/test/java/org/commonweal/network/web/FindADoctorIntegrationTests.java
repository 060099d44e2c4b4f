package org.commonweal.network.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;
import java.util.regex.Pattern;
import org.commonweal.IntegrationTest;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

@IntegrationTest
class FindADoctorIntegrationTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient jdbc;

    @Test
    void findsFamilyDoctorsNearAZipSortedByDistanceWithoutSigningIn() throws Exception {
        String html = mvc.perform(get("/find-a-doctor")
                        .param("specialty", "207Q00000X")
                        .param("near", "90012")
                        .param("miles", "50"))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(html).contains("Family doctor").contains("id=\"results\"");
        // the card's distance (its nearest office); the card's other offices say "… mi away"
        var m = Pattern.compile("([0-9]+\\.[0-9]) mi<").matcher(html);
        double previous = 0;
        int found = 0;
        while (m.find()) {
            double miles = Double.parseDouble(m.group(1));
            assertThat(miles).isGreaterThanOrEqualTo(previous).isLessThanOrEqualTo(50);
            previous = miles;
            found++;
        }
        assertThat(found).isPositive();
    }

    @Test
    void speaksSpanishAndFindsANameDespiteATypo() throws Exception {
        var p = jdbc.sql("select given, family from network.practitioner where length(family) >= 6 order by id limit 1")
                .query((rs, n) -> new String[] {rs.getString(1), rs.getString(2)})
                .single();
        String family = p[1];
        // one wrong letter in the middle of the surname, as in "Garsia" for "Garcia"
        char[] c = family.toCharArray();
        c[3] = c[3] == 'x' ? 'z' : 'x';
        String typo = new String(c);
        mvc.perform(get("/find-a-doctor").param("name", typo).param("lang", "es"))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("Buscar un médico")))
                .andExpect(content().string(Matchers.containsString(family)));
    }

    @Test
    void listsPharmaciesAndShowsAProviderPageWithVerificationAndReportForm() throws Exception {
        mvc.perform(get("/find-a-doctor")
                        .param("kind", "pharmacy")
                        .param("near", "90012")
                        .param("miles", "50"))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("/find-a-doctor/locations/rx-")));
        mvc.perform(get("/find-a-doctor/providers/pr-0"))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("id=\"verified\"")))
                .andExpect(content().string(Matchers.containsString("Report an error in this listing")));
        mvc.perform(get("/find-a-doctor/providers/nobody")).andExpect(status().isNotFound());
    }

    @Test
    void aReportedErrorLandsInTheQueueDueInThirtyBusinessDays() throws Exception {
        mvc.perform(post("/find-a-doctor/report")
                        .with(csrf())
                        .param("resourceType", "Practitioner")
                        .param("resourceId", "pr-1")
                        .param("category", "phone")
                        .param("description", "Number disconnected"))
                .andExpect(status().is3xxRedirection())
                .andExpect(redirectedUrl("/find-a-doctor/providers/pr-1"));
        var due = jdbc.sql("select due_on - received_at::date from network.error_report where resource_id = 'pr-1'"
                        + " and description = 'Number disconnected' order by id desc limit 1")
                .query(Integer.class)
                .single();
        assertThat(due).isBetween(40, 44);
    }

    @Test
    void aReportWithoutADescriptionOrTooLongComesBackOnTheListingWithTheFieldNamed() throws Exception {
        int before = jdbc.sql("select count(*) from network.error_report")
                .query(Integer.class)
                .single();
        String page = mvc.perform(post("/find-a-doctor/report")
                        .with(csrf())
                        .param("lang", "es")
                        .param("resourceType", "Practitioner")
                        .param("resourceId", "pr-1")
                        .param("category", "phone")
                        .param("description", "")
                        .param("contact", "x".repeat(10_000)))
                .andExpect(status().isUnprocessableContent())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(page)
                .contains(
                        "Hay un problema",
                        "href=\"#report-description\"",
                        "Qué está mal, en sus palabras: escriba un valor",
                        "Contacto: use como máximo 200 caracteres");
        assertThat(jdbc.sql("select count(*) from network.error_report")
                        .query(Integer.class)
                        .single())
                .isEqualTo(before);
    }

    @Test
    void htmxRequestsGetOnlyTheMainFragment() throws Exception {
        String body = mvc.perform(get("/find-a-doctor")
                        .param("specialty", "208000000X")
                        .header("HX-Request", "true")
                        .header("HX-Target", "main"))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(body).contains("<main").doesNotContain("<html");
    }

    @Test
    void theLiveFormGetsOnlyTheResultsSoTheFieldsBeingTypedInAreNeverReplaced() throws Exception {
        String body = mvc.perform(get("/find-a-doctor")
                        .param("specialty", "207Q00000X")
                        .param("near", "90012")
                        .param("miles", "50")
                        .header("HX-Request", "true")
                        .header("HX-Target", "results-region"))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(body)
                .contains("id=\"results\"")
                .contains("class=\"border-bottom py-2 result provider-card\"")
                .doesNotContain("<form")
                .doesNotContain("<main")
                .doesNotContain("id=\"results-region\"");
        String page = mvc.perform(get("/find-a-doctor"))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(page).contains("hx-target=\"#results-region\"").contains("id=\"results-region\"");
    }

    @Test
    void nearestFirstListsEachDoctorOnceAtEachLocation() throws Exception {
        for (String query : List.of(
                "specialty=207Q00000X&near=90012&miles=50",
                "language=es&near=90033&miles=20",
                "specialty=207Q00000X&miles=10",
                "name=garcia")) {
            var request = get("/find-a-doctor?" + query);
            String html = mvc.perform(request)
                    .andExpect(status().isOk())
                    .andReturn()
                    .getResponse()
                    .getContentAsString();
            var m = Pattern.compile("href=\"/find-a-doctor/providers/([^\"]+)\"[^<]*</a>[\\s\\S]*?"
                            + "href=\"/find-a-doctor/locations/([^\"]+)\"")
                    .matcher(html);
            List<String> listings = new java.util.ArrayList<>();
            while (m.find()) {
                listings.add(m.group(1) + "@" + m.group(2));
            }
            assertThat(listings).as(query).isNotEmpty().doesNotHaveDuplicates();
        }
    }
}
