package org.commonweal.insights.web;

import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.commonweal.geography.Region;
import org.commonweal.insights.internal.Figure;
import org.commonweal.insights.internal.FigureMasks;
import org.commonweal.insights.internal.FigureStore;
import org.commonweal.insights.internal.Gaps;
import org.commonweal.insights.internal.Measure;
import org.commonweal.insights.internal.SmallCells;
import org.springframework.stereotype.Component;

/** Builds what the pages, exports and briefs show from the summary tables, small cells already suppressed. */
@Component
class InsightsViews {

    static final int BINS = 5;

    /** One place in a view, as shown. {@code value} colours the map (null when suppressed or absent). */
    record Row(
            String level,
            int area,
            String name,
            String group,
            String count,
            String denominator,
            String rate,
            Double value,
            String cssClass,
            String shownValue) {

        /** The width of a small bar for this row's colour class (trend tables). */
        public int bar() {
            return value == null || !cssClass.matches("insights-c[0-9]")
                    ? 0
                    : 12 * (1 + cssClass.charAt(cssClass.length() - 1) - '0');
        }
    }

    record Bin(String cssClass, String label) {}

    record Option(String value, String label, boolean selected) {}

    record MapView(
            Selection selection,
            String measureName,
            String unitName,
            String periodLabel,
            List<Row> rows,
            Row county,
            List<Cartogram.Tile> tiles,
            List<Bin> legend,
            int width,
            int height) {}

    record GapRow(int rank, String area, String group, String rate, String countyRate, String shortfall) {}

    record CompareRow(String group, Row a, Row b, Row county) {}

    /**
     * One place and group over time: by year and month for flows and members, by run for adequacy ({@code runs}
     * empty for the others).
     */
    record TrendView(
            Selection selection,
            String level,
            int area,
            String areaName,
            String group,
            String unitName,
            List<Row> years,
            List<Row> months,
            List<Row> runs) {}

    private final FigureStore store;
    private final Names names;
    /** Periods, groups and labels change only with a refresh: kept per refresh version, so a page costs one query. */
    private final java.util.concurrent.ConcurrentHashMap<String, Object> catalog =
            new java.util.concurrent.ConcurrentHashMap<>();

    private volatile String catalogVersion = "";
    private volatile long versionCheckedAt;

    InsightsViews(FigureStore store, Names names) {
        this.store = store;
        this.names = names;
    }

    @SuppressWarnings("unchecked")
    private <T> T cached(String key, java.util.function.Supplier<T> load) {
        long now = System.nanoTime();
        if (now - versionCheckedAt > 2_000_000_000L) { // look at the refresh table at most every two seconds
            String version = store.version();
            if (!version.equals(catalogVersion)) {
                catalog.clear();
                catalogVersion = version;
            }
            versionCheckedAt = now;
        }
        return (T) catalog.computeIfAbsent(key, k -> load.get());
    }

    private List<LocalDate> periodsOf(Measure measure, String kind) {
        return cached("periods|" + measure.code() + "|" + kind, () -> store.periods(measure, kind));
    }

    private List<String> valuesOf(Measure measure, String kind) {
        return cached("values|" + measure.code() + "|" + kind, () -> store.stratumValues(measure, kind));
    }

    /**
     * The masks of a measure: those its refresh decided over all its figures and stored with each one (#19: a view
     * decides none). Only figures stored before masks were stored with them get theirs decided here, once per refresh.
     */
    FigureMasks masks(Measure measure) {
        return cached(
                "masks|" + measure.code(),
                () -> store.masksMissing(measure) ? FigureMasks.of(measure, store.all(measure)) : FigureMasks.STORED);
    }

    private Map<String, String[]> labels() {
        return cached("labels", names::storedLabels);
    }

    /** The period a selection shows: the latest current figure, or the month or year asked for. */
    Selection resolve(Selection s) {
        if (!s.periodKind().equals("current")) {
            return s;
        }
        List<LocalDate> periods = periodsOf(s.measure(), "current");
        return s.withPeriod(periods.isEmpty() ? LocalDate.now() : periods.getFirst());
    }

    MapView map(Selection selection, Locale locale) {
        return map(selection, false, locale);
    }

    /**
     * The map; with {@code gap} (measures with a rate only) each area is coloured by its difference from the county's
     * rate for the same group, on a diverging scale centred on 0.
     */
    MapView map(Selection selection, boolean gap, Locale locale) {
        Selection s = resolve(selection);
        var labels = labels();
        Map<String, Figure> cells = new HashMap<>();
        for (Figure f :
                store.cells(s.measure(), s.level(), s.stratumKind(), s.stratumValue(), s.periodKind(), s.period())) {
            cells.put(f.level() + f.area(), f);
        }
        String group = names.group(s.stratumKind(), s.stratumValue(), locale, labels);
        List<Row> rows = new ArrayList<>();
        for (Region r : names.areas(s.level())) {
            rows.add(row(
                    s.measure(),
                    s.level(),
                    r.number(),
                    names.area(s.level(), r.number(), locale),
                    group,
                    cells.get(s.level() + r.number()),
                    locale));
        }
        Row county =
                row(s.measure(), "county", 0, names.area("county", 0, locale), group, cells.get("county0"), locale);
        List<Row> coloured;
        List<Bin> legend;
        if (gap && s.measure().unit() != Measure.Unit.COUNT && county.value() != null) {
            double reference = county.value();
            List<Row> differences = rows.stream()
                    .map(r -> r.value() == null
                            ? r
                            : new Row(
                                    r.level(),
                                    r.area(),
                                    r.name(),
                                    r.group(),
                                    r.count(),
                                    r.denominator(),
                                    r.rate(),
                                    r.value() - reference,
                                    r.cssClass(),
                                    null))
                    .toList();
            Diverging scale = Diverging.of(differences);
            coloured = differences.stream()
                    .map(r -> r.value() == null
                            ? r
                            : new Row(
                                    r.level(),
                                    r.area(),
                                    r.name(),
                                    r.group(),
                                    r.count(),
                                    r.denominator(),
                                    r.rate(),
                                    r.value(),
                                    scale.cssClass(scale.classOf(r.value())),
                                    scale.format(r.value())))
                    .toList();
            legend = new ArrayList<>();
            List<String> bounds = scale.labels();
            for (int k = 0; k < bounds.size(); k++) {
                legend.add(new Bin(scale.max() == 0 ? "insights-d2" : scale.cssClass(k), bounds.get(k)));
            }
            legend.add(new Bin("insights-cs", names.text("insights.legend.suppressed", locale, SmallCells.MASK)));
            legend.add(new Bin("insights-cn", names.text("insights.noData", locale)));
        } else {
            Classes classes = Classes.of(rows);
            coloured = rows.stream().map(r -> withClass(r, classes)).toList();
            legend = legend(s.measure(), classes, locale);
        }
        List<Cartogram.Tile> tiles = coloured.stream()
                .map(r -> Cartogram.tile(
                        s.level(),
                        r.area(),
                        names.text("insights.level." + s.level() + ".short", locale) + " " + r.area(),
                        r.name().substring(r.name().indexOf('–') + 2),
                        r.cssClass(),
                        r.shownValue(),
                        r.name() + ": " + r.shownValue()))
                .toList();
        return new MapView(
                s,
                names.measure(s.measure(), locale),
                names.unit(s.measure(), locale),
                periodLabel(s, locale),
                coloured,
                county,
                tiles,
                legend,
                Cartogram.width(s.level()),
                Cartogram.height(s.level()));
    }

    Row row(Measure measure, String level, int area, String name, String group, Figure f, Locale locale) {
        if (f == null) {
            String none = names.text("insights.noData", locale);
            return new Row(level, area, name, group, none, "", "", null, "insights-cn", none);
        }
        var shown = SmallCells.show(f, masks(measure));
        Double value = measure.unit() == Measure.Unit.COUNT
                ? (shown.countSuppressed() ? null : f.numerator().doubleValue())
                : shown.rateValue();
        String shownValue =
                measure.unit() == Measure.Unit.COUNT || shown.rate().isEmpty() ? shown.count() : shown.rate();
        boolean suppressed = measure.unit() == Measure.Unit.COUNT ? shown.countSuppressed() : shown.rateSuppressed();
        return new Row(
                level,
                area,
                name,
                group,
                shown.count(),
                shown.denominator(),
                shown.rate(),
                value,
                suppressed ? "insights-cs" : value == null ? "insights-cn" : "",
                shownValue);
    }

    /**
     * Quantile classes of the shown values: up to {@link #BINS} classes holding about as many areas each, so one
     * outlying region no longer pushes all the others into one shade; equal values share a class. {@code lows} and
     * {@code highs} are the smallest and largest value in each class, which is what the legend prints.
     */
    record Classes(double[] lows, double[] highs) {

        static Classes of(List<Row> rows) {
            double[] values = rows.stream()
                    .map(Row::value)
                    .filter(Objects::nonNull)
                    .mapToDouble(Double::doubleValue)
                    .sorted()
                    .toArray();
            if (values.length == 0) {
                return null;
            }
            List<Double> highs = new ArrayList<>();
            for (int k = 0; k < BINS; k++) {
                double high = values[Math.max(0, (int) Math.ceil((k + 1) * values.length / (double) BINS) - 1)];
                if (highs.isEmpty() || high > highs.getLast()) {
                    highs.add(high);
                }
            }
            double[] lows = new double[highs.size()];
            int i = 0;
            for (int k = 0; k < highs.size(); k++) {
                lows[k] = values[i];
                while (i < values.length && values[i] <= highs.get(k)) {
                    i++;
                }
            }
            return new Classes(
                    lows, highs.stream().mapToDouble(Double::doubleValue).toArray());
        }

        /** The class of a value, 0 for the lowest. */
        int classOf(double value) {
            for (int k = 0; k < highs.length; k++) {
                if (value <= highs[k]) {
                    return k;
                }
            }
            return highs.length - 1;
        }

        /** The shade of a class: spread over the whole scale, the middle one when there is a single class. */
        String cssClass(int k) {
            int shade = highs.length == 1 ? BINS / 2 : Math.round(k * (BINS - 1) / (float) (highs.length - 1));
            return "insights-c" + shade;
        }

        /**
         * The legend's labels, with as many decimals as it takes (up to three more than the measure's usual) for
         * the classes to read differently: never "0.3 – 0.3" for two different classes.
         */
        List<String> labels(boolean count) {
            List<String> labels = List.of();
            for (int extra = 0; extra <= 3; extra++) {
                var format = new DecimalFormat(
                        count ? extra == 0 ? "#,##0" : "#,##0." + "0".repeat(extra) : "#,##0." + "0".repeat(1 + extra),
                        DecimalFormatSymbols.getInstance(Locale.US));
                labels = new ArrayList<>();
                boolean readable = true;
                for (int k = 0; k < highs.length; k++) {
                    String low = format.format(lows[k]);
                    String high = format.format(highs[k]);
                    // a class of different values must not read as one number
                    readable &= lows[k] == highs[k] || !low.equals(high);
                    labels.add(lows[k] == highs[k] ? low : low + " – " + high);
                }
                if (readable && new java.util.HashSet<>(labels).size() == labels.size()) {
                    return labels;
                }
            }
            return labels;
        }
    }

    /**
     * A diverging scale for differences from a reference (the county): five classes symmetric about 0 — clearly
     * below, below, about the same (the neutral middle), above, clearly above — bounded at ±{@code max}, the largest
     * difference shown, with the breaks at 20 % and 60 % of it. All differences 0 give the neutral class alone.
     */
    record Diverging(double max) {

        static Diverging of(List<Row> rows) {
            return new Diverging(rows.stream()
                    .map(Row::value)
                    .filter(Objects::nonNull)
                    .mapToDouble(v -> Math.abs(v))
                    .max()
                    .orElse(0));
        }

        /** The break points, from the lowest to the highest: −max, −0.6 max, −0.2 max, 0.2 max, 0.6 max, max. */
        double[] breaks() {
            return new double[] {-max, -0.6 * max, -0.2 * max, 0.2 * max, 0.6 * max, max};
        }

        /** 0 and 1 below the reference, 2 about the same (|d| ≤ 0.2 max), 3 and 4 above. */
        int classOf(double d) {
            if (max == 0 || Math.abs(d) <= 0.2 * max) {
                return 2;
            }
            if (d < 0) {
                return d < -0.6 * max ? 0 : 1;
            }
            return d > 0.6 * max ? 4 : 3;
        }

        String cssClass(int k) {
            return "insights-d" + k;
        }

        /** A difference with its sign: "+1.5", "−0.3" (a true minus sign), "0.0". */
        String format(double d) {
            return format(d, decimals());
        }

        private static String format(double d, int decimals) {
            var f = new DecimalFormat("#,##0." + "0".repeat(decimals), DecimalFormatSymbols.getInstance(Locale.US));
            String s = f.format(Math.abs(d));
            boolean zero = f.format(0.0).equals(s);
            return zero ? s : (d < 0 ? "\u2212" : "+") + s;
        }

        /** One decimal, or as many more (up to four) as it takes for the break points to read differently. */
        private int decimals() {
            if (max == 0) {
                return 1;
            }
            double[] b = breaks();
            for (int decimals = 1; decimals < 4; decimals++) {
                java.util.Set<String> seen = new java.util.HashSet<>();
                for (double x : b) {
                    seen.add(format(x, decimals));
                }
                if (seen.size() == b.length) {
                    return decimals;
                }
            }
            return 4;
        }

        /** The legend: one label per class, the same bounds {@link #classOf} uses. */
        List<String> labels() {
            if (max == 0) {
                return List.of(format(0));
            }
            double[] b = breaks();
            List<String> labels = new ArrayList<>();
            for (int k = 0; k < 5; k++) {
                labels.add(format(b[k]) + " \u2026 " + format(b[k + 1]));
            }
            return labels;
        }
    }

    private static Row withClass(Row r, Classes classes) {
        if (r.value() == null || classes == null) {
            return r;
        }
        return new Row(
                r.level(),
                r.area(),
                r.name(),
                r.group(),
                r.count(),
                r.denominator(),
                r.rate(),
                r.value(),
                classes.cssClass(classes.classOf(r.value())),
                r.shownValue());
    }

    private List<Bin> legend(Measure measure, Classes classes, Locale locale) {
        List<Bin> bins = new ArrayList<>();
        if (classes != null) {
            List<String> labels = classes.labels(measure.unit() == Measure.Unit.COUNT);
            for (int k = 0; k < labels.size(); k++) {
                bins.add(new Bin(classes.cssClass(k), labels.get(k)));
            }
        }
        bins.add(new Bin("insights-cs", names.text("insights.legend.suppressed", locale, SmallCells.MASK)));
        bins.add(new Bin("insights-cn", names.text("insights.noData", locale)));
        return bins;
    }

    String periodLabel(Selection s, Locale locale) {
        return switch (s.periodKind()) {
            case "month" ->
                java.time.format.DateTimeFormatter.ofPattern("MMM yyyy", locale).format(s.period());
            case "year" -> Integer.toString(s.period().getYear());
            // members are counted on the day, housing clients this month, the other flows over twelve months
            default ->
                names.text(
                        switch (s.measure()) {
                            case MEMBERS -> "insights.period.current.stock";
                            case HOUSING_CLIENTS -> "insights.period.current.month";
                            default ->
                                s.measure().trends() ? "insights.period.current.flow" : "insights.period.current.stock";
                        },
                        locale,
                        s.period()); // a day: the message source writes it in the page's language
        };
    }

    List<Option> measures(Selection s, Locale locale) {
        return java.util.Arrays.stream(Measure.values())
                .map(m -> new Option(m.code(), names.measure(m, locale), m == s.measure()))
                .toList();
    }

    List<Option> groups(Selection s, Locale locale) {
        var labels = labels();
        List<Option> options = new ArrayList<>();
        options.add(new Option(
                "all", names.group("all", "", locale, labels), s.stratumKind().equals("all")));
        for (String kind : s.measure().strata()) {
            for (String value : valuesOf(s.measure(), kind)) {
                options.add(new Option(
                        kind + ":" + value,
                        names.kind(kind, locale) + ": " + names.group(kind, value, locale, labels),
                        s.stratumKind().equals(kind) && s.stratumValue().equals(value)));
            }
        }
        return options;
    }

    List<Option> periods(Selection s, Locale locale) {
        List<Option> options = new ArrayList<>();
        options.add(new Option(
                "current",
                names.text("insights.period.current", locale),
                s.periodKind().equals("current")));
        if (s.measure().trends()) {
            for (LocalDate y : periodsOf(s.measure(), "year")) {
                String v = "year:" + y.getYear();
                options.add(new Option(v, Integer.toString(y.getYear()), v.equals(s.periodParam())));
            }
            for (LocalDate m : periodsOf(s.measure(), "month")) {
                String v = "month:" + YearMonth.from(m);
                options.add(new Option(
                        v,
                        java.time.format.DateTimeFormatter.ofPattern("MMM yyyy", locale)
                                .format(m),
                        v.equals(s.periodParam())));
            }
        }
        return options;
    }

    List<GapRow> gaps(Selection selection, Locale locale) {
        Selection s = resolve(selection);
        var labels = labels();
        List<GapRow> rows = new ArrayList<>();
        int rank = 1;
        var format = new DecimalFormat("#,##0", DecimalFormatSymbols.getInstance(Locale.US));
        var masks = masks(s.measure());
        for (Gaps.Gap g : Gaps.largest(store.measure(s.measure(), s.level(), s.periodKind(), s.period()), masks, 10)) {
            Figure p = g.place();
            rows.add(new GapRow(
                    rank++,
                    names.area(p.level(), p.area(), locale),
                    names.group(p.stratumKind(), p.stratumValue(), locale, labels),
                    SmallCells.show(p, masks).rate(),
                    SmallCells.show(g.county(), masks).rate(),
                    (p.measure().numeratorIsCount() ? "" : "$") + format.format(Math.round(g.shortfall()))));
        }
        return rows;
    }

    List<CompareRow> compare(Selection selection, int a, int b, Locale locale) {
        Selection s = resolve(selection);
        var labels = labels();
        Map<String, Figure> cells = new HashMap<>();
        List<String> groups = new ArrayList<>();
        for (Figure f : store.measure(s.measure(), s.level(), s.periodKind(), s.period())) {
            String g = f.stratumKind() + "|" + f.stratumValue();
            cells.put(f.level() + f.area() + "|" + g, f);
            if (f.level().equals("county") && !groups.contains(g)) {
                groups.add(g);
            }
        }
        groups.sort((x, y) -> x.startsWith("all|") ? -1 : y.startsWith("all|") ? 1 : x.compareTo(y));
        List<CompareRow> rows = new ArrayList<>();
        for (String g : groups) {
            String[] kv = g.split("\\|", -1);
            String name = kv[0].equals("all")
                    ? names.group("all", "", locale, labels)
                    : names.kind(kv[0], locale) + ": " + names.group(kv[0], kv[1], locale, labels);
            rows.add(new CompareRow(
                    name,
                    row(
                            s.measure(),
                            s.level(),
                            a,
                            names.area(s.level(), a, locale),
                            name,
                            cells.get(s.level() + a + "|" + g),
                            locale),
                    row(
                            s.measure(),
                            s.level(),
                            b,
                            names.area(s.level(), b, locale),
                            name,
                            cells.get(s.level() + b + "|" + g),
                            locale),
                    row(
                            s.measure(),
                            "county",
                            0,
                            names.area("county", 0, locale),
                            name,
                            cells.get("county0|" + g),
                            locale)));
        }
        return rows;
    }

    /** The trends of one place ({@code area} 0 = the county) for the selection's measure and group. */
    TrendView trends(Selection s, int area, Locale locale) {
        String level = area == 0 ? "county" : s.level();
        List<Row> none = List.of();
        return new TrendView(
                s,
                level,
                area,
                names.area(level, area, locale),
                names.group(s.stratumKind(), s.stratumValue(), locale, labels()),
                names.unit(s.measure(), locale),
                s.measure().trends()
                        ? trend(s.measure(), level, area, s.stratumKind(), s.stratumValue(), "year", locale)
                        : none,
                s.measure().trends()
                        ? trend(s.measure(), level, area, s.stratumKind(), s.stratumValue(), "month", locale)
                        : none,
                s.measure() == Measure.ADEQUACY
                        ? trend(s.measure(), level, area, s.stratumKind(), s.stratumValue(), "run", locale)
                        : none);
    }

    /**
     * One place over time ({@code month}, {@code year}, or {@code run} for adequacy runs by measured-on date), for
     * one group ({@code all} or a stratum), suppressed as everywhere.
     */
    List<Row> trend(
            Measure measure,
            String level,
            int area,
            String stratumKind,
            String stratumValue,
            String periodKind,
            Locale locale) {
        String group = names.group(stratumKind, stratumValue, locale, labels());
        List<Row> rows = new ArrayList<>();
        for (Figure f : store.trend(measure, level, area, stratumKind, stratumValue, periodKind)) {
            rows.add(row(measure, level, area, periodName(periodKind, f.period()), group, f, locale));
        }
        Classes classes = Classes.of(rows);
        return rows.stream().map(r -> withClass(r, classes)).toList();
    }

    static String periodName(String periodKind, LocalDate period) {
        return switch (periodKind) {
            case "month" -> YearMonth.from(period).toString();
            case "year" -> Integer.toString(period.getYear());
            default -> period.toString();
        };
    }
}
