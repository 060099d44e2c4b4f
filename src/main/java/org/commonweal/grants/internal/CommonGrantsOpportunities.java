package org.commonweal.grants.internal;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Predicate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Funding cycles as CommonGrants OpportunityBase records, with the protocol's search: filters
 * (OppDefaultFilters: status, closeDateRange, totalFundingAvailableRange, minAwardAmountRange, maxAwardAmountRange),
 * sorting (OppSortBy) and pagination (PaginatedBodyParams: page from 1, pageSize from 1, default 100). A request the
 * protocol does not allow is refused with every reason; filters it allows but Commonweal cannot apply
 * ({@code customFilters}, an unknown {@code customSortBy}) are reported as the protocol's non-fatal errors.
 */
@Component
class CommonGrantsOpportunities {

    static final int DEFAULT_PAGE_SIZE = 100;
    private static final DateTimeFormatter TIME_WITH_OFFSET = DateTimeFormatter.ofPattern("HH:mm:ssXXX");
    private static final Set<String> SEARCH_KEYS = Set.of("search", "filters", "sorting", "pagination");
    private static final Set<String> FILTER_KEYS = Set.of(
            "status",
            "closeDateRange",
            "totalFundingAvailableRange",
            "minAwardAmountRange",
            "maxAwardAmountRange",
            "customFilters");
    private static final Map<String, Function<Opportunity, Comparable<?>>> SORT_KEYS = sortKeys();
    private static final Map<String, Function<Opportunity, Comparable<?>>> CUSTOM_SORT_KEYS = Map.of(
            "program", o -> o.cycle().programName(), "cycleCode", o -> o.cycle().code());

    /** A request the protocol does not allow, with every reason (field and what is wrong). */
    static final class BadRequest extends RuntimeException {
        private final List<String> errors;

        BadRequest(List<String> errors) {
            super(String.join("; ", errors));
            this.errors = List.copyOf(errors);
        }

        List<String> errors() {
            return errors;
        }
    }

    record Pagination(int page, int pageSize) {

        static Pagination ofQuery(String page, String pageSize) {
            List<String> errors = new ArrayList<>();
            int p = positive("page", page == null ? 1 : page, errors);
            int s = positive("pageSize", pageSize == null ? DEFAULT_PAGE_SIZE : pageSize, errors);
            if (!errors.isEmpty()) {
                throw new BadRequest(errors);
            }
            return new Pagination(p, s);
        }

        <T> List<T> of(List<T> all) {
            long from = (long) (page - 1) * pageSize;
            return from >= all.size()
                    ? List.of()
                    : all.subList((int) from, (int) Math.min(all.size(), from + pageSize));
        }

        Map<String, Object> info(int totalItems) {
            return Map.of("page", page, "pageSize", pageSize, "totalItems", totalItems, "totalPages", (int)
                    ((totalItems + (long) pageSize - 1) / pageSize));
        }
    }

    record Opportunity(GrantsCatalog.Cycle cycle, UUID id, Instant createdAt, Instant lastModifiedAt) {}

    private final GrantsCatalog catalog;
    private final JdbcClient jdbc;

    private final java.time.ZoneId zone;

    CommonGrantsOpportunities(GrantsCatalog catalog, JdbcClient jdbc) {
        this.catalog = catalog;
        this.jdbc = jdbc;
        this.zone = catalog.zone();
    }

    Map<String, Object> list(Pagination pagination, Instant now, String baseUrl) {
        List<Opportunity> all = all();
        all.sort(order("lastModifiedAt", "desc", null));
        Map<String, Object> body = success();
        body.put(
                "items",
                pagination.of(all).stream().map(o -> json(o, now, baseUrl)).toList());
        body.put("paginationInfo", pagination.info(all.size()));
        return body;
    }

    Optional<Map<String, Object>> one(UUID id, Instant now, String baseUrl) {
        return all().stream().filter(o -> o.id().equals(id)).findFirst().map(o -> json(o, now, baseUrl));
    }

    Map<String, Object> search(Map<String, Object> request, Instant now, String baseUrl) {
        return search(request, now, baseUrl, zone, this::all);
    }

    /**
     * The search over the opportunities {@code all} gives (read only once the request is valid): a request that does
     * not follow the protocol is a {@link BadRequest} naming each wrong field.
     */
    static Map<String, Object> search(
            Map<String, Object> request,
            Instant now,
            String baseUrl,
            java.time.ZoneId zone,
            java.util.function.Supplier<List<Opportunity>> all) {
        List<String> errors = new ArrayList<>();
        request.keySet().stream()
                .filter(k -> !SEARCH_KEYS.contains(k))
                .forEach(k -> errors.add(k + ": not a search field (allowed: search, filters, sorting, pagination)"));
        Predicate<Opportunity> matches = text(request.get("search"), errors);
        List<String> filterErrors = new ArrayList<>();
        Map<String, Object> filters = object("filters", request.get("filters"), errors);
        matches = matches.and(filters(filters, now, zone, errors, filterErrors));
        Map<String, Object> sorting = object("sorting", request.get("sorting"), errors);
        List<String> sortErrors = new ArrayList<>();
        String sortBy = sorting.containsKey("sortBy") ? String.valueOf(sorting.get("sortBy")) : "lastModifiedAt";
        String sortOrder = sorting.containsKey("sortOrder") ? String.valueOf(sorting.get("sortOrder")) : "desc";
        String customSortBy = sorting.get("customSortBy") == null ? null : String.valueOf(sorting.get("customSortBy"));
        sorting.keySet().stream()
                .filter(k -> !Set.of("sortBy", "sortOrder", "customSortBy").contains(k))
                .forEach(k -> errors.add("sorting." + k + ": not a sorting field"));
        if (!SORT_KEYS.containsKey(sortBy) && !"custom".equals(sortBy)) {
            errors.add("sorting.sortBy: '" + sortBy + "' is not one of "
                    + String.join(", ", new java.util.TreeSet<>(SORT_KEYS.keySet())) + ", custom");
        }
        if (!Set.of("asc", "desc").contains(sortOrder)) {
            errors.add("sorting.sortOrder: '" + sortOrder + "' is not asc or desc");
        }
        // customSortBy null: Map.of's containsKey(null) throws, so ask only with a name
        if ("custom".equals(sortBy) && (customSortBy == null || !CUSTOM_SORT_KEYS.containsKey(customSortBy))) {
            sortErrors.add("customSortBy '" + customSortBy + "' is not supported (supported: "
                    + String.join(", ", new java.util.TreeSet<>(CUSTOM_SORT_KEYS.keySet()))
                    + "); sorted by lastModifiedAt");
        }
        Map<String, Object> paging = object("pagination", request.get("pagination"), errors);
        paging.keySet().stream()
                .filter(k -> !Set.of("page", "pageSize").contains(k))
                .forEach(k -> errors.add("pagination." + k + ": not a pagination field"));
        int page = positive("pagination.page", paging.getOrDefault("page", 1), errors);
        int pageSize = positive("pagination.pageSize", paging.getOrDefault("pageSize", DEFAULT_PAGE_SIZE), errors);
        if (!errors.isEmpty()) {
            throw new BadRequest(errors);
        }
        Pagination pagination = new Pagination(page, pageSize);
        List<Opportunity> found =
                new ArrayList<>(all.get().stream().filter(matches).toList());
        boolean customApplied = "custom".equals(sortBy) && sortErrors.isEmpty();
        found.sort(order(
                sortErrors.isEmpty() ? sortBy : "lastModifiedAt", sortOrder, customApplied ? customSortBy : null));

        Map<String, Object> body = success();
        body.put(
                "items",
                pagination.of(found).stream().map(o -> json(o, now, baseUrl)).toList());
        body.put("paginationInfo", pagination.info(found.size()));
        Map<String, Object> sortInfo = new LinkedHashMap<>();
        sortInfo.put("sortBy", sortErrors.isEmpty() ? sortBy : "lastModifiedAt");
        if (customApplied) {
            sortInfo.put("customSortBy", customSortBy);
        }
        sortInfo.put("sortOrder", sortOrder);
        if (!sortErrors.isEmpty()) {
            sortInfo.put("errors", sortErrors);
        }
        body.put("sortInfo", sortInfo);
        Map<String, Object> filterInfo = new LinkedHashMap<>();
        filterInfo.put("filters", filters);
        if (!filterErrors.isEmpty()) {
            filterInfo.put("errors", filterErrors);
        }
        body.put("filterInfo", filterInfo);
        return body;
    }

    private List<Opportunity> all() {
        Map<Long, Object[]> keys = new java.util.HashMap<>();
        jdbc.sql("select id, public_id, created_at, last_modified_at from grants.funding_cycle")
                .query(rs -> {
                    keys.put(rs.getLong("id"), new Object[] {
                        rs.getObject("public_id", UUID.class),
                        rs.getTimestamp("created_at").toInstant(),
                        rs.getTimestamp("last_modified_at").toInstant()
                    });
                });
        List<Opportunity> all = new ArrayList<>();
        for (GrantsCatalog.Cycle c : catalog.cycles()) {
            Object[] k = keys.get(c.id());
            if (k != null) {
                all.add(new Opportunity(c, (UUID) k[0], (Instant) k[1], (Instant) k[2]));
            }
        }
        return all;
    }

    private static Map<String, Object> success() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", 200);
        body.put("message", "Success");
        return body;
    }

    /** One opportunity as OpportunityBase; times are the plan's wall time with its UTC offset. */
    static Map<String, Object> json(Opportunity opportunity, Instant now, String baseUrl) {
        GrantsCatalog.Cycle c = opportunity.cycle();
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("id", opportunity.id().toString());
        o.put("title", c.title());
        String status = c.status(now);
        o.put("status", Map.of("value", status));
        o.put("description", c.summary() + " Eligibility: " + c.eligibility());
        Map<String, Object> funding = new LinkedHashMap<>();
        funding.put("totalAmountAvailable", money(c.envelope()));
        funding.put("minAwardAmount", money(c.awardFloor()));
        funding.put("maxAwardAmount", money(c.awardCeiling()));
        funding.put("estimatedAwardCount", c.expectedAwards());
        o.put("funding", funding);
        Map<String, Object> dates = new LinkedHashMap<>();
        dates.put(
                "postDate",
                event(
                        "Applications open",
                        c.opensOn().atStartOfDay(c.zone()),
                        "Applications are accepted from this date (" + c.zone().getId() + " time)"));
        dates.put(
                "closeDate",
                event(
                        "Application deadline",
                        c.closesAt().atZone(c.zone()),
                        "Applications must be submitted before this date and time"));
        if (c.loiRequired() && c.loiClosesAt() != null) {
            dates.put(
                    "otherDates",
                    Map.of(
                            "letterOfIntentDeadline",
                            event(
                                    "Letter of intent deadline",
                                    c.loiClosesAt().atZone(c.zone()),
                                    "A letter of intent is required before this date and time")));
        }
        o.put("keyDates", dates);
        if (!"closed".equals(status)) {
            o.put("source", baseUrl + "/grants/opportunities#" + c.code());
        }
        Map<String, Object> custom = new LinkedHashMap<>();
        custom.put("program", field("program", "string", c.programName(), "Grant program of this funding cycle"));
        custom.put("cycleCode", field("cycleCode", "string", c.code(), "Commonweal's code of the funding cycle"));
        custom.put("titleEs", field("titleEs", "string", c.titleEs(), "Title in Spanish"));
        custom.put("descriptionEs", field("descriptionEs", "string", c.summaryEs(), "Description in Spanish"));
        custom.put("eligibility", field("eligibility", "string", c.eligibility(), "Who may apply"));
        custom.put(
                "applicationQuestions",
                field("applicationQuestions", "array", c.questions(), "Questions the application answers"));
        custom.put(
                "letterOfIntentRequired",
                field(
                        "letterOfIntentRequired",
                        "boolean",
                        c.loiRequired(),
                        "Whether a letter of intent must come before the application"));
        o.put("customFields", custom);
        o.put("createdAt", opportunity.createdAt().toString());
        o.put("lastModifiedAt", opportunity.lastModifiedAt().toString());
        return o;
    }

    private static Map<String, Object> event(String name, ZonedDateTime at, String description) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("name", name);
        e.put("eventType", "singleDate");
        e.put("date", at.toLocalDate().toString());
        e.put("time", at.toOffsetDateTime().toOffsetTime().format(TIME_WITH_OFFSET));
        e.put("description", description);
        return e;
    }

    private static Map<String, Object> field(String name, String type, Object value, String description) {
        return Map.of("name", name, "fieldType", type, "value", value, "description", description);
    }

    private static Map<String, String> money(BigDecimal amount) {
        return Map.of("amount", amount.setScale(2).toPlainString(), "currency", "USD");
    }

    private static Map<String, Function<Opportunity, Comparable<?>>> sortKeys() {
        Map<String, Function<Opportunity, Comparable<?>>> keys = new LinkedHashMap<>();
        keys.put("lastModifiedAt", Opportunity::lastModifiedAt);
        keys.put("createdAt", Opportunity::createdAt);
        keys.put("title", o -> o.cycle().title().toLowerCase(Locale.ROOT));
        keys.put("status.value", o -> o.cycle().status(Instant.now()));
        keys.put("keyDates.closeDate", o -> o.cycle().closesAt());
        keys.put("funding.maxAwardAmount", o -> o.cycle().awardCeiling());
        keys.put("funding.minAwardAmount", o -> o.cycle().awardFloor());
        keys.put("funding.totalAmountAvailable", o -> o.cycle().envelope());
        keys.put("funding.estimatedAwardCount", o -> o.cycle().expectedAwards());
        return keys;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Comparator<Opportunity> order(String sortBy, String sortOrder, String customSortBy) {
        Function<Opportunity, Comparable<?>> key =
                customSortBy != null ? CUSTOM_SORT_KEYS.get(customSortBy) : SORT_KEYS.get(sortBy);
        Comparator<Opportunity> by = Comparator.comparing(o -> (Comparable) key.apply(o));
        if ("desc".equals(sortOrder)) {
            by = by.reversed();
        }
        // a stable order for pages: latest deadline, then the internal id
        return by.thenComparing(o -> o.cycle().closesAt(), Comparator.reverseOrder())
                .thenComparingLong(o -> o.cycle().id());
    }

    private static Predicate<Opportunity> text(Object search, List<String> errors) {
        if (search == null) {
            return o -> true;
        }
        if (!(search instanceof String s)) {
            errors.add("search: must be a string");
            return o -> true;
        }
        String needle = s.toLowerCase(Locale.ROOT).strip();
        return o -> {
            GrantsCatalog.Cycle c = o.cycle();
            return String.join(
                            "\n", c.title(), c.titleEs(), c.summary(), c.summaryEs(), c.eligibility(), c.programName())
                    .toLowerCase(Locale.ROOT)
                    .contains(needle);
        };
    }

    private static Predicate<Opportunity> filters(
            Map<String, Object> filters,
            Instant now,
            java.time.ZoneId zone,
            List<String> errors,
            List<String> nonFatal) {
        Predicate<Opportunity> all = o -> true;
        for (var entry : filters.entrySet()) {
            String name = entry.getKey();
            String at = "filters." + name;
            if (!FILTER_KEYS.contains(name)) {
                errors.add(at + ": not a filter (allowed: " + String.join(", ", new java.util.TreeSet<>(FILTER_KEYS))
                        + ")");
                continue;
            }
            if (name.equals("customFilters")) {
                object(at, entry.getValue(), errors)
                        .keySet()
                        .forEach(k -> nonFatal.add("customFilters." + k + " is not supported and was not applied"));
                continue;
            }
            Map<String, Object> filter = object(at, entry.getValue(), errors);
            Object operator = filter.get("operator");
            Object value = filter.get("value");
            filter.keySet().stream()
                    .filter(k -> !Set.of("operator", "value").contains(k))
                    .forEach(k -> errors.add(at + "." + k + ": not a filter field (operator, value)"));
            if (name.equals("status")) {
                if (!"in".equals(operator) && !"notIn".equals(operator)) {
                    errors.add(at + ".operator: must be in or notIn");
                    continue;
                }
                if (!(value instanceof List<?> values) || values.stream().anyMatch(v -> !(v instanceof String))) {
                    errors.add(at + ".value: must be a list of statuses");
                    continue;
                }
                boolean in = "in".equals(operator);
                all = all.and(o -> values.contains(o.cycle().status(now)) == in);
                continue;
            }
            if (!"between".equals(operator) && !"outside".equals(operator)) {
                errors.add(at + ".operator: must be between or outside");
                continue;
            }
            Map<String, Object> range = object(at + ".value", value, errors);
            if (!range.containsKey("min") || !range.containsKey("max")) {
                errors.add(at + ".value: needs min and max");
                continue;
            }
            boolean between = "between".equals(operator);
            Predicate<Opportunity> inRange = name.equals("closeDateRange")
                    ? dateRange(at, range, zone, errors)
                    : moneyRange(
                            at,
                            range,
                            errors,
                            switch (name) {
                                case "totalFundingAvailableRange" ->
                                    o -> o.cycle().envelope();
                                case "minAwardAmountRange" -> o -> o.cycle().awardFloor();
                                default -> o -> o.cycle().awardCeiling();
                            });
            if (inRange != null) {
                all = all.and(o -> inRange.test(o) == between);
            }
        }
        return all;
    }

    private static Predicate<Opportunity> dateRange(
            String at, Map<String, Object> range, java.time.ZoneId zone, List<String> errors) {
        Instant min = instant(at + ".value.min", range.get("min"), false, zone, errors);
        Instant max = instant(at + ".value.max", range.get("max"), true, zone, errors);
        if (min == null || max == null) {
            return null;
        }
        return o -> !o.cycle().closesAt().isBefore(min) && o.cycle().closesAt().isBefore(max);
    }

    /** A date (the whole day on the plan's clock; {@code end}: up to the end of that day) or a date-time with offset. */
    private static Instant instant(String at, Object value, boolean end, java.time.ZoneId zone, List<String> errors) {
        if (value instanceof String s) {
            try {
                LocalDate date = LocalDate.parse(s);
                return (end ? date.plusDays(1) : date).atStartOfDay(zone).toInstant();
            } catch (java.time.DateTimeException notADate) { // unreadable, or the last day java.time can hold
                try {
                    Instant t = OffsetDateTime.parse(s).toInstant();
                    return end ? t.plusNanos(1) : t;
                } catch (java.time.DateTimeException notADateTime) {
                    // reported below
                }
            }
        }
        errors.add(at + ": '" + value + "' is not a date (YYYY-MM-DD) or a date-time with offset");
        return null;
    }

    private static Predicate<Opportunity> moneyRange(
            String at, Map<String, Object> range, List<String> errors, Function<Opportunity, BigDecimal> amount) {
        BigDecimal min = amount(at + ".value.min", range.get("min"), errors);
        BigDecimal max = amount(at + ".value.max", range.get("max"), errors);
        if (min == null || max == null) {
            return null;
        }
        boolean usd = "USD".equals(((Map<?, ?>) range.get("min")).get("currency"))
                && "USD".equals(((Map<?, ?>) range.get("max")).get("currency"));
        // amounts in another currency are excluded from the search (OppFilters); all of ours are USD
        return o ->
                usd && amount.apply(o).compareTo(min) >= 0 && amount.apply(o).compareTo(max) <= 0;
    }

    private static BigDecimal amount(String at, Object money, List<String> errors) {
        if (money instanceof Map<?, ?> m
                && m.get("amount") instanceof String a
                && m.get("currency") instanceof String
                && a.matches("^-?[0-9]+\\.?[0-9]*$")) {
            return new BigDecimal(a);
        }
        errors.add(at + ": must be Money {amount: decimal string, currency: ISO 4217 code}");
        return null;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(String at, Object value, List<String> errors) {
        if (value == null) {
            return Map.of();
        }
        if (value instanceof Map<?, ?> map) {
            return (Map<String, Object>) map;
        }
        errors.add(at + ": must be an object");
        return Map.of();
    }

    private static int positive(String at, Object value, List<String> errors) {
        try {
            long n = value instanceof Number number && !(value instanceof Double || value instanceof Float)
                    ? number.longValue()
                    : Long.parseLong(String.valueOf(value));
            if (n >= 1 && n <= Integer.MAX_VALUE) {
                return (int) n;
            }
        } catch (NumberFormatException notANumber) {
            // reported below
        }
        errors.add(at + ": '" + value + "' is not a whole number from 1 to " + Integer.MAX_VALUE);
        return 1;
    }
}
