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
import java.util.Comparator;
import java.util.Currency;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.assertj.core.api.SoftAssertions;
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
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.web.util.HtmlUtils;

/**
 * A plan other than L.A. Care, configured by properties alone (issue #19): the application started with the Inland
 * Empire Health Plan's identity, its county (Riverside), its partner plan (Molina) and the Mountain time zone answers
 * a 270, a FHIR Coverage read and the member's ID card page as that plan, names its county in the adequacy export and
 * the HSDS service area, and a page of every module, in English and Spanish, says its names and none of the demo
 * plan's. Its own application context (the properties differ from {@code @IntegrationTest}'s).
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
            "commonweal.plan.service-area.state-name=California",
            "commonweal.plan.short-name=IEHP",
            "commonweal.plan.service-area.example-zip=92501",
            "commonweal.plan.service-area.example-places=Moreno Valley,Palm Springs",
            "commonweal.plan.service-area.example-address=3080 Myers St, 92503",
            "commonweal.plan.partner.name=Molina Healthcare of California",
            "commonweal.plan.partner.brand-name=Molina Healthcare",
            "commonweal.plan.partner.short-name=Molina",
            "commonweal.centers.hsds.website=https://www.iehp.example/"
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

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MessageSource messages;

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
                        new PlanIdentity.ServiceArea(
                                "Riverside",
                                "06065",
                                "33",
                                "CA",
                                "California",
                                // the demo's Spanish name of its county stays keyed to that county
                                Map.of("06037", Map.of("es", "Los Ángeles")),
                                "92501",
                                List.of("Moreno Valley", "Palm Springs"),
                                "3080 Myers St, 92503"),
                        "IEHP",
                        new PlanIdentity.PartnerPlan(
                                "Molina Healthcare of California", "Molina Healthcare", "Molina")));
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
                .contains("Open to IEHP members, Molina Healthcare members and all community residents.")
                .doesNotContain("Los Angeles County")
                .doesNotContain("L.A. Care")
                .doesNotContain("Blue Shield");
        String organizations = mvc.perform(get("/hsds/organizations"))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        assertThat(organizations)
                .contains("Inland Empire Health Plan and Molina Healthcare of California Community Resource Centers")
                .contains("https://www.iehp.example/")
                .doesNotContain("lacare");
    }

    /**
     * What the demo plan's words would leave on a page of another plan, in any language (as a PostgreSQL and Java
     * regular expression): its names, its county, its time zone. "Pacific Islander" is a race, not a time zone.
     */
    private static final String DEMO_PLAN_WORDS =
            "L\\.A\\. Care|L\\.A\\. CARE|LACARE|Los Angeles|Los Ángeles|Los_Angeles"
                    + "|Blue Shield|Pacific(?! Islander)|(?<!islas del )Pacífico";

    /**
     * The demo data's own values that name the demo plan or its county (hospital names, product lines, center and
     * member addresses, grant programs): the test database holds the L.A. Care demo's records whatever the plan, and
     * a page showing them shows data, not the application's words. Read from every text column of the modules'
     * schemas, so nothing is listed by hand.
     */
    private List<String> demoDataNamingTheDemoPlan() {
        var columns = jdbc.sql("""
                        select c.table_schema, c.table_name, c.column_name
                        from information_schema.columns c
                        join information_schema.tables t using (table_schema, table_name)
                        where t.table_type = 'BASE TABLE' and c.data_type in ('text', 'character varying')
                          and c.table_schema not in ('pg_catalog', 'information_schema', 'audit', 'public')""")
                .query((rs, n) -> new String[] {rs.getString(1), rs.getString(2), rs.getString(3)})
                .list();
        var values = new TreeSet<String>(
                Comparator.comparing(String::length).reversed().thenComparing(v -> v));
        for (String[] c : columns) {
            String column = '"' + c[2] + '"';
            values.addAll(jdbc.sql("select distinct " + column + " from \"" + c[0] + "\".\"" + c[1] + "\" where "
                            + column + " ~ :words")
                    .param("words", DEMO_PLAN_WORDS)
                    .query(String.class)
                    .list());
        }
        return List.copyOf(values);
    }

    /**
     * The page without the data's values where they stand as a whole field (an element's text, an attribute, a part
     * of an address or a labelled value: "Product line: L.A. Care Covered"), so a message saying "Los Angeles County"
     * around them is still seen.
     */
    private static String withoutData(String html, List<String> data) {
        for (String value : data) {
            for (String shown : new LinkedHashSet<>(List.of(value, HtmlUtils.htmlEscape(value)))) {
                html = html.replaceAll("(?<=[>\"]\\s{0,60}|, |: )" + Pattern.quote(shown) + "(?=\\s*[<\",])", "");
            }
        }
        return html;
    }

    @Test
    void everyModulesPageSaysThePlansNamesAndNoneOfTheDemoPlans() throws Exception {
        long session = jdbc.sql(
                        "select id from centers.class_session where starts_at > now() order by starts_at limit 1")
                .query(Long.class)
                .single();
        // page, role ("public" for none), then what this plan's words make of it in English and in Spanish
        String[][] pages = {
            {"/", "public"},
            {
                "/find-a-doctor?near=Nowhere+Town",
                "public",
                "such as 92501",
                "Riverside County (such as Moreno Valley or Palm Springs)",
                "3080 Myers St, 92503"
            },
            {"/centers", "public", "run with Molina Healthcare of California"},
            {
                "/centers/sessions/" + session,
                "public",
                "an IEHP member",
                "a Molina Healthcare member",
                "Link to your IEHP membership"
            },
            {
                "/centers/staff/sessions/" + session,
                "CENTER_STAFF",
                ">IEHP</option>",
                ">Molina</option>",
                "IEHP member ID"
            },
            {"/centers/staff/visits", "CENTER_STAFF", ">IEHP</option>", "IEHP member ID"},
            {"/grants/opportunities", "public", "the people of Riverside County"},
            {"/grants/staff/cycles/new", "GRANTS_OFFICER", "Time (Denver)"},
            {"/insights", "ANALYST"},
            {"/insights/trends?measure=members&area=4", "ANALYST", ">Riverside County</option>"},
            {"/places", "public", "Riverside County is organized"},
            {"/my/coverage/id-card", "MEMBER", "Inland Empire Health Plan"},
            {"/members/DEMO-MEMBER-1", "MEMBER_SERVICES"},
            {"/care-gaps", "MEMBER_SERVICES"},
            {"/quality", "ANALYST"}
        };
        Map<String, List<String>> spanish = Map.of(
                "/find-a-doctor?near=Nowhere+Town",
                List.of("como 92501", "condado de Riverside (como Moreno Valley o Palm Springs)"),
                "/centers",
                List.of("junto con Molina Healthcare of California"),
                "/centers/sessions/" + session,
                List.of("miembro de IEHP", "miembro de Molina Healthcare", "membresía de IEHP"),
                "/grants/opportunities",
                List.of("Condado de Riverside"),
                "/grants/staff/cycles/new",
                List.of("Hora (Denver)"),
                "/insights/trends?measure=members&area=4",
                List.of(">Condado de Riverside</option>"),
                "/places",
                List.of("El condado de Riverside se organiza"));
        List<String> data = demoDataNamingTheDemoPlan();
        Pattern demoWords = Pattern.compile(DEMO_PLAN_WORDS);
        int rendered = 0;
        var softly = new SoftAssertions();
        for (String[] page : pages) {
            for (Locale language : List.of(Locale.ENGLISH, Locale.forLanguageTag("es"))) {
                var request = get(page[0]).locale(language);
                if (!page[1].equals("public")) {
                    request =
                            request.with(user(page[1].toLowerCase(Locale.ROOT)).roles(page[1]));
                }
                String html = mvc.perform(request)
                        .andExpect(status().isOk())
                        .andReturn()
                        .getResponse()
                        .getContentAsString(StandardCharsets.UTF_8);
                rendered++;
                String where = page[0] + " (" + language + ")";
                String words = withoutData(html, data);
                Matcher demo = demoWords.matcher(words);
                while (demo.find()) {
                    softly.fail(where + " says \"" + demo.group() + "\" in …"
                            + words.substring(
                                    Math.max(0, demo.start() - 160), Math.min(words.length(), demo.end() + 60)));
                }
                List<String> expected = language.getLanguage().equals("es")
                        ? spanish.getOrDefault(page[0], List.of())
                        : List.of(page).subList(2, page.length);
                for (String plansWords : expected) {
                    softly.assertThat(html.contains(plansWords))
                            .as(where + " says \"" + plansWords + "\"")
                            .isTrue();
                }
            }
        }
        softly.assertAll();
        assertThat(rendered).isEqualTo(pages.length * 2);
    }

    @Test
    void messagesRenderedOutsidePagesNameThePlanToo() {
        var es = Locale.forLanguageTag("es");
        assertThat(messages.getMessage("form.zip.county", new Object[] {"ZIP"}, Locale.ENGLISH))
                .isEqualTo("ZIP: enter a ZIP code in Riverside County, for example 92501");
        assertThat(messages.getMessage("form.zip.county", new Object[] {"Código postal"}, es))
                .isEqualTo("Código postal: escriba un código postal del condado de Riverside, por ejemplo 92501");
        assertThat(messages.getMessage("insights.brief.title", null, Locale.ENGLISH))
                .isEqualTo("Inland Empire Health Plan — Equity insights brief");
        assertThat(messages.getMessage("insights.brief.title", null, es))
                .isEqualTo("Inland Empire Health Plan — Resumen de datos de equidad");
    }
}
