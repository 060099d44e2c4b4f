package org.commonweal.grants.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.commonweal.PublishedSchemas;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Fuzzing (Jazzer) of the CommonGrants search body ({@code POST /api/grants/opportunities/search}: search, filters,
 * sorting, pagination) and the list's {@code page}/{@code pageSize}: a JSON object either gives an answer valid
 * against the published CommonGrants schemas ({@code Filtered.yaml}, {@code ../shared/schemas/commongrants}) or a
 * {@link CommonGrantsOpportunities.BadRequest} whose every error names the field it is about; never another exception
 * (a 500). Three funding cycles stand in for the catalog. Seeds under
 * {@code CommonGrantsSearchFuzzTestsInputs/search/}: the requests of {@code CommonGrantsContractIntegrationTests}.
 */
class CommonGrantsSearchFuzzTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static java.util.Optional<PublishedSchemas> schemas;

    /**
     * The published schemas, read once, or empty in a clone without {@code ../shared/schemas} beside it: the answers
     * are then checked for everything but their shape (Jazzer would take a JUnit assumption for a finding).
     */
    private static synchronized java.util.Optional<PublishedSchemas> schemas() {
        if (schemas == null) {
            schemas = java.nio.file.Files.isDirectory(java.nio.file.Path.of("..", "shared", "schemas", "commongrants"))
                    ? java.util.Optional.of(PublishedSchemas.of("commongrants"))
                    : java.util.Optional.empty();
        }
        return schemas;
    }

    private static final Instant NOW = Instant.parse("2026-12-05T18:00:00Z");
    private static final List<CommonGrantsOpportunities.Opportunity> OPPORTUNITIES = List.of(
            opportunity(1, "Oral Health Access", LocalDate.of(2026, 11, 1), "2026-12-31T23:59:00Z", "2500000"),
            opportunity(2, "Homeless Health Care", LocalDate.of(2027, 2, 1), "2027-03-31T23:59:00Z", "900000.50"),
            opportunity(3, "Tranquada Capacity", LocalDate.of(2025, 1, 1), "2025-03-01T23:59:00Z", "120000"));

    @FuzzTest(maxDuration = "2m")
    @SuppressWarnings("unchecked")
    void search(byte[] input) {
        Map<String, Object> request;
        try {
            Object parsed = JSON.readValue(new String(input, StandardCharsets.UTF_8), Object.class);
            if (!(parsed instanceof Map<?, ?> map)) {
                return; // not an object: Spring's message conversion answers 400 before our code
            }
            request = (Map<String, Object>) map;
        } catch (JacksonException notJson) {
            return;
        }
        Map<String, Object> body;
        try {
            body = CommonGrantsOpportunities.search(
                    request,
                    NOW,
                    "https://commonweal.example",
                    java.time.ZoneId.of("America/Los_Angeles"),
                    () -> OPPORTUNITIES);
        } catch (CommonGrantsOpportunities.BadRequest bad) {
            assertThat(bad.errors())
                    .isNotEmpty()
                    .allSatisfy(e -> assertThat(request.keySet().stream()
                                    .anyMatch(k -> e.startsWith(k + ": ") || e.startsWith(k + ".")))
                            .as("names the field it is about: " + e)
                            .isTrue());
            return;
        }
        String json = JSON.writeValueAsString(body);
        schemas()
                .ifPresent(published -> assertThat(published.errors("Filtered.yaml", json))
                        .as(json)
                        .isEmpty());
        assertThat((List<?>) body.get("items")).hasSizeLessThanOrEqualTo(OPPORTUNITIES.size());
    }

    @FuzzTest(maxDuration = "1m")
    void listPage(byte[] input) {
        String text = new String(input, StandardCharsets.UTF_8);
        int bar = text.indexOf('|');
        String page = bar < 0 ? text : text.substring(0, bar);
        String pageSize = bar < 0 ? null : text.substring(bar + 1);
        CommonGrantsOpportunities.Pagination pagination;
        try {
            pagination = CommonGrantsOpportunities.Pagination.ofQuery(page, pageSize);
        } catch (CommonGrantsOpportunities.BadRequest bad) {
            assertThat(bad.errors()).isNotEmpty().allSatisfy(e -> assertThat(e).startsWith("page"));
            return;
        }
        assertThat(pagination.page()).isPositive();
        assertThat(pagination.pageSize()).isPositive();
        assertThat(pagination.of(OPPORTUNITIES)).hasSizeLessThanOrEqualTo(pagination.pageSize());
        String info = JSON.writeValueAsString(Map.of("paginationInfo", pagination.info(OPPORTUNITIES.size())));
        String shown = JSON.writeValueAsString(pagination.info(OPPORTUNITIES.size()));
        schemas()
                .ifPresent(published -> assertThat(published.errors("PaginatedResultsInfo.yaml", shown))
                        .as(info)
                        .isEmpty());
    }

    private static CommonGrantsOpportunities.Opportunity opportunity(
            long id, String program, LocalDate opens, String closes, String envelope) {
        var cycle = new GrantsCatalog.Cycle(
                id,
                id,
                program,
                "C" + id,
                program + " " + opens.getYear(),
                program + " (es) " + opens.getYear(),
                "Grants for " + program,
                "Subvenciones",
                opens,
                Instant.parse(closes),
                new BigDecimal(envelope),
                new BigDecimal("10000"),
                new BigDecimal("250000.00"),
                5,
                "Community clinics in Los Angeles County",
                List.of("Need", "Plan"),
                id == 2,
                id == 2 ? Instant.parse("2027-02-15T23:59:00Z") : null,
                java.time.ZoneId.of("America/Los_Angeles"));
        return new CommonGrantsOpportunities.Opportunity(
                cycle,
                UUID.nameUUIDFromBytes(program.getBytes()),
                Instant.parse("2024-01-01T00:00:00Z"),
                Instant.parse("2026-0" + id + "-01T00:00:00Z"));
    }
}
