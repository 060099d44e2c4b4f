package org.commonweal.insights.internal;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A figure shown by the insights pages: where it comes from, how its rate reads, and which places and population
 * splits the source data holds.
 *
 * @param numeratorIsCount whether the numerator counts people or events (then 1–10 is suppressed); dollars are not
 * @param regions whether the source places records in RCAC regions (it needs a ZIP); housing records only the SPA
 * @param periods {@code current} only for snapshots, or also {@code month} and {@code year} for flows
 */
public enum Measure {
    MEMBERS(
            "members",
            Family.COVERAGE,
            Unit.PER_1000,
            true,
            true,
            true,
            List.of("product_line", "language", "race", "age", "sex")),
    ADEQUACY("adequacy", Family.ADEQUACY, Unit.PERCENT, true, true, false, List.of("provider_type")),
    CENTER_VISITS("center-visits", Family.CENTERS, Unit.PER_1000, true, true, true, List.of("language")),
    CLASS_ATTENDANCE("class-attendance", Family.CENTERS, Unit.PER_1000, true, true, true, List.of("language")),
    PROMOTER_EVENTS("promoter-events", Family.ENGAGEMENT, Unit.COUNT, true, true, true, List.of("language")),
    PROMOTER_REACH("promoter-reach", Family.ENGAGEMENT, Unit.PER_1000, true, true, true, List.of("language", "age")),
    GRANTS_AWARDED("grants-awarded", Family.GRANTS, Unit.COUNT, true, true, true, List.of()),
    GRANT_DOLLARS("grant-dollars", Family.GRANTS, Unit.DOLLARS_PER_MEMBER, false, true, true, List.of()),
    GRANT_ORGANIZATIONS("grant-organizations", Family.GRANTS, Unit.COUNT, true, true, true, List.of()),
    HOUSING_CLIENTS("housing-clients", Family.HOUSING, Unit.PER_1000, true, false, true, List.of("race", "sex", "age")),
    HOUSING_RETENTION(
            "housing-retention", Family.HOUSING, Unit.PERCENT, true, false, false, List.of("race", "sex", "age")),
    QUALITY("quality", Family.QUALITY, Unit.PERCENT, true, true, false, List.of("measure"));

    /** How the rate of a cell reads. */
    public enum Unit {
        /** A count only; no rate. */
        COUNT,
        /** Per 1,000 members (residents for the members measure). */
        PER_1000,
        PERCENT,
        DOLLARS_PER_MEMBER
    }

    private final String code;
    private final Family family;
    private final Unit unit;
    private final boolean numeratorIsCount;
    private final boolean regions;
    private final boolean trends;
    private final List<String> strata;

    Measure(
            String code,
            Family family,
            Unit unit,
            boolean numeratorIsCount,
            boolean regions,
            boolean trends,
            List<String> strata) {
        this.code = code;
        this.family = family;
        this.unit = unit;
        this.numeratorIsCount = numeratorIsCount;
        this.regions = regions;
        this.trends = trends;
        this.strata = strata;
    }

    public String code() {
        return code;
    }

    public Family family() {
        return family;
    }

    public Unit unit() {
        return unit;
    }

    public boolean numeratorIsCount() {
        return numeratorIsCount;
    }

    public boolean regions() {
        return regions;
    }

    /** Whether the measure has monthly and yearly figures (else only the current one). */
    public boolean trends() {
        return trends;
    }

    /** The population splits the source holds, besides {@code all}. */
    public List<String> strata() {
        return strata;
    }

    public static Optional<Measure> of(String code) {
        return Arrays.stream(values()).filter(m -> m.code.equals(code)).findFirst();
    }

    public static List<Measure> of(Family family) {
        return Arrays.stream(values()).filter(m -> m.family == family).toList();
    }
}
