package org.commonweal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The schema reader itself: the published examples pass, a wrong shape fails, formats are asserted. */
class PublishedSchemasTests {

    @Test
    void thePublishedExamplesPassAndWrongShapesFail() {
        PublishedSchemas schemas = PublishedSchemas.of("commongrants");
        assertThat(schemas.errors("OppTimeline.yaml", """
                {"postDate": {"name": "Opportunity posted date", "eventType": "singleDate", "date": "2024-01-15"},
                 "closeDate": {"name": "Close", "eventType": "singleDate", "date": "2024-12-31", "time": "17:00:00-08:00"},
                 "otherDates": {"period": {"name": "Application period", "eventType": "dateRange",
                     "startDate": "2024-01-01", "endDate": "2024-01-31"}}}""")).isEmpty();
        // the old draft's names, an event without eventType, an undefined property
        assertThat(schemas.errors("OppTimeline.yaml", """
                {"appDeadline": {"name": "Deadline", "date": "2024-12-31", "timezone": "America/Los_Angeles"}}""")).isNotEmpty();
        assertThat(schemas.errors("Event.yaml", """
                {"name": "Deadline", "eventType": "singleDate", "date": "2024-12-31", "timezone": "America/Los_Angeles"}""")).isNotEmpty();
        assertThat(schemas.errors("uuid.yaml", "\"CHIF-2026\"")).isNotEmpty();
        assertThat(schemas.errors("uuid.yaml", "\"30a12e5e-5940-4c08-921c-17a8960fcf4b\""))
                .isEmpty();
        assertThat(schemas.errors("isoDate.yaml", "\"2024-02-30\"")).isNotEmpty();
        assertThat(schemas.errors("PaginatedResultsInfo.yaml", "{\"page\": 1, \"pageSize\": 0}"))
                .isNotEmpty();
        // format: time is RFC 3339 full-time: a time of day needs its UTC offset
        assertThat(schemas.errors("isoTime.yaml", "\"17:00:00\"")).isNotEmpty();
        assertThat(schemas.errors("isoTime.yaml", "\"17:00:00-08:00\"")).isEmpty();
    }

    @Test
    void hsdsSchemasAreReadToo() {
        PublishedSchemas schemas = PublishedSchemas.of("hsds-3.0", PublishedSchemas.HSDS_HOSTED);
        assertThat(schemas.errors("taxonomy.json", "{\"id\": \"x\"}")).isNotEmpty();
        // the response schemas of openapi.json, by pointer; a relative openapi_url is not a URI
        String root = PublishedSchemas.openApiResponse("/");
        assertThat(schemas.errors(
                        root, "{\"version\": \"3.0\", \"openapi_url\": \"https://example.org/openapi.json\"}"))
                .isEmpty();
        assertThat(schemas.errors(root, "{\"version\": \"3.0\", \"openapi_url\": \"/v3/api-docs\"}"))
                .isNotEmpty();
        // through the hosted compiled/service.json $ref: a service needs id, name and status
        String service = PublishedSchemas.openApiResponse("/services/{id}");
        assertThat(schemas.errors(
                        service,
                        "{\"id\": \"5c4d79d7-cc55-470e-9f1f-8cad074e4892\", \"name\": \"n\", \"status\": \"active\"}"))
                .isEmpty();
        assertThat(schemas.errors(
                        service, "{\"id\": \"5c4d79d7-cc55-470e-9f1f-8cad074e4892\", \"status\": \"active\"}"))
                .isNotEmpty();
        assertThat(
                        schemas.errors(
                                "schedule.json",
                                "{\"id\": \"5c4d79d7-cc55-470e-9f1f-8cad074e4892\", \"schedule_link\": \"/centers/series/1/calendar.ics\"}"))
                .isNotEmpty();
    }
}
