package org.commonweal.grants.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.commonweal.IntegrationTest;
import org.commonweal.PublishedSchemas;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Every response of the CommonGrants routes validated against the published CommonGrants schemas in
 * {@code ../shared/schemas/commongrants} (simpler-grants-protocol b874691): the envelope (Paginated, Ok, Filtered,
 * Error) and each item (OpportunityBase), with format assertions on. Anonymous, as the protocol's consumers call it.
 */
@IntegrationTest
class CommonGrantsContractIntegrationTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient jdbc;

    final ObjectMapper json = new ObjectMapper();
    PublishedSchemas schemas;

    @BeforeEach
    void schemas() {
        schemas = PublishedSchemas.of("commongrants");
    }

    @Test
    void everyPageOfTheListAndEveryOpportunityByItsIdMeetTheSchemas() throws Exception {
        JsonNode first = ok(get("/api/grants/opportunities").param("pageSize", "7"), "Paginated.yaml");
        int totalItems = first.get("paginationInfo").get("totalItems").asInt();
        assertThat(totalItems).isPositive();
        assertThat(first.get("paginationInfo").get("totalPages").asInt()).isEqualTo((totalItems + 6) / 7);
        Set<String> ids = new HashSet<>();
        for (int page = 1; page <= first.get("paginationInfo").get("totalPages").asInt(); page++) {
            JsonNode body = ok(
                    get("/api/grants/opportunities").param("page", "" + page).param("pageSize", "7"), "Paginated.yaml");
            for (JsonNode item : body.get("items")) {
                assertValid("OpportunityBase.yaml", item);
                assertThat(ids.add(item.get("id").asString()))
                        .as("ids are unique across pages")
                        .isTrue();
                JsonNode one =
                        ok(get("/api/grants/opportunities/" + item.get("id").asString()), "Ok.yaml");
                assertValid("OpportunityBase.yaml", one.get("data"));
                assertThat(one.get("data")).isEqualTo(item);
            }
        }
        assertThat(ids).hasSize(totalItems);
        // the default page size is the protocol's 100, and an empty page still has a valid pageSize
        JsonNode beyond = ok(get("/api/grants/opportunities").param("page", "999"), "Paginated.yaml");
        assertThat(beyond.get("items")).isEmpty();
        assertThat(beyond.get("paginationInfo").get("pageSize").asInt()).isEqualTo(100);
    }

    @Test
    void keyDatesArePostAndCloseDateEventsWithTheirOffsetAndTheLetterOfIntentIsAValidOtherDate() throws Exception {
        JsonNode items = ok(get("/api/grants/opportunities"), "Paginated.yaml").get("items");
        boolean sawLetter = false;
        for (JsonNode item : items) {
            JsonNode keyDates = item.get("keyDates");
            assertThat(keyDates.get("postDate").get("eventType").asString()).isEqualTo("singleDate");
            assertThat(keyDates.get("closeDate").get("eventType").asString()).isEqualTo("singleDate");
            assertThat(keyDates.get("closeDate").get("time").asString()).matches("\\d{2}:\\d{2}:\\d{2}-0[78]:00");
            assertThat(keyDates.has("appDeadline") || keyDates.has("appOpens")).isFalse();
            if (keyDates.has("otherDates")) {
                sawLetter = true;
                assertValid("Event.yaml", keyDates.get("otherDates").get("letterOfIntentDeadline"));
            }
            for (JsonNode field : item.get("customFields")) {
                assertValid("CustomField.yaml", field);
            }
        }
        assertThat(sawLetter)
                .as("the demo data has a cycle with a letter of intent")
                .isTrue();
    }

    @Test
    void anUnknownOrMalformedIdIsTheProtocolsNotFoundError() throws Exception {
        for (String id : List.of("00000000-0000-4000-8000-000000000000", "not-a-uuid", "1")) {
            String body = mvc.perform(get("/api/grants/opportunities/" + id))
                    .andExpect(status().isNotFound())
                    .andReturn()
                    .getResponse()
                    .getContentAsString();
            assertThat(schemas.errors("Error.yaml", body)).isEmpty();
        }
    }

    @Test
    void searchFiltersSortsAndPagesAsTheProtocolDefines() throws Exception {
        String request = """
                {"filters": {"maxAwardAmountRange": {"operator": "between",
                                 "value": {"min": {"amount": "0", "currency": "USD"}, "max": {"amount": "100000000", "currency": "USD"}}}},
                 "sorting": {"sortBy": "funding.maxAwardAmount", "sortOrder": "asc"},
                 "pagination": {"page": 1, "pageSize": 3}}""";
        assertThat(schemas.errors(
                        "OppDefaultFilters.yaml",
                        json.readTree(request).get("filters").toString()))
                .isEmpty();
        assertThat(schemas.errors(
                        "OppSorting.yaml", json.readTree(request).get("sorting").toString()))
                .isEmpty();
        assertThat(schemas.errors(
                        "PaginatedBodyParams.yaml",
                        json.readTree(request).get("pagination").toString()))
                .isEmpty();
        JsonNode body = search(request);
        assertThat(body.get("items").size())
                .isEqualTo(
                        Math.min(3, body.get("paginationInfo").get("totalItems").asInt()));
        assertThat(body.get("sortInfo").get("sortBy").asString()).isEqualTo("funding.maxAwardAmount");
        assertThat(body.get("filterInfo").get("filters"))
                .isEqualTo(json.readTree(request).get("filters"));
        assertThat(schemas.errors(
                        "OppFilters.yaml", body.get("filterInfo").get("filters").toString()))
                .isEmpty();
        List<BigDecimal> ceilings = new ArrayList<>();
        for (JsonNode item : body.get("items")) {
            ceilings.add(new BigDecimal(
                    item.get("funding").get("maxAwardAmount").get("amount").asString()));
        }
        assertThat(ceilings).isSorted();
        JsonNode none = search("""
                {"filters": {"maxAwardAmountRange": {"operator": "between",
                    "value": {"min": {"amount": "0", "currency": "EUR"}, "max": {"amount": "100000000", "currency": "EUR"}}}}}""");
        assertThat(none.get("items"))
                .as("amounts in another currency are excluded")
                .isEmpty();

        JsonNode closedOnly = search("{\"filters\": {\"status\": {\"operator\": \"in\", \"value\": [\"closed\"]}}}");
        closedOnly
                .get("items")
                .forEach(
                        i -> assertThat(i.get("status").get("value").asString()).isEqualTo("closed"));
        int closed = closedOnly.get("paginationInfo").get("totalItems").asInt();
        JsonNode notClosed = search("{\"filters\": {\"status\": {\"operator\": \"notIn\", \"value\": [\"closed\"]}}}");
        int all = ok(get("/api/grants/opportunities"), "Paginated.yaml")
                .get("paginationInfo")
                .get("totalItems")
                .asInt();
        assertThat(notClosed.get("paginationInfo").get("totalItems").asInt())
                .isEqualTo(all - closed)
                .isPositive();
        assertThat(notClosed.get("sortInfo").get("sortBy").asString()).isEqualTo("lastModifiedAt");

        // a deadline window, a text search, and a custom filter the server reports but does not apply
        String date = notClosed
                .get("items")
                .get(0)
                .get("keyDates")
                .get("closeDate")
                .get("date")
                .asString();
        JsonNode window = search("{\"search\": \""
                + notClosed.get("items").get(0).get("title").asString().split(" ")[0]
                + "\", \"filters\": {\"closeDateRange\": {\"operator\": \"between\", \"value\": {\"min\": \"" + date
                + "\", \"max\": \"" + date
                + "\"}}, \"customFilters\": {\"x\": {\"operator\": \"eq\", \"value\": 1}}}}");
        assertThat(window.get("items")).isNotEmpty();
        window.get("items")
                .forEach(i -> assertThat(
                                i.get("keyDates").get("closeDate").get("date").asString())
                        .isEqualTo(date));
        assertThat(window.get("filterInfo").get("errors").get(0).asString()).contains("customFilters.x");

        JsonNode custom = search("{\"sorting\": {\"sortBy\": \"custom\", \"customSortBy\": \"program\"}}");
        assertThat(custom.get("sortInfo").get("customSortBy").asString()).isEqualTo("program");
    }

    @Test
    void aSearchTheProtocolDoesNotAllowIsRefusedWithEveryReason() throws Exception {
        String body = mvc.perform(post("/api/grants/opportunities/search")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("""
                {"filters": {"status": {"operator": "like", "value": ["open"]}, "colour": {}},
                 "sorting": {"sortBy": "colour"}, "pagination": {"page": 0, "pageSize": "x"}}"""))
                .andExpect(status().isBadRequest())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(schemas.errors("Error.yaml", body)).isEmpty();
        assertThat(json.readTree(body).get("errors").toString())
                .contains(
                        "filters.status.operator",
                        "filters.colour",
                        "sorting.sortBy",
                        "pagination.page",
                        "pagination.pageSize");
        String list = mvc.perform(get("/api/grants/opportunities").param("pageSize", "0"))
                .andExpect(status().isBadRequest())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(schemas.errors("Error.yaml", list)).isEmpty();
    }

    @Test
    void aChangeToACycleMovesItsLastModifiedAtAndKeepsItsId() throws Exception {
        JsonNode before = ok(get("/api/grants/opportunities"), "Paginated.yaml")
                .get("items")
                .get(0);
        String id = before.get("id").asString();
        jdbc.sql("update grants.funding_cycle set expected_awards = expected_awards + 1 where public_id = ?::uuid")
                .param(id)
                .update();
        try {
            JsonNode after =
                    ok(get("/api/grants/opportunities/" + id), "Ok.yaml").get("data");
            assertThat(after.get("id").asString()).isEqualTo(id);
            assertThat(after.get("createdAt")).isEqualTo(before.get("createdAt"));
            assertThat(java.time.Instant.parse(after.get("lastModifiedAt").asString()))
                    .isAfter(
                            java.time.Instant.parse(before.get("lastModifiedAt").asString()));
        } finally {
            jdbc.sql("update grants.funding_cycle set expected_awards = expected_awards - 1 where public_id = ?::uuid")
                    .param(id)
                    .update();
        }
    }

    private JsonNode search(String request) throws Exception {
        String body = mvc.perform(post("/api/grants/opportunities/search")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(request))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(schemas.errors("Filtered.yaml", body)).isEmpty();
        JsonNode tree = json.readTree(body);
        tree.get("items").forEach(item -> assertValid("OpportunityBase.yaml", item));
        return tree;
    }

    private JsonNode ok(org.springframework.test.web.servlet.RequestBuilder request, String envelope) throws Exception {
        String body = mvc.perform(request)
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(schemas.errors(envelope, body)).isEmpty();
        return json.readTree(body);
    }

    private void assertValid(String schema, JsonNode node) {
        assertThat(schemas.errors(schema, node.toString())).as(node.toString()).isEmpty();
    }
}
