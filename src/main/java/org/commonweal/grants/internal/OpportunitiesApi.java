package org.commonweal.grants.internal;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * Funding opportunities over the HHS CommonGrants protocol (schemas of simpler-grants-protocol commit b874691,
 * see docs/grants.md): {@code GET /api/grants/opportunities} (Paginated of OpportunityBase),
 * {@code GET /api/grants/opportunities/{id}} by the UUID the list gives (Ok of OpportunityBase) and
 * {@code POST /api/grants/opportunities/search} (Filtered of OpportunityBase: search text, OppDefaultFilters,
 * OppSorting, PaginatedBodyParams). Errors are the protocol's Error: {status, message, errors}.
 */
@RestController
class OpportunitiesApi {

    private final CommonGrantsOpportunities opportunities;

    OpportunitiesApi(CommonGrantsOpportunities opportunities) {
        this.opportunities = opportunities;
    }

    @GetMapping("/api/grants/opportunities")
    ResponseEntity<Map<String, Object>> list(
            @RequestParam(required = false) String page, @RequestParam(required = false) String pageSize) {
        try {
            var pagination = CommonGrantsOpportunities.Pagination.ofQuery(page, pageSize);
            return ResponseEntity.ok(opportunities.list(pagination, Instant.now(), baseUrl()));
        } catch (CommonGrantsOpportunities.BadRequest e) {
            return error(HttpStatus.BAD_REQUEST, e.errors());
        }
    }

    @GetMapping("/api/grants/opportunities/{id}")
    ResponseEntity<Map<String, Object>> one(@PathVariable String id) {
        Optional<Map<String, Object>> found = parse(id).flatMap(u -> opportunities.one(u, Instant.now(), baseUrl()));
        return found.map(o -> ResponseEntity.ok(Map.<String, Object>of("status", 200, "message", "Success", "data", o)))
                .orElseGet(() -> error(HttpStatus.NOT_FOUND, List.of("No opportunity with id " + id)));
    }

    @PostMapping("/api/grants/opportunities/search")
    ResponseEntity<Map<String, Object>> search(@RequestBody(required = false) Map<String, Object> body) {
        try {
            return ResponseEntity.ok(opportunities.search(body == null ? Map.of() : body, Instant.now(), baseUrl()));
        } catch (CommonGrantsOpportunities.BadRequest e) {
            return error(HttpStatus.BAD_REQUEST, e.errors());
        }
    }

    private static Optional<UUID> parse(String id) {
        try {
            return Optional.of(UUID.fromString(id));
        } catch (IllegalArgumentException notAUuid) {
            return Optional.empty();
        }
    }

    private static ResponseEntity<Map<String, Object>> error(HttpStatus status, List<String> errors) {
        return ResponseEntity.status(status)
                .body(Map.of("status", status.value(), "message", status.getReasonPhrase(), "errors", errors));
    }

    private static String baseUrl() {
        return ServletUriComponentsBuilder.fromCurrentContextPath().build().toUriString();
    }
}
