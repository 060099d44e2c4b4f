package org.commonweal.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.commonweal.geography.Geography;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.web.util.HtmlUtils;

/**
 * A county other than Los Angeles, by its geography files alone (issue #19): five Service Planning Areas and three
 * advisory regions (test files under {@code geography/another-county}). The county's counts on the public pages and
 * the SPA numbers forms accept come from those files: "five Service Planning Areas… three regions", "three regional
 * committees", an SPA of 6 refused with "1 to 5" by the grants registration and the promoter roster, in English and
 * Spanish. Its own database ({@code target/another-county-data}) without the demo's data, which is Los Angeles
 * County's; the plan's other words are {@link AnotherPlanIntegrationTests}'.
 */
@SpringBootTest(
        properties = {
            "commonweal.data-dir=target/another-county-data",
            "commonweal.demo.load=false",
            "commonweal.geography.spas=classpath:geography/another-county/spas.csv",
            "commonweal.geography.regions=classpath:geography/another-county/regions.csv",
            "commonweal.geography.zips=classpath:geography/another-county/zips.csv",
            "commonweal.plan.service-area.county=Riverside",
            "commonweal.plan.service-area.county-fips=06065",
            "commonweal.plan.service-area.county-code=33",
            "commonweal.plan.service-area.example-zip=92501",
            "commonweal.plan.service-area.example-places=Moreno Valley,Palm Springs",
            "commonweal.plan.service-area.example-address=3080 Myers St, 92503"
        })
@AutoConfigureMockMvc
@ActiveProfiles("test")
class AnotherCountyIntegrationTests {

    private static final Locale ES = Locale.forLanguageTag("es");

    @Autowired
    MockMvc mvc;

    @Autowired
    Geography geography;

    @Test
    void theGeographyIsTheConfiguredFiles() {
        assertThat(geography.servicePlanningAreas()).hasSize(5);
        assertThat(geography.rcacRegions()).hasSize(3);
        assertThat(geography.servicePlanningAreaNumbers()).isEqualTo(new Geography.Range(1, 5));
    }

    @Test
    void thePlacesPageCountsTheCountysAreasAndRegions() throws Exception {
        assertThat(page(get("/places"), Locale.ENGLISH))
                .contains("Riverside County is organized in five Service Planning Areas. Our member advisory"
                        + " committees meet in three regions.")
                .doesNotContainPattern("\\beight\\b")
                .doesNotContainPattern("\\beleven\\b");
        assertThat(page(get("/places"), ES))
                .contains("El condado de Riverside se organiza en cinco Áreas de Planificación de Servicios."
                        + " Nuestros comités asesores de miembros se reúnen en tres regiones.")
                .doesNotContainPattern("\\bocho\\b")
                .doesNotContainPattern("\\bonce\\b");
    }

    @Test
    void theCommitteesPageCountsTheRegionalCommittees() throws Exception {
        assertThat(page(get("/committees"), Locale.ENGLISH))
                .contains("advise the plan in three regional committees and an executive committee")
                .doesNotContainPattern("\\beleven\\b");
        assertThat(page(get("/committees"), ES))
                .contains("asesoran al plan en tres comités regionales y un comité ejecutivo")
                .doesNotContainPattern("\\bonce\\b");
    }

    @Test
    void theGrantsRegistrationAsksForOneOfTheCountysAreas() throws Exception {
        assertThat(page(get("/grants/register"), Locale.ENGLISH)).contains("min=\"1\" max=\"5\"");
        for (Locale language : new Locale[] {Locale.ENGLISH, ES}) {
            String rejected = mvc.perform(post("/grants/register")
                            .locale(language)
                            .with(csrf())
                            .param("ein", "95-1234567")
                            .param("legalName", "Desert Community Clinic")
                            .param("orgType", "FREE_CLINIC")
                            .param("zip", "92262")
                            .param("spa", "6")
                            .param("contactName", "Ana Ruiz")
                            .param("contactEmail", "ana@example.org")
                            .param("username", "desert-clinic")
                            .param("password", "a-long-enough-password-1"))
                    .andExpect(status().isUnprocessableContent())
                    .andReturn()
                    .getResponse()
                    .getContentAsString(StandardCharsets.UTF_8);
            assertThat(HtmlUtils.htmlUnescape(rejected))
                    .contains(language == ES ? "escriba un número del 1 al 5" : "enter a number from 1 to 5")
                    .doesNotContain(" 8");
        }
    }

    @Test
    void thePromoterRosterRefusesAnAreaThePlanDoesNotHave() throws Exception {
        for (Locale language : new Locale[] {Locale.ENGLISH, ES}) {
            String rejected = mvc.perform(post("/engagement/promoters")
                            .locale(language)
                            .with(csrf())
                            .with(user("engagement-staff").roles("ENGAGEMENT_STAFF"))
                            .param("fullName", "Rosa Vega")
                            .param("languages", "es")
                            .param("spa", "6")
                            .param("supervisor", "Luis Ortega")
                            .param("status", "ACTIVE")
                            .param("startDate", "2026-01-05"))
                    .andExpect(status().isUnprocessableContent())
                    .andReturn()
                    .getResponse()
                    .getContentAsString(StandardCharsets.UTF_8);
            assertThat(HtmlUtils.htmlUnescape(rejected))
                    .contains(
                            language == ES
                                    ? "Elija un área de planificación de servicios (1 a 5)."
                                    : "Choose a service planning area (1 to 5).");
        }
    }

    private String page(MockHttpServletRequestBuilder request, Locale language) throws Exception {
        return HtmlUtils.htmlUnescape(mvc.perform(request.locale(language))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString(StandardCharsets.UTF_8));
    }
}
