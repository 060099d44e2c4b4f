package org.commonweal.insights.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.commonweal.adequacy.Adequacy;
import org.commonweal.adequacy.AdequacyFigures;
import org.commonweal.centers.CenterFigures;
import org.commonweal.coverage.Coverage;
import org.commonweal.coverage.MembershipFigures;
import org.commonweal.coverage.MembershipTrends;
import org.commonweal.engagement.OutreachFigures;
import org.commonweal.geography.Geography;
import org.commonweal.geography.ZipArea;
import org.commonweal.grants.GrantFigures;
import org.commonweal.housing.HousingFigures;
import org.commonweal.platform.PlanIdentity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

/**
 * Rebuilds the summary figures of one family from its module's aggregate API (one set-based query there) and stores
 * them in place of the old ones. Coverage goes first: its members are the other families' denominators.
 */
@Service
public class InsightsRefresh {

    private static final Logger log = LoggerFactory.getLogger(InsightsRefresh.class);
    private static final LocalDate GRANTS_SINCE = LocalDate.of(2000, 1, 1);
    /** Adequacy runs kept in the trend (one per measured-on date). */
    static final int RUNS = 24;

    private final MembershipFigures membership;
    private final MembershipTrends trends;
    private final Coverage coverage;
    private final AdequacyFigures adequacy;
    private final Adequacy runs;
    private final CenterFigures centers;
    private final OutreachFigures outreach;
    private final GrantFigures grants;
    private final HousingFigures housing;
    private final org.commonweal.quality.QualityFigures qualityFigures;
    private final Geography geography;
    private final FigureStore store;
    private final int months;

    private final ZoneId zone;

    InsightsRefresh(
            MembershipFigures membership,
            MembershipTrends trends,
            Coverage coverage,
            AdequacyFigures adequacy,
            Adequacy runs,
            CenterFigures centers,
            OutreachFigures outreach,
            GrantFigures grants,
            HousingFigures housing,
            org.commonweal.quality.QualityFigures qualityFigures,
            Geography geography,
            FigureStore store,
            @Value("${commonweal.insights.trend-months:24}") int months,
            PlanIdentity plan) {
        this.zone = plan.timeZone();
        this.membership = membership;
        this.trends = trends;
        this.coverage = coverage;
        this.adequacy = adequacy;
        this.runs = runs;
        this.centers = centers;
        this.outreach = outreach;
        this.grants = grants;
        this.housing = housing;
        this.qualityFigures = qualityFigures;
        this.geography = geography;
        this.store = store;
        this.months = months;
    }

    /** The plan's time zone, in which "today" and the months of the figures are counted. */
    public ZoneId zone() {
        return zone;
    }

    /** Every family in order; returns the figures written per family. */
    public Map<Family, Integer> refreshAll(String trigger) {
        Map<Family, Integer> written = new LinkedHashMap<>();
        for (Family family : Family.values()) {
            written.put(family, refresh(family, trigger));
        }
        return written;
    }

    public int refresh(Family family, String trigger) {
        return publish(prepare(family, trigger));
    }

    /**
     * A family's new figures with their masks, not yet published: what a refresh computes while the pages keep showing
     * the previous figures with the previous masks.
     */
    public record Prepared(
            Family family,
            List<Figure> figures,
            Map<Measure, FigureMasks.Audit> audits,
            LocalDate asOf,
            long elapsedMs,
            String trigger) {}

    /**
     * Aggregates a family's figures from its source and decides their small-cell masks, measure by measure over all
     * its figures (#19: the costly part, done here in the refresh and never on a page view).
     */
    public Prepared prepare(Family family, String trigger) {
        long started = System.nanoTime();
        LocalDate today = LocalDate.now(zone);
        Aggregation sums = new Aggregation(today, today.withDayOfMonth(1).minusMonths(months - 1));
        List<Figure> figures = switch (family) {
            case COVERAGE -> coverage(sums);
            case ADEQUACY -> adequacy();
            case CENTERS -> centers(sums);
            case ENGAGEMENT -> engagement(sums);
            case GRANTS -> grants(sums);
            case HOUSING -> housing(sums);
            case QUALITY -> quality();
        };
        long aggregated = System.nanoTime();
        List<Figure> masked = new ArrayList<>(figures.size());
        Map<Measure, FigureMasks.Audit> audits = new LinkedHashMap<>();
        for (Measure measure : Measure.of(family)) {
            List<Figure> ofMeasure =
                    figures.stream().filter(f -> f.measure() == measure).toList();
            FigureMasks masks = FigureMasks.of(measure, ofMeasure);
            masked.addAll(masks.applyTo(ofMeasure));
            audits.put(measure, masks.audit());
        }
        long done = System.nanoTime();
        log.info(
                "insights {} prepared: {} figures aggregated in {} ms, masks decided in {} ms",
                family.code(),
                figures.size(),
                (aggregated - started) / 1_000_000,
                (done - aggregated) / 1_000_000);
        return new Prepared(family, masked, audits, today, (done - started) / 1_000_000, trigger);
    }

    /** Replaces the family's figures and masks together, in one transaction. */
    public int publish(Prepared prepared) {
        store.replace(prepared);
        log.info(
                "insights {} refreshed: {} figures in {} ms ({})",
                prepared.family().code(),
                prepared.figures().size(),
                prepared.elapsedMs(),
                prepared.trigger());
        return prepared.figures().size();
    }

    private List<Figure> coverage(Aggregation sums) {
        LocalDate today = sums.today();
        coverage.productLines().forEach(l -> store.saveLabel("product_line", l.code(), l.name(), l.name()));
        for (var c : membership.activeMembers(today)) {
            sums.put(
                    key(Measure.MEMBERS, c.spa(), c.rcacRegion(), c.stratumKind(), c.stratumValue(), "current", today),
                    BigDecimal.valueOf(c.members()),
                    null);
        }
        // yearly figure = average of the month-start counts of that year held in the window
        Map<Aggregation.Key, long[]> years = new HashMap<>();
        LocalDate first = today.withDayOfMonth(1).minusMonths(months - 1);
        // one query: every place × every group × every month start (GROUPING SETS in the coverage module)
        for (var m : trends.monthlyMembersByGroup(first, today)) {
            sums.put(
                    key(
                            Measure.MEMBERS,
                            m.spa(),
                            m.rcacRegion(),
                            m.stratumKind(),
                            m.stratumValue(),
                            "month",
                            m.month()),
                    BigDecimal.valueOf(m.members()),
                    null);
            long[] acc = years.computeIfAbsent(
                    key(
                            Measure.MEMBERS,
                            m.spa(),
                            m.rcacRegion(),
                            m.stratumKind(),
                            m.stratumValue(),
                            "year",
                            m.month().withDayOfYear(1)),
                    k -> new long[2]);
            acc[0] += m.members();
            acc[1]++;
        }
        years.forEach((k, acc) -> sums.put(
                k, BigDecimal.valueOf(acc[0]).divide(BigDecimal.valueOf(acc[1]), 1, RoundingMode.HALF_UP), null));
        Map<String, BigDecimal> residents = residents();
        return sums.figures(
                k -> k.stratumKind().equals("all") || k.stratumKind().equals("product_line")
                        ? residents.get(k.level() + k.area())
                        : null);
    }

    /**
     * Quality measure rates (issue #21) from the quality module's facade: per measure its latest run, per place;
     * {@code all} = every member × measure pair of the place, as adequacy's provider types.
     */
    private List<Figure> quality() {
        List<Figure> figures = new ArrayList<>();
        Map<String, long[]> totals = new java.util.LinkedHashMap<>();
        LocalDate asOf = null;
        for (var c : qualityFigures.latestRates()) {
            store.saveLabel("measure", c.measureId(), c.measureTitle(), c.measureTitle());
            String level = c.spa() != null ? "spa" : c.rcacRegion() != null ? "rcac" : "county";
            int area = c.spa() != null ? c.spa() : c.rcacRegion() != null ? c.rcacRegion() : 0;
            asOf = asOf == null || c.periodEnd().isAfter(asOf) ? c.periodEnd() : asOf;
            figures.add(new Figure(
                    Measure.QUALITY,
                    level,
                    area,
                    "measure",
                    c.measureId(),
                    "current",
                    c.periodEnd(),
                    BigDecimal.valueOf(c.met()),
                    BigDecimal.valueOf(c.eligible())));
            long[] t = totals.computeIfAbsent(level + "|" + area, k -> new long[2]);
            t[0] += c.met();
            t[1] += c.eligible();
        }
        for (var e : totals.entrySet()) {
            String[] place = e.getKey().split("\\|");
            figures.add(new Figure(
                    Measure.QUALITY,
                    place[0],
                    Integer.parseInt(place[1]),
                    "all",
                    "",
                    "current",
                    asOf,
                    BigDecimal.valueOf(e.getValue()[0]),
                    BigDecimal.valueOf(e.getValue()[1])));
        }
        return figures;
    }

    private List<Figure> adequacy() {
        List<Figure> figures = new ArrayList<>();
        var latest = adequacy.latestRun();
        latest.stream()
                .filter(r -> r.spa() == null && r.rcacRegion() == null)
                .forEach(r -> store.saveLabel(
                        "provider_type", r.providerType(), r.providerTypeName(), r.providerTypeNameEs()));
        figures.addAll(AdequacyRuns.figures(latest, "current"));
        // adequacy over time: per measured-on date the newest run of the latest run's scope, the latest RUNS dates
        for (var run : AdequacyRuns.onePerDate(runs.runs(), RUNS)) {
            figures.addAll(AdequacyRuns.figures(adequacy.run(run.id()), "run"));
        }
        return figures;
    }

    private List<Figure> centers(Aggregation sums) {
        Map<String, ZipArea> zips = zips();
        for (var u : centers.monthlyUse(sums.firstMonth().withDayOfYear(1))) {
            ZipArea zip = zips.get(u.centerZip());
            Measure measure = u.kind().equals("visit") ? Measure.CENTER_VISITS : Measure.CLASS_ATTENDANCE;
            sums.addMonthly(
                    measure,
                    u.month(),
                    u.centerSpa(),
                    zip == null ? null : zip.rcacRegion(),
                    "language",
                    u.language(),
                    BigDecimal.valueOf(u.count()),
                    null);
        }
        MemberBase base = new MemberBase(store.members());
        return sums.figures(base::of);
    }

    private List<Figure> engagement(Aggregation sums) {
        Map<String, ZipArea> zips = zips();
        for (var o : outreach.monthlyOutreach(sums.firstMonth().withDayOfYear(1))) {
            Integer region = o.zip() == null || !zips.containsKey(o.zip())
                    ? null
                    : zips.get(o.zip()).rcacRegion();
            sums.addMonthly(
                    Measure.PROMOTER_EVENTS,
                    o.month(),
                    o.spa(),
                    region,
                    "language",
                    o.language(),
                    BigDecimal.valueOf(o.events()),
                    null);
            sums.addMonthly(
                    Measure.PROMOTER_REACH,
                    o.month(),
                    o.spa(),
                    region,
                    "language",
                    o.language(),
                    BigDecimal.valueOf(o.reach()),
                    null);
            long[] byAge = {o.reachAge0to17(), o.reachAge18to64(), o.reachAge65plus()};
            String[] bands = {"0-17", "18-64", "65+"};
            for (int i = 0; i < bands.length; i++) {
                if (byAge[i] > 0) {
                    // only the group: the event's whole reach is already under "all"
                    sums.addMonthly(
                            Measure.PROMOTER_REACH,
                            o.month(),
                            o.spa(),
                            region,
                            "age",
                            bands[i],
                            BigDecimal.valueOf(byAge[i]),
                            null,
                            false);
                }
            }
        }
        MemberBase base = new MemberBase(store.members());
        return sums.figures(k -> k.measure() == Measure.PROMOTER_EVENTS ? null : base.of(k));
    }

    private List<Figure> grants(Aggregation sums) {
        Map<String, ZipArea> zips = zips();
        for (var a : grants.monthlyAwards(GRANTS_SINCE)) {
            ZipArea zip = a.zip() == null ? null : zips.get(a.zip());
            Integer spa = a.spa() != null ? a.spa() : zip == null ? null : zip.spa();
            Integer region = zip == null ? null : zip.rcacRegion();
            sums.addMonthly(
                    Measure.GRANTS_AWARDED, a.month(), spa, region, null, null, BigDecimal.valueOf(a.awards()), null);
            sums.addMonthly(Measure.GRANT_DOLLARS, a.month(), spa, region, null, null, a.amount(), null);
            sums.addMonthly(Measure.GRANT_ORGANIZATIONS, a.month(), spa, region, null, null, null, a.organizationEin());
        }
        MemberBase base = new MemberBase(store.members());
        return sums.figures(k -> k.measure() == Measure.GRANT_DOLLARS ? base.of(k) : null);
    }

    private List<Figure> housing(Aggregation sums) {
        LocalDate today = sums.today();
        LocalDate thisMonth = today.withDayOfMonth(1);
        for (var c : housing.clientsServed(today.withDayOfMonth(1).minusMonths(months - 1), today)) {
            BigDecimal n = BigDecimal.valueOf(c.clients());
            sums.put(
                    key(
                            Measure.HOUSING_CLIENTS,
                            c.spa(),
                            null,
                            c.stratumKind(),
                            c.stratumValue(),
                            c.periodKind(),
                            c.period()),
                    n,
                    null);
            if (c.periodKind().equals("month") && c.period().equals(thisMonth)) {
                // current = clients served this month
                sums.put(
                        key(
                                Measure.HOUSING_CLIENTS,
                                c.spa(),
                                null,
                                c.stratumKind(),
                                c.stratumValue(),
                                "current",
                                today),
                        n,
                        null);
            }
        }
        MemberBase base = new MemberBase(store.members());
        List<Figure> figures = new ArrayList<>(sums.figures(base::of));
        for (var r : housing.retention12Months(today)) {
            figures.add(new Figure(
                    Measure.HOUSING_RETENTION,
                    level(r.spa(), null),
                    area(r.spa(), null),
                    r.stratumKind(),
                    r.stratumValue(),
                    "current",
                    today,
                    BigDecimal.valueOf(r.retained()),
                    BigDecimal.valueOf(r.due())));
        }
        return figures;
    }

    private static Aggregation.Key key(
            Measure measure,
            Integer spa,
            Integer region,
            String kind,
            String value,
            String periodKind,
            LocalDate period) {
        return new Aggregation.Key(measure, level(spa, region), area(spa, region), kind, value, periodKind, period);
    }

    private static String level(Integer spa, Integer region) {
        return spa != null ? "spa" : region != null ? "rcac" : "county";
    }

    private static int area(Integer spa, Integer region) {
        return spa != null ? spa : region != null ? region : 0;
    }

    private Map<String, ZipArea> zips() {
        Map<String, ZipArea> zips = new HashMap<>();
        geography.zips().forEach(z -> zips.put(z.zip(), z));
        return zips;
    }

    /** Residents per place (ACS population of the ZIPs), keyed level + area. */
    private Map<String, BigDecimal> residents() {
        Map<String, BigDecimal> residents = new HashMap<>();
        for (ZipArea z : geography.zips()) {
            BigDecimal p = BigDecimal.valueOf(z.populationWeight());
            residents.merge("county0", p, BigDecimal::add);
            residents.merge("spa" + z.spa(), p, BigDecimal::add);
            residents.merge("rcac" + z.rcacRegion(), p, BigDecimal::add);
        }
        return residents;
    }
}
