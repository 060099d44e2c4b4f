package org.commonweal.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import ca.uhn.fhir.context.FhirContext;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Currency;
import java.util.List;
import org.commonweal.adequacy.Adequacy;
import org.commonweal.identity.ApiClients;
import org.commonweal.identity.ApiScope;
import org.commonweal.identity.ApiTokens;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Coverage;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;

/**
 * A plan other than L.A. Care, configured by properties alone (issue #19): the application started with the Inland
 * Empire Health Plan's identity, its county (Riverside) and the Mountain time zone answers a 270, a FHIR Coverage
 * read and the member's ID card page as that plan, and names its county in the adequacy export and the HSDS service
 * area. Its own application context (the properties differ from {@code @IntegrationTest}'s).
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "commonweal.plan.name=Inland Empire Health Plan",
            "commonweal.plan.payer-name=INLAND EMPIRE HEALTH PLAN",
            "commonweal.plan.payer-id=IEHP",
            "commonweal.plan.time-zone=America/Denver",
            "commonweal.plan.currency=USD",
            "commonweal.plan.service-area.county=Riverside",
            "commonweal.plan.service-area.county-fips=06065",
            "commonweal.plan.service-area.county-code=33",
            "commonweal.plan.service-area.state=CA",
            "commonweal.plan.service-area.state-name=California"
        })
@AutoConfigureMockMvc
@ActiveProfiles("test")
class AnotherPlanIntegrationTests {

    private static final ZoneId DENVER = ZoneId.of("America/Denver");

    @Autowired
    MockMvc mvc;

    @Autowired
    ApiClients clients;

    @Autowired
    FhirContext fhir;

    @Autowired
    PlanIdentity plan;

    @Autowired
    Adequacy adequacy;

    @LocalServerPort
    int port;

    @Test
    void theIdentityIsBoundFromTheProperties() {
        assertThat(plan)
                .isEqualTo(new PlanIdentity(
                        "Inland Empire Health Plan",
                        "INLAND EMPIRE HEALTH PLAN",
                        "IEHP",
                        DENVER,
                        Currency.getInstance("USD"),
                        new PlanIdentity.ServiceArea("Riverside", "06065", "33", "CA", "California")));
    }

    @Test
    void the271NamesTheConfiguredPayerAndIsStampedOnItsClock() throws Exception {
        byte[] body;
        try (InputStream in =
                getClass().getResourceAsStream("/coverage/x12/270/01-member-id-last-name-birth-date.x12")) {
            body = in.readAllBytes();
        }
        // the clinic's 270 addressed to this plan (ISA08 is 15 characters wide)
        body = new String(body, StandardCharsets.US_ASCII)
                .replace("LACARE         ", "IEHP           ")
                .replace("L.A. CARE HEALTH PLAN", "INLAND EMPIRE HEALTH PLAN")
                .replace("LACARE", "IEHP")
                .getBytes(StandardCharsets.US_ASCII);
        String token = ApiTokens.bearer(clients, port, ApiScope.X12_270);
        byte[] response = mvc.perform(post("/x12/270")
                        .contentType("application/edi-x12")
                        .content(body)
                        .header("Authorization", token))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsByteArray();
        List<String> out = List.of(new String(response, StandardCharsets.UTF_8).split("~\n"));
        assertThat(out)
                .contains("NM1*PR*2*INLAND EMPIRE HEALTH PLAN*****PI*IEHP")
                .anyMatch(s -> s.startsWith("ISA*00*          *00*          *ZZ*IEHP           *ZZ*EASTLACLINIC   *"));
        assertThat(out).noneMatch(s -> s.contains("LACARE") || s.contains("L.A. CARE"));
        assertThat(out).anyMatch(s -> s.startsWith("EB*1*IND*30*MC*"));
        // BHT03/BHT04: the answer's date and time on the plan's wall clock (Denver is an hour ahead of Los Angeles)
        String[] bht = out.stream()
                .filter(s -> s.startsWith("BHT*"))
                .findFirst()
                .orElseThrow()
                .split("\\*");
        LocalDateTime stamped = LocalDateTime.parse(bht[4] + bht[5], DateTimeFormatter.ofPattern("yyyyMMddHHmm"));
        assertThat(Duration.between(stamped, LocalDateTime.now(DENVER)).abs()).isLessThan(Duration.ofMinutes(5));
    }

    @Test
    void aFhirCoverageNamesTheConfiguredPayor() throws Exception {
        String token = ApiTokens.bearer(clients, port, ApiScope.COVERAGE_READ).substring(7);
        var response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + port
                                        + "/fhir/Coverage?patient=DEMO-MEMBER-1&status=active"))
                                .header("Authorization", "Bearer " + token)
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        Bundle active = fhir.newJsonParser().parseResource(Bundle.class, response.body());
        assertThat(active.getEntry()).singleElement().satisfies(e -> {
            Coverage c = (Coverage) e.getResource();
            assertThat(c.getPayorFirstRep().getDisplay()).isEqualTo("Inland Empire Health Plan");
            assertThat(c.getPayorFirstRep().getIdentifier().getSystem()).isEqualTo(PlanIdentity.PAYER_ID_SYSTEM);
            assertThat(c.getPayorFirstRep().getIdentifier().getValue()).isEqualTo("IEHP");
        });
        assertThat(response.body()).doesNotContain("L.A. Care Health Plan");
    }

    @Test
    void theMembersIdCardPageCarriesThePlansName() throws Exception {
        String page = mvc.perform(
                        get("/my/coverage/id-card").with(user("member").roles("MEMBER")))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        assertThat(page).contains("Inland Empire Health Plan").doesNotContain("L.A. Care Health Plan");
    }

    @Test
    void theAdequacyExportNamesTheConfiguredCounty() throws Exception {
        long run = adequacy.run(LocalDate.now(DENVER), null, "test").id();
        String csv = mvc.perform(get("/adequacy/export/summary.csv?run=" + run)
                        .with(user("network-manager").roles("NETWORK_MANAGER")))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        List<String> rows = csv.lines().skip(1).toList();
        assertThat(rows).isNotEmpty().allSatisfy(row -> assertThat(row).contains(",Riverside,33,"));
        assertThat(csv).doesNotContain("Los Angeles");
    }

    @Test
    void theHsdsServiceAreaIsTheConfiguredCounty() throws Exception {
        String services = mvc.perform(get("/hsds/services?per_page=1"))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        var id = java.util.regex.Pattern.compile("\"id\"\\s*:\\s*\"([0-9a-f-]{36})\"")
                .matcher(services)
                .results()
                .findFirst()
                .orElseThrow()
                .group(1);
        String service = mvc.perform(get("/hsds/services/" + id))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        assertThat(service)
                .contains("\"name\":\"Riverside County\"")
                .contains("\"extent\":\"Riverside County, California\"")
                .contains("\"region\":\"Riverside County\"")
                .doesNotContain("Los Angeles County");
    }
}
