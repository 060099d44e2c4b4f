package org.commonweal.adequacy.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.commonweal.adequacy.engine.ZipResult;
import org.commonweal.platform.CellSuppression;
import org.commonweal.platform.Publication;

/**
 * A run's figures as a reader outside the network team may see them, through the plan's {@link CellSuppression} rule.
 * For each product line and provider type, everything the pages and exports publish is one {@link Publication}: the
 * county row, the SPA and RCAC-region rows (each sums to the county), the gap rows per ZIP (their members outside the
 * standard sum to the county's, SPA's and region's "not met"; the other ZIPs' members are known to exist, not
 * published), and in each row members = met + not met. "Met by distance / time / alternative" only bound "met" (a member
 * may meet by both), so they are masked with "met"; means over a masked count of members are masked too.
 */
public final class AdequacyDisclosure {

    private static final String[] FIELDS = {"members", "met", "notMet", "byMiles", "byMinutes", "byAlternative"};

    private final Map<String, List<ZipResult>> byCell = new LinkedHashMap<>();
    private final boolean suppress;
    private final Map<String, CellSuppression.Masking> maskings = new HashMap<>();

    private AdequacyDisclosure(List<ZipResult> results, boolean suppress) {
        this.suppress = suppress;
        results.forEach(r -> byCell.computeIfAbsent(r.productLine() + '|' + r.providerType(), k -> new ArrayList<>())
                .add(r));
    }

    public static AdequacyDisclosure of(List<ZipResult> results, boolean suppress) {
        return new AdequacyDisclosure(results, suppress);
    }

    public boolean suppressed() {
        return suppress;
    }

    /** A roll-up row (key 0 for the county) as shown. */
    public record Shown(
            String members,
            String met,
            String notMet,
            String percent,
            String byMiles,
            String byMinutes,
            String byAlternative,
            String averageMiles,
            String maxMiles,
            boolean hidden) {}

    public Shown county(AdequacyReport.Row row) {
        return shown(row, "county");
    }

    public Shown spa(AdequacyReport.Row row) {
        return shown(row, "spa");
    }

    public Shown region(AdequacyReport.Row row) {
        return shown(row, "region");
    }

    /** A gap row's members in the ZIP and members outside the standard, and whether its distances may be shown. */
    public record ShownZip(String members, String notMet, boolean distances) {}

    public ShownZip zip(ZipResult z) {
        var m = masking(z.productLine(), z.providerType());
        Object members = key("zip", z.zip(), "members");
        return new ShownZip(m.count(members), m.count(key("zip", z.zip(), "notMet")), m.shows(members));
    }

    private Shown shown(AdequacyReport.Row row, String level) {
        var m = masking(row.productLine(), row.providerType());
        String where = level + row.key();
        Object members = key(level, where, "members");
        Object met = key(level, where, "met");
        Object notMet = key(level, where, "notMet");
        boolean metShown = m.shows(met);
        return new Shown(
                m.count(members),
                m.count(met),
                m.count(notMet),
                row.members() == 0 ? "" : m.derived(() -> format("%.1f", row.percentMet()), met, members),
                metShown ? m.count(key(level, where, "byMiles")) : CellSuppression.MASK,
                metShown ? m.count(key(level, where, "byMinutes")) : CellSuppression.MASK,
                metShown ? m.count(key(level, where, "byAlternative")) : CellSuppression.MASK,
                m.derived(miles(row.averageMiles()), members),
                m.derived(miles(row.maxMiles()), members),
                !m.shows(members, met, notMet));
    }

    private static Supplier<String> miles(double value) {
        return () -> Double.isInfinite(value) || Double.isNaN(value) ? "—" : format("%.1f", value);
    }

    private static String format(String pattern, double value) {
        return String.format(Locale.ROOT, pattern, value);
    }

    private static Object key(String level, String where, String field) {
        return List.of(level, where, field);
    }

    private CellSuppression.Masking masking(String line, String type) {
        return maskings.computeIfAbsent(
                line + '|' + type,
                k -> CellSuppression.apply(publication(byCell.getOrDefault(k, List.of())), suppress));
    }

    /** Everything published about one product line and provider type, with how it adds up. */
    static Publication publication(List<ZipResult> results) {
        var p = new Publication();
        var county = AdequacyReport.byLineAndType(results);
        if (county.isEmpty()) {
            return p;
        }
        addRow(p, "county", county.getFirst());
        for (String level : List.of("spa", "region")) {
            var rows = level.equals("spa") ? AdequacyReport.bySpa(results) : AdequacyReport.byRegion(results);
            rows.forEach(r -> addRow(p, level, r));
            for (String f : FIELDS) {
                p.sum(
                        key("county", "county0", f),
                        rows.stream().map(r -> key(level, level + r.key(), f)).toList());
            }
        }
        // the gap rows: members in the ZIP and outside the standard; met in the ZIP is not published
        Map<String, List<Object>> notMetParts = new HashMap<>();
        Map<String, List<Object>> memberParts = new HashMap<>();
        Map<String, Long> restMembers = new HashMap<>();
        for (ZipResult z : results) {
            String spa = "spa" + z.spa();
            String region = "region" + z.rcacRegion();
            if (z.notMet() > 0) {
                Object members = key("zip", z.zip(), "members");
                Object notMet = key("zip", z.zip(), "notMet");
                p.count(members, z.members())
                        .count(notMet, z.notMet())
                        .unpublished(key("zip", z.zip(), "met"), z.met());
                p.sum(members, key("zip", z.zip(), "met"), notMet);
                for (String where : List.of("county0", spa, region)) {
                    notMetParts.computeIfAbsent(where, k -> new ArrayList<>()).add(notMet);
                    memberParts.computeIfAbsent(where, k -> new ArrayList<>()).add(members);
                }
            } else {
                for (String where : List.of("county0", spa, region)) {
                    restMembers.merge(where, (long) z.members(), Long::sum);
                }
            }
        }
        notMetParts.forEach((where, parts) -> p.sum(key(level(where), where, "notMet"), parts));
        for (String where : memberParts.keySet()) {
            List<Object> parts = new ArrayList<>(memberParts.get(where));
            Object rest = key("rest", where, "members");
            p.unpublished(rest, restMembers.getOrDefault(where, 0L));
            parts.add(rest);
            p.sum(key(level(where), where, "members"), parts);
        }
        return p;
    }

    private static String level(String where) {
        return where.startsWith("county") ? "county" : where.startsWith("spa") ? "spa" : "region";
    }

    private static void addRow(Publication p, String level, AdequacyReport.Row r) {
        String where = level + r.key();
        long[] values = {r.members(), r.met(), r.notMet(), r.metByMiles(), r.metByMinutes(), r.metByAlternative()};
        for (int i = 0; i < FIELDS.length; i++) {
            p.count(key(level, where, FIELDS[i]), values[i]);
        }
        p.sum(key(level, where, "members"), key(level, where, "met"), key(level, where, "notMet"));
    }
}
