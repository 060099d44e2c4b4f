package org.commonweal.centers.hsds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.commonweal.IntegrationTest;
import org.commonweal.PublishedSchemas;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Every HSDS endpoint's response validated against the Open Referral HSDS 3.0 JSON Schemas in
 * {@code ../shared/schemas/hsds-3.0} (openreferral/specification 3.0, commit 279fd2e): the response schema the
 * published {@code openapi.json} gives for the route (its {@code $ref}s to the hosted schema files read from the
 * folder), or the object's own schema for the routes the OpenAPI file does not list; format assertions on
 * ({@code uuid}, {@code uri}, {@code date-time}).
 */
@IntegrationTest
class HsdsContractIntegrationTests {

    static final String OFFSET_TIME = "\\d\\d:\\d\\d(Z|[+-]\\d\\d:\\d\\d)";

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient jdbc;

    final ObjectMapper json = new ObjectMapper();
    PublishedSchemas schemas;

    @BeforeEach
    void schemas() {
        schemas = PublishedSchemas.of("hsds-3.0", PublishedSchemas.HSDS_HOSTED);
    }

    @Test
    void everyEndpointMeetsThePublishedSchemas() throws Exception {
        JsonNode root = valid("/hsds", route("/"));
        assertThat(root.get("version").asString()).isEqualTo("3.0");

        JsonNode services = valid("/hsds/services?per_page=200", route("/services"));
        items(services, "service.json");
        for (JsonNode s : services.get("contents")) {
            JsonNode full = valid("/hsds/services/" + s.get("id").asString(), route("/services/{id}"));
            schedules(full, true);
        }
        items(valid("/hsds/services?full=true&per_page=3", route("/services")), "service.json");

        JsonNode organizations = valid("/hsds/organizations?full=true", route("/organizations"));
        items(organizations, "organization.json");
        valid(
                "/hsds/organizations/"
                        + organizations.get("contents").get(0).get("id").asString(),
                route("/organizations/{id}"));

        JsonNode locations = valid("/hsds/locations?full=true&per_page=200", "openapi.json#/components/schemas/Page");
        items(locations, "location.json");
        schedules(locations, true);
        valid("/hsds/locations/" + locations.get("contents").get(0).get("id").asString(), "location.json");

        JsonNode sals = valid("/hsds/service_at_locations?full=true&per_page=50", route("/service_at_locations"));
        items(sals, "service_at_location.json");
        schedules(sals, true);
        // the published openapi.json gives compiled/service.json for this route; the body is a service_at_location
        valid(
                "/hsds/service_at_locations/"
                        + sals.get("contents").get(0).get("id").asString(),
                "service_at_location.json");

        JsonNode taxonomies = valid("/hsds/taxonomies", route("/taxonomies"));
        assertThat(taxonomies.get("contents")).hasSize(1);
        items(taxonomies, "taxonomy.json");
        String taxonomyId = taxonomies.get("contents").get(0).get("id").asString();
        valid("/hsds/taxonomies/" + taxonomyId, route("/taxonomies/{id}"));

        JsonNode terms = valid("/hsds/taxonomy_terms?per_page=50&taxonomy_id=" + taxonomyId, route("/taxonomy_terms"));
        assertThat(terms.get("contents")).hasSize(9);
        items(terms, "taxonomy_term.json");
        for (JsonNode term : terms.get("contents")) {
            JsonNode one = valid("/hsds/taxonomy_terms/" + term.get("id").asString(), route("/taxonomy_terms/{id}"));
            assertThat(one.get("taxonomy_detail").get("id").asString()).isEqualTo(taxonomyId);
            JsonNode tagged = valid(
                    "/hsds/services?per_page=200&taxonomy_term_id="
                            + term.get("id").asString(),
                    route("/services"));
            for (JsonNode s : tagged.get("contents")) {
                JsonNode full = json.readTree(
                        mvc.perform(get("/hsds/services/" + s.get("id").asString()))
                                .andReturn()
                                .getResponse()
                                .getContentAsString());
                assertThat(full.get("attributes").get(0).get("taxonomy_term_id").asString())
                        .isEqualTo(term.get("id").asString());
            }
        }
        assertThat(valid("/hsds/services?per_page=200&taxonomy_id=" + taxonomyId, route("/services"))
                        .get("total_items"))
                .isEqualTo(services.get("total_items"));
        mvc.perform(get("/hsds/taxonomies/00000000-0000-0000-0000-000000000000"))
                .andExpect(status().isNotFound());
        mvc.perform(get("/hsds/taxonomy_terms/00000000-0000-0000-0000-000000000000"))
                .andExpect(status().isNotFound());
    }

    @Test
    void theOpenApiUrlIsAbsoluteAndReadableWithoutSigningIn() throws Exception {
        JsonNode root = valid("/hsds", route("/"));
        URI openapi = URI.create(root.get("openapi_url").asString());
        assertThat(openapi.isAbsolute()).isTrue();
        String description = mvc.perform(get(openapi.getPath()))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        JsonNode paths = json.readTree(description).get("paths");
        assertThat(paths.has("/hsds/services")).isTrue();
        assertThat(paths.has("/hsds/taxonomies")).isTrue();
        assertThat(paths.has("/api/grants/opportunities"))
                .as("only the HSDS routes")
                .isFalse();
        // the application's whole description is still there, for those signed in
        JsonNode all =
                json.readTree(mvc.perform(get("/v3/api-docs")
                                .with(org.springframework.security.test.web.servlet.request
                                        .SecurityMockMvcRequestPostProcessors.user("admin")
                                        .roles("ADMIN")))
                        .andExpect(status().isOk())
                        .andReturn()
                        .getResponse()
                        .getContentAsString());
        assertThat(all.get("paths").has("/api/grants/opportunities")).isTrue();
        assertThat(all.get("paths").has("/hsds/services")).isTrue();
    }

    @Test
    void scheduleTimesCarryTheirUtcOffsetAndLinksAreAbsolute() throws Exception {
        JsonNode sals = valid("/hsds/service_at_locations?full=true&per_page=200", route("/service_at_locations"));
        List<JsonNode> all = schedules(sals, false);
        assertThat(all).isNotEmpty();
        boolean sawLink = false;
        for (JsonNode schedule : all) {
            assertThat(schedule.get("opens_at").asString()).matches(OFFSET_TIME);
            assertThat(schedule.get("closes_at").asString()).matches(OFFSET_TIME);
            // Los Angeles: -08:00 in winter, -07:00 in summer, and the same offset in timezone (hours)
            String offset = schedule.get("opens_at").asString().substring(5);
            assertThat(offset).isIn("-08:00", "-07:00");
            assertThat(schedule.get("timezone").asInt()).isEqualTo(Integer.parseInt(offset.substring(0, 3)));
            if (schedule.has("schedule_link")) {
                sawLink = true;
                assertThat(URI.create(schedule.get("schedule_link").asString()).isAbsolute())
                        .isTrue();
                mvc.perform(get(URI.create(schedule.get("schedule_link").asString())
                                .getPath()))
                        .andExpect(status().isOk());
            }
        }
        assertThat(sawLink).as("class series have a calendar link").isTrue();
    }

    @Test
    void modifiedAfterReturnsOnlyWhatChangedSince() throws Exception {
        Instant before = jdbc.sql("select clock_timestamp()")
                .query(java.sql.Timestamp.class)
                .single()
                .toInstant();
        String code = jdbc.sql("select code from centers.program order by code limit 1")
                .query(String.class)
                .single();
        jdbc.sql("update centers.program set name_en = name_en || ' ' where code = ?")
                .param(code)
                .update();
        try {
            JsonNode changed = valid("/hsds/services?modified_after=" + before, route("/services"));
            assertThat(changed.get("total_items").asInt()).isEqualTo(1);
            assertThat(changed.get("contents").get(0).get("id").asString()).isEqualTo(HsdsCatalog.id("service", code));
            assertThat(Instant.parse(
                            changed.get("contents").get(0).get("last_modified").asString()))
                    .isAfterOrEqualTo(before);
            JsonNode sals = valid(
                    "/hsds/service_at_locations?modified_after=" + before + "&per_page=200",
                    route("/service_at_locations"));
            assertThat(sals.get("contents"))
                    .isNotEmpty()
                    .allSatisfy(
                            s -> assertThat(s.get("service_id").asString()).isEqualTo(HsdsCatalog.id("service", code)));
            JsonNode all = valid("/hsds/services?per_page=200", route("/services"));
            assertThat(all.get("total_items").asInt()).isGreaterThan(1);
            assertThat(valid("/hsds/services?modified_after=2999-01-01", route("/services"))
                            .get("total_items")
                            .asInt())
                    .isZero();
        } finally {
            jdbc.sql("update centers.program set name_en = rtrim(name_en) where code = ?")
                    .param(code)
                    .update();
        }
        mvc.perform(get("/hsds/services?modified_after=yesterday")).andExpect(status().isBadRequest());
    }

    static String route(String path) {
        return PublishedSchemas.openApiResponse(path);
    }

    private JsonNode valid(String url, String schema) throws Exception {
        String body = mvc.perform(get(url))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(schemas.errors(schema, body)).as(url).isEmpty();
        return json.readTree(body);
    }

    private void items(JsonNode page, String schema) {
        assertThat(page.get("contents")).isNotEmpty();
        for (JsonNode item : page.get("contents")) {
            assertThat(schemas.errors(schema, item.toString()))
                    .as(item.toString())
                    .isEmpty();
        }
    }

    /** Every schedule under {@code node}, each checked against schedule.json when {@code validate}. */
    private List<JsonNode> schedules(JsonNode node, boolean validate) {
        List<JsonNode> found = new ArrayList<>();
        collect(node, found);
        if (validate) {
            for (JsonNode schedule : found) {
                assertThat(schemas.errors("schedule.json", schedule.toString()))
                        .as(schedule.toString())
                        .isEmpty();
                assertThat(schedule.get("opens_at").asString()).matches(OFFSET_TIME);
            }
        }
        return found;
    }

    private static void collect(JsonNode node, List<JsonNode> found) {
        if (node.isObject()) {
            if (node.has("schedules")) {
                node.get("schedules").forEach(found::add);
            }
            node.forEach(child -> collect(child, found));
        } else if (node.isArray()) {
            node.forEach(child -> collect(child, found));
        }
    }
}
