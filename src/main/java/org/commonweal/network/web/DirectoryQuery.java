package org.commonweal.network.web;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;

/**
 * What a visitor asks Find a Doctor. Every field is optional; {@code kind} chooses doctors (the default) or a kind of
 * facility. The whole query travels in the URL ({@link #queryString(int)}), so a result page, a provider page's "Back
 * to search" and the browser's Back all return to the same search.
 *
 * @param near a ZIP code, a city or neighbourhood of the service area, or an address with a ZIP
 * @param miles 1 to 50
 * @param productLine {@code medi-cal}, {@code medicare}, {@code covered-ca} or {@code pasc-sein}
 * @param hospital an Organization id: doctors whose medical group has privileges there
 * @param sort {@code distance} (nearest first, the default near a place), {@code name}, or {@code accepting}
 *        (accepting new patients first, then nearest or by name)
 */
record DirectoryQuery(
        String kind,
        String name,
        String specialty,
        String near,
        Integer miles,
        String language,
        String gender,
        boolean accepting,
        String productLine,
        String hospital,
        boolean accessible,
        boolean telehealth,
        int page,
        String sort) {

    static final Set<String> KINDS = Set.of("doctor", "pharmacy", "hospital", "urgent-care");
    static final Set<String> SORTS = Set.of("distance", "name", "accepting");
    static final int PAGE_SIZE = 20;

    DirectoryQuery {
        kind = kind == null || !KINDS.contains(kind) ? "doctor" : kind;
        name = blankToNull(name);
        specialty = blankToNull(specialty);
        near = blankToNull(near);
        miles = miles == null ? 10 : Math.max(1, Math.min(50, miles));
        language = blankToNull(language);
        gender = gender != null && Set.of("female", "male").contains(gender) ? gender : null;
        productLine = blankToNull(productLine);
        hospital = blankToNull(hospital);
        page = Math.max(0, page);
        sort = sort != null && SORTS.contains(sort) && !(sort.equals("accepting") && !kind.equals("doctor"))
                ? sort
                : null;
    }

    /** The query as the search form's parameters name it; anything unreadable counts as not given. */
    static DirectoryQuery from(Map<String, String> params) {
        return new DirectoryQuery(
                params.get("kind"),
                params.get("name"),
                params.get("specialty"),
                params.get("near"),
                number(params.get("miles")),
                params.get("language"),
                params.get("gender"),
                Boolean.parseBoolean(params.get("accepting")),
                params.get("network"),
                params.get("hospital"),
                Boolean.parseBoolean(params.get("accessible")),
                Boolean.parseBoolean(params.get("telehealth")),
                number(params.get("page")) == null ? 0 : number(params.get("page")),
                params.get("sort"));
    }

    /** The search's parameters for page {@code page} (0-based), URL-encoded, without the {@code ?}. */
    String queryString(int page) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("kind", kind);
        params.put("name", name);
        params.put("specialty", doctors() ? specialty : null);
        params.put("near", near);
        params.put("miles", miles);
        params.put("language", doctors() ? language : null);
        params.put("gender", doctors() ? gender : null);
        params.put("accepting", doctors() && accepting ? true : null);
        params.put("network", productLine);
        params.put("hospital", doctors() ? hospital : null);
        params.put("accessible", accessible ? true : null);
        params.put("telehealth", doctors() && telehealth ? true : null);
        params.put("sort", sort);
        params.put("page", page > 0 ? page : null);
        StringJoiner out = new StringJoiner("&");
        params.forEach((k, v) -> {
            if (v != null) {
                out.add(k + "=" + URLEncoder.encode(v.toString(), StandardCharsets.UTF_8));
            }
        });
        return out.toString();
    }

    /** This search's own page, for "Back to search". */
    String queryString() {
        return queryString(page);
    }

    /** The sort in effect: nearest first near a place, by name otherwise, unless the visitor chose. */
    String sortOrDefault(boolean nearAPlace) {
        return sort != null && !(sort.equals("distance") && !nearAPlace) ? sort : nearAPlace ? "distance" : "name";
    }

    boolean doctors() {
        return kind.equals("doctor");
    }

    /** The five-digit ZIP in {@code near}, if any. */
    String zip() {
        if (near == null) {
            return null;
        }
        var m = java.util.regex.Pattern.compile("\\b(\\d{5})(?:-\\d{4})?\\b").matcher(near);
        String zip = null;
        while (m.find()) {
            zip = m.group(1);
        }
        return zip;
    }

    boolean anyCriteria() {
        return name != null
                || specialty != null
                || near != null
                || language != null
                || gender != null
                || accepting
                || productLine != null
                || hospital != null
                || accessible
                || telehealth
                || !doctors();
    }

    private static Integer number(String s) {
        try {
            return s == null || s.isBlank() ? null : Integer.valueOf(s.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank()
                ? null
                : s.strip().toLowerCase(Locale.ROOT).equals("any") ? null : s.strip();
    }
}
