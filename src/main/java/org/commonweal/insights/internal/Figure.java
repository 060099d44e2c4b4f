package org.commonweal.insights.internal;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * One summary cell: a measure for one place ({@code level} county/spa/rcac, {@code area} 0 for the county), one
 * population group and one period; with the masks the refresh decided for it over all the measure's figures (#19),
 * stored in the same row, or null where none are stored (figures just aggregated, or stored before masks were).
 */
public record Figure(
        Measure measure,
        String level,
        int area,
        String stratumKind,
        String stratumValue,
        String periodKind,
        LocalDate period,
        BigDecimal numerator,
        BigDecimal denominator,
        Boolean numeratorMasked,
        Boolean denominatorMasked) {

    /** A figure whose masks are not decided yet. */
    public Figure(
            Measure measure,
            String level,
            int area,
            String stratumKind,
            String stratumValue,
            String periodKind,
            LocalDate period,
            BigDecimal numerator,
            BigDecimal denominator) {
        this(measure, level, area, stratumKind, stratumValue, periodKind, period, numerator, denominator, null, null);
    }

    /** Whether the refresh stored this figure's masks with it. */
    public boolean masksDecided() {
        return numeratorMasked != null && denominatorMasked != null;
    }

    Figure withMasks(boolean numerator, boolean denominator) {
        return new Figure(
                measure,
                level,
                area,
                stratumKind,
                stratumValue,
                periodKind,
                period,
                this.numerator,
                this.denominator,
                numerator,
                denominator);
    }
}
