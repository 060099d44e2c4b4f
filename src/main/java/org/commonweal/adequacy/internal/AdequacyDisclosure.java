package org.commonweal.adequacy.internal;

import static org.commonweal.platform.CellSuppression.MASK;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
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

    /** The masks of one publication (a product line and provider type of a run) and what they were decided over. */
    public record CellMasks(
            String productLine,
            String providerType,
            String digest,
            Set<String> masked,
            int smallCells,
            int unaudited,
            long millis) {}

    private final Map<String, List<ZipResult>> byCell = new LinkedHashMap<>();
    private final boolean suppress;
    private final Map<String, CellMasks> stored;
    private final Consumer<CellMasks> decidedOnView;
    private final Map<String, Set<String>> masks = new HashMap<>();

    private AdequacyDisclosure(
            List<ZipResult> results,
            boolean suppress,
            Map<String, CellMasks> stored,
            Consumer<CellMasks> decidedOnView) {
        this.suppress = suppress;
        this.stored = stored;
        this.decidedOnView = decidedOnView;
        results.forEach(r -> byCell.computeIfAbsent(cell(r.productLine(), r.providerType()), k -> new ArrayList<>())
                .add(r));
    }

    /** A run's figures with every publication's masks decided on this view. */
    public static AdequacyDisclosure of(List<ZipResult> results, boolean suppress) {
        return new AdequacyDisclosure(results, suppress, Map.of(), m -> {});
    }

    /**
     * A run's figures for a reader outside the network team, with the masks decided before ({@code stored}, by
     * {@link #cell}): a stored entry is used only when its digest is that of this run's results for the publication
     * under this rule; any other publication is decided on the view and handed to {@code decidedOnView}.
     */
    static AdequacyDisclosure suppressed(
            List<ZipResult> results, Map<String, CellMasks> stored, Consumer<CellMasks> decidedOnView) {
        return new AdequacyDisclosure(results, true, stored, decidedOnView);
    }

    /** A run's results by publication ({@link #cell} of product line and provider type), in the order read. */
    static Map<String, List<ZipResult>> byCell(List<ZipResult> results) {
        return of(results, true).byCell;
    }

    static String cell(String productLine, String providerType) {
        return productLine + '|' + providerType;
    }

    public boolean suppressed() {
        return suppress;
    }

    /** A roll-up row (key 0 for the county) and its figures as shown; {@code hidden} when any count is masked. */
    public record Shown(
            AdequacyReport.Row row,
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
        var m = masks(z.productLine(), z.providerType());
        String members = key("zip", z.zip(), "members");
        return new ShownZip(
                count(m, members, z.members()),
                count(m, key("zip", z.zip(), "notMet"), z.notMet()),
                !m.contains(members));
    }

    private Shown shown(AdequacyReport.Row row, String level) {
        var m = masks(row.productLine(), row.providerType());
        String where = level + row.key();
        String members = key(level, where, "members");
        String met = key(level, where, "met");
        String notMet = key(level, where, "notMet");
        boolean metShown = !m.contains(met);
        boolean membersShown = !m.contains(members);
        return new Shown(
                row,
                count(m, members, row.members()),
                count(m, met, row.met()),
                count(m, notMet, row.notMet()),
                row.members() == 0 ? "" : metShown && membersShown ? format("%.1f", row.percentMet()) : MASK,
                metShown ? count(m, key(level, where, "byMiles"), row.metByMiles()) : MASK,
                metShown ? count(m, key(level, where, "byMinutes"), row.metByMinutes()) : MASK,
                metShown ? count(m, key(level, where, "byAlternative"), row.metByAlternative()) : MASK,
                membersShown ? miles(row.averageMiles()) : MASK,
                membersShown ? miles(row.maxMiles()) : MASK,
                !(membersShown && metShown && !m.contains(notMet)));
    }

    private static String count(Set<String> masked, String key, long value) {
        return masked.contains(key) ? MASK : Long.toString(value);
    }

    private static String miles(double value) {
        return Double.isInfinite(value) || Double.isNaN(value) ? "—" : format("%.1f", value);
    }

    private static String format(String pattern, double value) {
        return String.format(Locale.ROOT, pattern, value);
    }

    /** A count's key in a publication, as stored: {@code county/county0/met}, {@code zip/90001/notMet}. */
    private static String key(String level, String where, String field) {
        return level + '/' + where + '/' + field;
    }

    /** The masked keys of one publication: stored when they are this publication's, otherwise decided now. */
    private Set<String> masks(String line, String type) {
        if (!suppress) {
            return Set.of();
        }
        return masks.computeIfAbsent(cell(line, type), k -> {
            List<ZipResult> results = byCell.getOrDefault(k, List.of());
            CellMasks kept = stored.get(k);
            if (kept != null && kept.digest().equals(digest(results))) {
                return kept.masked();
            }
            CellMasks decided = decide(line, type, results);
            decidedOnView.accept(decided);
            return decided.masked();
        });
    }

    /** Decides the masks of one publication by the plan's rule. */
    static CellMasks decide(String line, String type, List<ZipResult> results) {
        long started = System.nanoTime();
        List<String> shown = new ArrayList<>();
        CellSuppression.Masking masking = CellSuppression.protect(publication(results, shown));
        Set<String> masked = new HashSet<>();
        shown.stream().filter(masking::masked).forEach(masked::add);
        return new CellMasks(
                line,
                type,
                digest(results),
                Set.copyOf(masked),
                masking.smallCells(),
                masking.unaudited(),
                (System.nanoTime() - started) / 1_000_000);
    }

    /**
     * How this class lays a publication out for the rule: the rows and relations of {@link #publication} (county, SPA
     * and region rows summing to the county, gap rows per ZIP, members = met + not met, the met-by columns masked with
     * met). Bump it when the rule or the publication's layout changes: masks stored under the old version are then
     * decided again. Stored with the masks through {@link #digest}; unlike the class files it replaces, it does not
     * change with every build, so a deploy leaves the stored masks standing.
     */
    static final String LAYOUT_VERSION = "adequacy-publication-v1: county, SPA and region rows (each level sums to the"
            + " county), gap rows per ZIP (members = met in the ZIP, unpublished, + not met; other ZIPs' members"
            + " unpublished), members = met + not met per row, met by miles / minutes / alternative masked with met";

    /** The rule and layout versions together, as {@link #digest} starts with them. */
    private static final String RULE = CellSuppression.VERSION + '\n' + LAYOUT_VERSION + '\n';

    /** Names the rule and layout alone: stored beside each publication's digest, compared without the results. */
    static final String RULE_DIGEST = HexFormat.of().formatHex(sha256().digest(RULE.getBytes(StandardCharsets.UTF_8)));

    /**
     * Names exactly what a publication's masks are decided over: the rule ({@link CellSuppression#VERSION}), the
     * publication's layout ({@link #LAYOUT_VERSION}) and its results, field by field in the order read. Masks stored
     * under another digest belong to other figures or another rule.
     */
    static String digest(List<ZipResult> results) {
        var sha = sha256();
        sha.update(RULE.getBytes(StandardCharsets.UTF_8));
        for (ZipResult r : results) {
            sha.update((r.productLine()
                            + '|'
                            + r.providerType()
                            + '|'
                            + r.zip()
                            + '|'
                            + r.spa()
                            + '|'
                            + r.rcacRegion()
                            + '|'
                            + r.members()
                            + '|'
                            + r.met()
                            + '|'
                            + r.metByMiles()
                            + '|'
                            + r.metByMinutes()
                            + '|'
                            + r.metByAlternative()
                            + '\n')
                    .getBytes(StandardCharsets.UTF_8));
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    private static java.security.MessageDigest sha256() {
        try {
            return java.security.MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Everything published about one product line and provider type, with how it adds up; the keys of the counts
     * shown are added to {@code shown}.
     */
    static Publication publication(List<ZipResult> results, List<String> shown) {
        var p = new Publication();
        var county = AdequacyReport.byLineAndType(results);
        if (county.isEmpty()) {
            return p;
        }
        addRow(p, shown, "county", county.getFirst());
        for (String level : List.of("spa", "region")) {
            var rows = level.equals("spa") ? AdequacyReport.bySpa(results) : AdequacyReport.byRegion(results);
            rows.forEach(r -> addRow(p, shown, level, r));
            for (String f : FIELDS) {
                p.sum(
                        key("county", "county0", f),
                        rows.stream().map(r -> key(level, level + r.key(), f)).toList());
            }
        }
        // the gap rows: members in the ZIP and outside the standard; met in the ZIP is not published
        Map<String, List<String>> notMetParts = new HashMap<>();
        Map<String, List<String>> memberParts = new HashMap<>();
        Map<String, Long> restMembers = new HashMap<>();
        for (ZipResult z : results) {
            String spa = "spa" + z.spa();
            String region = "region" + z.rcacRegion();
            if (z.notMet() > 0) {
                String members = key("zip", z.zip(), "members");
                String notMet = key("zip", z.zip(), "notMet");
                shown.add(members);
                shown.add(notMet);
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
            List<String> parts = new ArrayList<>(memberParts.get(where));
            String rest = key("rest", where, "members");
            p.unpublished(rest, restMembers.getOrDefault(where, 0L));
            parts.add(rest);
            p.sum(key(level(where), where, "members"), parts);
        }
        return p;
    }

    private static String level(String where) {
        return where.startsWith("county") ? "county" : where.startsWith("spa") ? "spa" : "region";
    }

    private static void addRow(Publication p, List<String> shown, String level, AdequacyReport.Row r) {
        String where = level + r.key();
        long[] values = {r.members(), r.met(), r.notMet(), r.metByMiles(), r.metByMinutes(), r.metByAlternative()};
        for (int i = 0; i < FIELDS.length; i++) {
            shown.add(key(level, where, FIELDS[i]));
            p.count(key(level, where, FIELDS[i]), values[i]);
        }
        p.sum(key(level, where, "members"), key(level, where, "met"), key(level, where, "notMet"));
    }
}
