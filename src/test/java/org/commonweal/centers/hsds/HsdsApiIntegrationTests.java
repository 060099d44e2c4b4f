package org.commonweal.centers.hsds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.commonweal.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.json.JsonMapper;

/** The HSDS 3.0 responses, checked against the field names of the Open Referral schema and its Page object. */
@IntegrationTest
class HsdsApiIntegrationTests {

    static final Set<String> PAGE =
            Set.of("total_items", "total_pages", "page_number", "size", "first_page", "last_page", "empty", "contents");
    static final Set<String> SERVICE = Set.of(
            "id",
            "organization_id",
            "program_id",
            "name",
            "alternate_name",
            "description",
            "url",
            "additional_urls",
            "email",
            "status",
            "interpretation_services",
            "application_process",
            "fees_description",
            "wait_time",
            "fees",
            "accreditations",
            "eligibility_description",
            "minimum_age",
            "maximum_age",
            "assured_date",
            "assurer_email",
            "licenses",
            "alert",
            "last_modified",
            "phones",
            "schedules",
            "service_areas",
            "service_at_locations",
            "languages",
            "organization",
            "funding",
            "cost_options",
            "program",
            "required_documents",
            "contacts",
            "capacities",
            "attributes",
            "metadata");
    static final Set<String> LOCATION = Set.of(
            "id",
            "location_type",
            "url",
            "organization_id",
            "name",
            "alternate_name",
            "description",
            "transportation",
            "latitude",
            "longitude",
            "external_identifier",
            "external_identifier_type",
            "languages",
            "addresses",
            "contacts",
            "accessibility",
            "phones",
            "schedules",
            "attributes",
            "metadata");
    static final Set<String> SERVICE_AT_LOCATION = Set.of(
            "id",
            "service_id",
            "location_id",
            "description",
            "service_areas",
            "contacts",
            "phones",
            "schedules",
            "location",
            "service",
            "attributes",
            "metadata");
    static final Set<String> ORGANIZATION = Set.of(
            "id",
            "name",
            "alternate_name",
            "description",
            "email",
            "website",
            "additional_websites",
            "tax_status",
            "tax_id",
            "year_incorporated",
            "legal_status",
            "logo",
            "uri",
            "parent_organization_id",
            "funding",
            "contacts",
            "phones",
            "locations",
            "programs",
            "organization_identifiers",
            "attributes",
            "metadata",
            "services");
    static final Set<String> ADDRESS = Set.of(
            "id",
            "location_id",
            "attention",
            "address_1",
            "address_2",
            "city",
            "region",
            "state_province",
            "postal_code",
            "country",
            "address_type",
            "attributes",
            "metadata");
    static final Set<String> SCHEDULE = Set.of(
            "id",
            "service_id",
            "location_id",
            "service_at_location_id",
            "valid_from",
            "valid_to",
            "dtstart",
            "timezone",
            "until",
            "count",
            "wkst",
            "freq",
            "interval",
            "byday",
            "byweekno",
            "bymonthday",
            "byyearday",
            "description",
            "opens_at",
            "closes_at",
            "schedule_link",
            "attending_type",
            "notes",
            "attributes",
            "metadata");

    @Autowired
    MockMvc mvc;

    final JsonMapper json = JsonMapper.builder().build();

    @SuppressWarnings("unchecked")
    Map<String, Object> getJson(String url) throws Exception {
        String body = mvc.perform(get(url))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        return json.readValue(body, Map.class);
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> contents(Map<String, Object> page) {
        return (List<Map<String, Object>>) page.get("contents");
    }

    @Test
    void servicesArePaginatedWithThePageFieldsOfTheSpec() throws Exception {
        var page = getJson("/hsds/services?per_page=5&page=2");
        assertThat(page.keySet()).containsExactlyInAnyOrderElementsOf(PAGE);
        assertThat(page.get("total_items")).isEqualTo(14);
        assertThat(page.get("total_pages")).isEqualTo(3);
        assertThat(page.get("page_number")).isEqualTo(2);
        assertThat(page.get("size")).isEqualTo(5);
        assertThat(page.get("first_page")).isEqualTo(false);
        assertThat(page.get("last_page")).isEqualTo(false);
        assertThat(page.get("empty")).isEqualTo(false);
        for (var s : contents(page)) {
            assertThat(SERVICE).containsAll(s.keySet());
            assertThat(s).containsKeys("id", "name", "status");
        }
        var last = getJson("/hsds/services?per_page=5&page=3");
        assertThat(last.get("size")).isEqualTo(4);
        assertThat(last.get("last_page")).isEqualTo(true);
    }

    @Test
    @SuppressWarnings("unchecked")
    void aServiceIsFullyNestedWithLocationsAddressesAndRfc5545Schedules() throws Exception {
        String id = (String)
                contents(getJson("/hsds/services?search=zumba")).getFirst().get("id");
        var service = getJson("/hsds/services/" + id);
        assertThat(SERVICE).containsAll(service.keySet());
        assertThat(ORGANIZATION).containsAll(((Map<String, Object>) service.get("organization")).keySet());
        var sals = (List<Map<String, Object>>) service.get("service_at_locations");
        assertThat(sals).hasSize(14);
        for (var sal : sals) {
            assertThat(SERVICE_AT_LOCATION).containsAll(sal.keySet());
            var location = (Map<String, Object>) sal.get("location");
            assertThat(LOCATION).containsAll(location.keySet());
            for (var address : (List<Map<String, Object>>) location.get("addresses")) {
                assertThat(ADDRESS).containsAll(address.keySet());
                assertThat(address).containsEntry("state_province", "CA").containsEntry("country", "US");
            }
            for (var schedule : (List<Map<String, Object>>) sal.get("schedules")) {
                assertThat(SCHEDULE).containsAll(schedule.keySet());
                assertThat(schedule.get("freq")).isIn("WEEKLY", "MONTHLY");
                assertThat((String) schedule.get("opens_at")).matches("\\d\\d:\\d\\d(Z|[+-]\\d\\d:\\d\\d)");
            }
        }
        mvc.perform(get("/hsds/services/00000000-0000-0000-0000-000000000000")).andExpect(status().isNotFound());
    }

    @Test
    void serviceAtLocationsNearAPostcodeAreTheCentersWithinTheDistance() throws Exception {
        // 91768 is Pomona's ZIP; within 5 km only the Pomona center, whose services are all nine categories
        var near = getJson("/hsds/service_at_locations?postcode=91768&proximity=5000&per_page=200");
        assertThat(near.keySet()).containsExactlyInAnyOrderElementsOf(PAGE);
        assertThat(contents(near))
                .isNotEmpty()
                .allSatisfy(sal -> assertThat(SERVICE_AT_LOCATION).containsAll(sal.keySet()));
        var locations = contents(near).stream()
                .map(s -> s.get("location_id"))
                .distinct()
                .toList();
        assertThat(locations).hasSize(1);
        var wide = getJson("/hsds/service_at_locations?postcode=91768&proximity=40000&per_page=200");
        assertThat((Integer) wide.get("total_items")).isGreaterThan((Integer) near.get("total_items"));
        var outside = getJson("/hsds/service_at_locations?postcode=10001");
        assertThat(outside.get("empty")).isEqualTo(true);
        assertThat(outside.get("total_items")).isEqualTo(0);
        mvc.perform(get("/hsds/service_at_locations?postcode=10001&proximity=1000"))
                .andExpect(status().isBadRequest());
        mvc.perform(get("/hsds/service_at_locations?proximity=far&postcode=91768"))
                .andExpect(status().isBadRequest());
    }

    @Test
    void organizationsAndLocationsAreListedForEveryoneWithoutLogin() throws Exception {
        var orgs = getJson("/hsds/organizations");
        assertThat(contents(orgs))
                .hasSize(1)
                .allSatisfy(o -> assertThat(ORGANIZATION).containsAll(o.keySet()));
        var locations = getJson("/hsds/locations?full=true&per_page=20");
        assertThat(locations.get("total_items")).isEqualTo(14);
        assertThat(contents(locations)).allSatisfy(l -> {
            assertThat(LOCATION).containsAll(l.keySet());
            assertThat(l).containsKeys("latitude", "longitude", "addresses", "schedules");
        });
    }
}
