package org.commonweal.grants.internal;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * Open and upcoming funding opportunities as JSON with the field names of the HHS CommonGrants protocol
 * (OpportunityBase: id, title, status.value, description, funding.totalAmountAvailable / minAwardAmount /
 * maxAwardAmount / estimatedAwardCount, keyDates.appOpens / appDeadline), amounts as {amount, currency}.
 */
@RestController
class OpportunitiesApi {

    private final GrantsCatalog catalog;

    OpportunitiesApi(GrantsCatalog catalog) {
        this.catalog = catalog;
    }

    @GetMapping("/api/grants/opportunities")
    Map<String, Object> list() {
        Instant now = Instant.now();
        List<Map<String, Object>> items = catalog.openOrUpcoming(now).stream().map(c -> opportunity(c, now)).toList();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", 200);
        body.put("message", "Success");
        body.put("items", items);
        body.put("paginationInfo", Map.of("page", 1, "pageSize", items.size(), "totalItems", items.size(), "totalPages", 1));
        return body;
    }

    @GetMapping("/api/grants/opportunities/{id}")
    ResponseEntity<Map<String, Object>> one(@PathVariable long id) {
        return catalog.cycle(id).map(c -> ResponseEntity.ok(Map.<String, Object>of("status", 200, "message", "Success",
                "data", opportunity(c, Instant.now())))).orElse(ResponseEntity.notFound().build());
    }

    static Map<String, Object> opportunity(GrantsCatalog.Cycle c, Instant now) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("id", c.code());
        o.put("title", c.title());
        o.put("status", Map.of("value", c.status(now)));
        o.put("description", c.summary() + " Eligibility: " + c.eligibility());
        Map<String, Object> funding = new LinkedHashMap<>();
        funding.put("totalAmountAvailable", money(c.envelope()));
        funding.put("minAwardAmount", money(c.awardFloor()));
        funding.put("maxAwardAmount", money(c.awardCeiling()));
        funding.put("estimatedAwardCount", c.expectedAwards());
        o.put("funding", funding);
        Map<String, Object> dates = new LinkedHashMap<>();
        dates.put("appOpens", Map.of("name", "Open date", "date", c.opensOn().toString()));
        LocalDate deadline = c.closesAt().atZone(org.commonweal.grants.lifecycle.SubmissionWindow.LOS_ANGELES).toLocalDate();
        dates.put("appDeadline", Map.of("name", "Application deadline", "date", deadline.toString(),
                "time", c.closesAt().atZone(org.commonweal.grants.lifecycle.SubmissionWindow.LOS_ANGELES).toLocalTime().toString(),
                "timezone", "America/Los_Angeles"));
        if (c.loiRequired()) {
            var loi = c.loiClosesAt().atZone(org.commonweal.grants.lifecycle.SubmissionWindow.LOS_ANGELES);
            dates.put("otherDates", Map.of("letterOfIntentDeadline", Map.of("name", "Letter of intent deadline",
                    "date", loi.toLocalDate().toString(), "time", loi.toLocalTime().toString(), "timezone", "America/Los_Angeles")));
        }
        o.put("keyDates", dates);
        o.put("source", "/grants/opportunities#" + c.code());
        o.put("customFields", Map.of("program", Map.of("name", "program", "fieldType", "string", "value", c.programName()),
                "titleEs", Map.of("name", "titleEs", "fieldType", "string", "value", c.titleEs())));
        return o;
    }

    private static Map<String, String> money(BigDecimal amount) {
        return Map.of("amount", amount.setScale(2).toPlainString(), "currency", "USD");
    }
}
