package org.commonweal.insights.internal;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * One summary cell: a measure for one place ({@code level} county/spa/rcac, {@code area} 0 for the county), one
 * population group and one period.
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
        BigDecimal denominator) {}
