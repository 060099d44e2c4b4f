package org.commonweal.quality.gaps;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.commonweal.quality.measure.MeasureCatalog;
import org.springframework.context.MessageSource;

/**
 * Why a member has an open gap, in words, and the date it is due by, from what each measure's CQL counts (the
 * lookbacks are those of the 2025 eCQM content in {@code ../shared/quality/ecqm}). Which measures are inverse (the gap
 * is being in the numerator) is read from the measure definitions, {@link MeasureCatalog#INVERSE}.
 */
public final class GapReasons {

    private GapReasons() {}

    /** SQL condition over a result row {@code r} of a run {@code run}: the member has an open gap. */
    public static String openGapSql(String result, String run) {
        return result + ".denominator and not " + result + ".denominator_exclusion and not " + result
                + ".denominator_exception and " + result + ".numerator = (" + run + ".measure_id in ("
                + String.join(
                        ", ",
                        MeasureCatalog.INVERSE.stream()
                                .sorted()
                                .map(id -> "'" + id + "'")
                                .toList()) + "))";
    }

    /** The day the gap is due by: the end of the period, or for CMS117 the second birthday when it falls in it. */
    public static LocalDate dueBy(String measureId, LocalDate periodStart, LocalDate periodEnd, LocalDate birthDate) {
        if (measureId.equals("CMS117") && birthDate != null) {
            var second = birthDate.plusYears(2);
            if (!second.isBefore(periodStart) && !second.isAfter(periodEnd)) return second;
        }
        return periodEnd;
    }

    /** The reason in words in {@code locale}: message {@code quality.gap.reason.<measure>}. */
    public static String reason(MessageSource messages, String measureId, LocalDate periodStart, Locale locale) {
        var month = DateTimeFormatter.ofPattern("MMMM yyyy", locale);
        var year = Integer.toString(periodStart.getYear()); // a string: MessageFormat would print 2,026
        Object[] args = switch (measureId) {
            // mammography from October 1 two years before the period
            case "CMS125" ->
                new Object[] {
                    year,
                    periodStart.minusYears(2).withMonth(10).withDayOfMonth(1).format(month)
                };
            // cytology in the period or the two years before; HPV test in the four years before (age 30+)
            case "CMS124" ->
                new Object[] {
                    year,
                    periodStart.minusYears(2).format(month),
                    periodStart.minusYears(4).format(month)
                };
            // colonoscopy in the period or the nine years before, a FIT in the period, FIT-DNA in the two before,
            // CT colonography or flexible sigmoidoscopy in the four before
            case "CMS130" ->
                new Object[] {
                    year,
                    periodStart.minusYears(9).format(month),
                    periodStart.minusYears(2).format(month),
                    periodStart.minusYears(4).format(month)
                };
            default -> new Object[] {year};
        };
        return messages.getMessage(
                "quality.gap.reason." + measureId,
                args,
                messages.getMessage("quality.gap.reason.other", args, locale),
                locale);
    }
}
