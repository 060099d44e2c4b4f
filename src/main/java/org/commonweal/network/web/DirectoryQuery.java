package org.commonweal.network.web;

import java.util.Locale;
import java.util.Set;

/**
 * What a visitor asks Find a Doctor. Every field is optional; {@code kind} chooses doctors (the default) or a kind of
 * facility.
 *
 * @param near a ZIP code (or an address with a ZIP)
 * @param miles 1 to 50
 * @param productLine {@code medi-cal}, {@code medicare}, {@code covered-ca} or {@code pasc-sein}
 * @param hospital an Organization id: doctors whose medical group has privileges there
 */
record DirectoryQuery(String kind, String name, String specialty, String near, Integer miles, String language,
        String gender, boolean accepting, String productLine, String hospital, boolean accessible, boolean telehealth,
        int page) {

    static final Set<String> KINDS = Set.of("doctor", "pharmacy", "hospital", "urgent-care");
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
        return name != null || specialty != null || near != null || language != null || gender != null || accepting
                || productLine != null || hospital != null || accessible || telehealth || !doctors();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip().toLowerCase(Locale.ROOT).equals("any") ? null : s.strip();
    }
}
