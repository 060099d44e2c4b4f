package org.commonweal.centers.hsds;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.commonweal.centers.Center;
import org.commonweal.geography.GeoPoint;
import org.commonweal.geography.Geography;
import org.commonweal.geography.ZipArea;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * The Open Referral HSDS 3.0 API of the centers, public and read-only: {@code /hsds/services},
 * {@code /hsds/services/{id}}, {@code /hsds/organizations}, {@code /hsds/locations}, {@code /hsds/service_at_locations}
 * (with {@code postcode} and {@code proximity} in metres, {@code modified_after}), {@code /hsds/taxonomies} and
 * {@code /hsds/taxonomy_terms} (the centers' program categories), paginated with the spec's Page fields.
 */
@RestController
@RequestMapping(path = "/hsds", produces = "application/json")
class HsdsController {

    private static final int MAX_PER_PAGE = 200;

    private final HsdsCatalog catalog;
    private final Geography geography;

    HsdsController(HsdsCatalog catalog, Geography geography) {
        this.catalog = catalog;
        this.geography = geography;
    }

    @GetMapping
    Map<String, Object> about() {
        var o = new LinkedHashMap<String, Object>();
        o.put("version", "3.0");
        o.put("profile", "https://docs.openreferral.org/en/3.0/hsds/");
        o.put("openapi_url", baseUrl() + HsdsOpenApi.PATH);
        o.put("description", "Community Resource Centers: services, locations and class schedules.");
        o.put("publisher", Map.of("name", "Commonweal"));
        return o;
    }

    @GetMapping("/services")
    Map<String, Object> services(
            @RequestParam(required = false) String search,
            @RequestParam(name = "taxonomy_term_id", required = false) String taxonomyTermId,
            @RequestParam(name = "taxonomy_id", required = false) String taxonomyId,
            @RequestParam(name = "organization_id", required = false) String organizationId,
            @RequestParam(name = "modified_after", required = false) String modifiedAfter,
            @RequestParam(required = false) Boolean full,
            @RequestParam(required = false) Integer page,
            @RequestParam(name = "per_page", required = false) Integer perPage) {
        Instant after = modifiedAfter(modifiedAfter);
        var s = snapshot();
        var items = s.programs().stream()
                .filter(p -> matches(search, p.name() + " " + p.description() + " " + p.category()))
                .filter(p -> taxonomyTermId == null
                        || HsdsCatalog.id("taxonomy_term", p.category()).equals(taxonomyTermId))
                .filter(p -> taxonomyId == null || catalog.taxonomyId().equals(taxonomyId))
                .filter(p -> organizationId == null || catalog.organizationId().equals(organizationId))
                .filter(p -> after == null || !s.modified(p).isBefore(after))
                .map(p -> catalog.service(s, p, Boolean.TRUE.equals(full)))
                .toList();
        return page(items, page, perPage);
    }

    @GetMapping("/services/{id}")
    Map<String, Object> service(@PathVariable String id) {
        var s = snapshot();
        var p = catalog.program(s, id);
        if (p == null) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no service " + id);
        }
        return catalog.service(s, p, true);
    }

    @GetMapping("/organizations")
    Map<String, Object> organizations(
            @RequestParam(required = false) String search,
            @RequestParam(name = "full_service", required = false) Boolean fullService,
            @RequestParam(required = false) Boolean full,
            @RequestParam(required = false) Integer page,
            @RequestParam(name = "per_page", required = false) Integer perPage) {
        var s = snapshot();
        var org = catalog.organization(s, Boolean.TRUE.equals(full));
        List<Map<String, Object>> items =
                matches(search, (String) org.get("name") + " " + org.get("description")) ? List.of(org) : List.of();
        return page(items, page, perPage);
    }

    @GetMapping("/organizations/{id}")
    Map<String, Object> organization(@PathVariable String id) {
        if (!catalog.organizationId().equals(id)) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no organization " + id);
        }
        var s = snapshot();
        var org = catalog.organization(s, true);
        org.put(
                "services",
                s.programs().stream().map(p -> catalog.service(s, p, false)).toList());
        return org;
    }

    @GetMapping("/locations")
    Map<String, Object> locations(
            @RequestParam(required = false) String search,
            @RequestParam(required = false) Boolean full,
            @RequestParam(required = false) Integer page,
            @RequestParam(name = "per_page", required = false) Integer perPage) {
        var s = snapshot();
        var items = s.centers().stream()
                .filter(c -> matches(search, c.name() + " " + c.city() + " " + c.zip()))
                .map(c -> catalog.location(s, c, Boolean.TRUE.equals(full)))
                .toList();
        return page(items, page, perPage);
    }

    @GetMapping("/locations/{id}")
    Map<String, Object> location(@PathVariable String id) {
        var s = snapshot();
        return s.centers().stream()
                .filter(c -> HsdsCatalog.locationId(c).equals(id))
                .findFirst()
                .map(c -> catalog.location(s, c, true))
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no location " + id));
    }

    @GetMapping("/service_at_locations")
    Object serviceAtLocations(
            @RequestParam(required = false) String search,
            @RequestParam(name = "taxonomy_term_id", required = false) String taxonomyTermId,
            @RequestParam(name = "taxonomy_id", required = false) String taxonomyId,
            @RequestParam(name = "organization_id", required = false) String organizationId,
            @RequestParam(name = "modified_after", required = false) String modifiedAfter,
            @RequestParam(required = false) String postcode,
            @RequestParam(required = false) String proximity,
            @RequestParam(required = false) Boolean full,
            @RequestParam(required = false) Integer page,
            @RequestParam(name = "per_page", required = false) Integer perPage) {
        Instant after = modifiedAfter(modifiedAfter);
        var s = snapshot();
        List<Center> centers = new ArrayList<>(s.centers());
        if (postcode != null && !postcode.isBlank()) {
            ZipArea zip = geography.zip(postcode.strip()).orElse(null);
            if (proximity != null && !proximity.isBlank()) {
                double metres = metres(proximity);
                if (zip == null) {
                    return ResponseEntity.badRequest()
                            .body(
                                    Map.of(
                                            "error",
                                            "postcode '" + postcode
                                                    + "' is not a ZIP code of the service area, so no centroid to measure from"));
                }
                GeoPoint from = zip.centroid();
                centers = centers.stream()
                        .filter(c -> from.milesTo(new GeoPoint(c.latitude(), c.longitude())) * GeoPoint.METRES_PER_MILE
                                <= metres)
                        .sorted(Comparator.comparingDouble(
                                c -> from.milesTo(new GeoPoint(c.latitude(), c.longitude()))))
                        .toList();
            } else if (zip == null) {
                centers = List.of(); // outside every service area (the county)
            }
        }
        List<Map<String, Object>> items = new ArrayList<>();
        for (Center c : centers) {
            for (var p : s.programs()) {
                if (!s.offers(c, p)
                        || !matches(search, p.name() + " " + p.description() + " " + c.name() + " " + c.city())
                        || (taxonomyTermId != null
                                && !HsdsCatalog.id("taxonomy_term", p.category())
                                        .equals(taxonomyTermId))
                        || (taxonomyId != null && !catalog.taxonomyId().equals(taxonomyId))
                        || (organizationId != null && !catalog.organizationId().equals(organizationId))
                        || (after != null && s.modified(p, c).isBefore(after))) {
                    continue;
                }
                items.add(catalog.serviceAtLocation(s, p, c, Boolean.TRUE.equals(full), true));
            }
        }
        return page(items, page, perPage);
    }

    @GetMapping("/service_at_locations/{id}")
    Map<String, Object> serviceAtLocation(@PathVariable String id) {
        var s = snapshot();
        for (Center c : s.centers()) {
            for (var p : s.programs()) {
                if (s.offers(c, p) && HsdsCatalog.salId(p, c).equals(id)) {
                    return catalog.serviceAtLocation(s, p, c, true, true);
                }
            }
        }
        throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no service_at_location " + id);
    }

    @GetMapping("/taxonomies")
    Map<String, Object> taxonomies(
            @RequestParam(required = false) String search,
            @RequestParam(required = false) Integer page,
            @RequestParam(name = "per_page", required = false) Integer perPage) {
        var s = snapshot();
        var taxonomy = catalog.taxonomy(s);
        List<Map<String, Object>> items = matches(search, taxonomy.get("name") + " " + taxonomy.get("description"))
                ? List.of(taxonomy)
                : List.of();
        return page(items, page, perPage);
    }

    @GetMapping("/taxonomies/{id}")
    Map<String, Object> taxonomy(@PathVariable String id) {
        if (!catalog.taxonomyId().equals(id)) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no taxonomy " + id);
        }
        return catalog.taxonomy(snapshot());
    }

    @GetMapping("/taxonomy_terms")
    Map<String, Object> taxonomyTerms(
            @RequestParam(required = false) String search,
            @RequestParam(name = "taxonomy_id", required = false) String taxonomyId,
            @RequestParam(name = "top_only", required = false) Boolean topOnly,
            @RequestParam(name = "parent_id", required = false) String parentId,
            @RequestParam(required = false) Integer page,
            @RequestParam(name = "per_page", required = false) Integer perPage) {
        var s = snapshot();
        // a flat taxonomy: every term is a top term, none has a parent
        var items = HsdsCatalog.CATEGORIES.stream()
                .map(c -> catalog.taxonomyTerm(s, c))
                .filter(t -> taxonomyId == null || catalog.taxonomyId().equals(taxonomyId))
                .filter(t -> parentId == null)
                .filter(t -> matches(search, t.get("code") + " " + t.get("name") + " " + t.get("description")))
                .toList();
        return page(items, page, perPage);
    }

    @GetMapping("/taxonomy_terms/{id}")
    Map<String, Object> taxonomyTerm(@PathVariable String id) {
        var s = snapshot();
        return HsdsCatalog.CATEGORIES.stream()
                .filter(c -> HsdsCatalog.id("taxonomy_term", c).equals(id))
                .findFirst()
                .map(c -> {
                    var term = catalog.taxonomyTerm(s, c);
                    term.put("taxonomy_detail", catalog.taxonomy(s));
                    return term;
                })
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no taxonomy term " + id));
    }

    private HsdsCatalog.Snapshot snapshot() {
        return catalog.snapshot(Instant.now(), baseUrl());
    }

    private static String baseUrl() {
        return ServletUriComponentsBuilder.fromCurrentContextPath().build().toUriString();
    }

    /** {@code modified_after}: a date-time with offset (or Z), or a date (from its start, UTC as HSDS assumes). */
    static Instant modifiedAfter(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value.strip()).toInstant();
        } catch (DateTimeParseException notADateTime) {
            try {
                return LocalDate.parse(value.strip())
                        .atStartOfDay(ZoneOffset.UTC)
                        .toInstant();
            } catch (DateTimeParseException notADate) {
                throw new ResponseStatusException(
                        HttpStatus.BAD_REQUEST,
                        "modified_after must be a date-time with its offset"
                                + " (2026-12-05T09:30:00-08:00 or …Z) or a date (2026-12-05), not '" + value + "'");
            }
        }
    }

    static double metres(String proximity) {
        try {
            double m = Double.parseDouble(proximity.strip());
            if (!(m >= 0)) { // negative or NaN (Java reads "NaN"); Infinity is everywhere
                throw new NumberFormatException();
            }
            return m;
        } catch (NumberFormatException e) {
            throw new ResponseStatusException(
                    HttpStatus.BAD_REQUEST, "proximity must be a distance in metres, not '" + proximity + "'");
        }
    }

    private static boolean matches(String search, String text) {
        if (search == null || search.isBlank()) {
            return true;
        }
        String haystack = text.toLowerCase(Locale.ROOT);
        for (String word : search.toLowerCase(Locale.ROOT).split("\\s+")) {
            if (!haystack.contains(word)) {
                return false;
            }
        }
        return true;
    }

    /** The HSDS Page: total_items, total_pages, page_number (from 1), size, first_page, last_page, empty, contents. */
    static Map<String, Object> page(List<Map<String, Object>> all, Integer page, Integer perPage) {
        int size = perPage == null ? 50 : perPage;
        if (size < 1 || size > MAX_PER_PAGE) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "per_page must be between 1 and " + MAX_PER_PAGE);
        }
        int number = page == null ? 1 : page;
        if (number < 1) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "page starts at 1");
        }
        int totalPages = Math.max(1, (all.size() + size - 1) / size);
        int from = (int) Math.min(all.size(), (number - 1L) * size); // a page far past the end: empty, not an overflow
        var contents = all.subList(from, Math.min(all.size(), from + size));
        var o = new LinkedHashMap<String, Object>();
        o.put("total_items", all.size());
        o.put("total_pages", totalPages);
        o.put("page_number", number);
        o.put("size", contents.size());
        o.put("first_page", number == 1);
        o.put("last_page", number >= totalPages);
        o.put("empty", contents.isEmpty());
        o.put("contents", contents);
        return o;
    }
}
