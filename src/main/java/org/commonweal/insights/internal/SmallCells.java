package org.commonweal.insights.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;
import org.commonweal.platform.CellSuppression;

/**
 * How a figure is shown under the plan's {@link CellSuppression} rule, on every page, export and brief: its count,
 * denominator and rate, each masked where {@link FigureMasks} masked the count or the denominator (small, or masked
 * so that a small one cannot be worked back); a rate is masked when either side is. Yearly averages are judged by their
 * rounded value. Dollar amounts are not counts of people and are shown, but not their rate over a masked denominator.
 */
public final class SmallCells {

    public static final String MASK = CellSuppression.MASK;

    private SmallCells() {}

    /** A count that is small under the rule (its rounded value, or a positive fraction, from 1 to 10). */
    public static boolean small(BigDecimal count) {
        if (count == null || count.signum() <= 0) {
            return false;
        }
        return CellSuppression.small(
                Math.max(1, count.setScale(0, RoundingMode.HALF_UP).longValue()));
    }

    /** A cell as it may be shown: text for pages and exports, and the rate's value for colouring (null if hidden). */
    public record Shown(
            String count,
            String denominator,
            String rate,
            Double rateValue,
            boolean countSuppressed,
            boolean rateSuppressed) {}

    /** A lone figure, published with nothing it adds up with: masked where small. */
    public static Shown show(Measure measure, BigDecimal numerator, BigDecimal denominator) {
        return show(
                measure, numerator, denominator, measure.numeratorIsCount() && small(numerator), small(denominator));
    }

    /** A figure of a published cube, with its masks. */
    public static Shown show(Figure f, FigureMasks masks) {
        return show(
                f.measure(),
                f.numerator(),
                f.denominator(),
                masks.numeratorMasked(f) || f.measure().numeratorIsCount() && small(f.numerator()),
                masks.denominatorMasked(f) || small(f.denominator()));
    }

    private static Shown show(
            Measure measure,
            BigDecimal numerator,
            BigDecimal denominator,
            boolean numeratorSmall,
            boolean denominatorSmall) {
        String count = numeratorSmall ? MASK : formatCount(measure, numerator);
        String shownDenominator = denominator == null ? "" : denominatorSmall ? MASK : formatCount(null, denominator);
        if (measure.unit() == Measure.Unit.COUNT || denominator == null || denominator.signum() == 0) {
            return new Shown(count, shownDenominator, "", null, numeratorSmall, false);
        }
        if (numeratorSmall || denominatorSmall) {
            return new Shown(count, shownDenominator, MASK, null, numeratorSmall, true);
        }
        double value = rate(measure, numerator, denominator);
        return new Shown(count, shownDenominator, formatRate(measure, value), value, false, false);
    }

    /** The rate in the measure's unit: per 1,000, percent or dollars per member. */
    public static double rate(Measure measure, BigDecimal numerator, BigDecimal denominator) {
        double ratio = numerator.doubleValue() / denominator.doubleValue();
        return switch (measure.unit()) {
            case PER_1000 -> ratio * 1000;
            case PERCENT -> ratio * 100;
            case DOLLARS_PER_MEMBER, COUNT -> ratio;
        };
    }

    static String formatRate(Measure measure, double value) {
        return switch (measure.unit()) {
            case PER_1000 -> new DecimalFormat("#,##0.0", DecimalFormatSymbols.getInstance(Locale.US)).format(value);
            case PERCENT -> new DecimalFormat("0.0", DecimalFormatSymbols.getInstance(Locale.US)).format(value) + "%";
            case DOLLARS_PER_MEMBER, COUNT ->
                "$" + new DecimalFormat("#,##0.00", DecimalFormatSymbols.getInstance(Locale.US)).format(value);
        };
    }

    private static String formatCount(Measure measure, BigDecimal value) {
        var format = new DecimalFormat("#,##0", DecimalFormatSymbols.getInstance(Locale.US));
        String text = format.format(value.setScale(0, RoundingMode.HALF_UP));
        return measure != null && !measure.numeratorIsCount() ? "$" + text : text;
    }
}
