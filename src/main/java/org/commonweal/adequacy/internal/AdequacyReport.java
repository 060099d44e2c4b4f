package org.commonweal.adequacy.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.commonweal.adequacy.engine.ZipResult;

/**
 * Rolls a run's results per ZIP up to product line × provider type, by SPA or RCAC region, and lists the gaps;
 * small cells are suppressed by {@link AdequacyDisclosure} when the reader is not on the network team.
 */
public final class AdequacyReport {

    /** One row of a roll-up. {@code key} is the SPA or region number, or 0 for the whole county. */
    public record Row(
            String productLine,
            String providerType,
            int key,
            long members,
            long met,
            long metByMiles,
            long metByMinutes,
            long metByAlternative,
            double maxMiles,
            double sumMiles) {

        public long notMet() {
            return members - met;
        }

        public double percentMet() {
            return members == 0 ? 0 : 100.0 * met / members;
        }

        public double averageMiles() {
            return members == 0 ? 0 : sumMiles / members;
        }
    }

    public static List<Row> byLineAndType(List<ZipResult> results) {
        return rollUp(results, r -> 0);
    }

    public static List<Row> bySpa(List<ZipResult> results) {
        return rollUp(results, ZipResult::spa);
    }

    public static List<Row> byRegion(List<ZipResult> results) {
        return rollUp(results, ZipResult::rcacRegion);
    }

    private static List<Row> rollUp(List<ZipResult> results, Function<ZipResult, Integer> key) {
        Map<String, Row> rows = new LinkedHashMap<>();
        for (ZipResult r : results) {
            int k = key.apply(r);
            rows.merge(
                    r.productLine() + '|' + r.providerType() + '|' + k,
                    new Row(
                            r.productLine(),
                            r.providerType(),
                            k,
                            r.members(),
                            r.met(),
                            r.metByMiles(),
                            r.metByMinutes(),
                            r.metByAlternative(),
                            r.maxMiles(),
                            r.sumMiles()),
                    (a, b) -> new Row(
                            a.productLine(),
                            a.providerType(),
                            a.key(),
                            a.members() + b.members(),
                            a.met() + b.met(),
                            a.metByMiles() + b.metByMiles(),
                            a.metByMinutes() + b.metByMinutes(),
                            a.metByAlternative() + b.metByAlternative(),
                            Math.max(a.maxMiles(), b.maxMiles()),
                            a.sumMiles() + b.sumMiles()));
        }
        List<Row> list = new ArrayList<>(rows.values());
        list.sort(Comparator.comparing(Row::productLine)
                .thenComparing(Row::providerType)
                .thenComparing(Row::key));
        return list;
    }

    /** ZIPs with members outside the standard, most members outside first. */
    public static List<ZipResult> gaps(List<ZipResult> results) {
        return results.stream()
                .filter(r -> r.notMet() > 0)
                .sorted(Comparator.comparingInt(ZipResult::notMet).reversed().thenComparing(ZipResult::zip))
                .toList();
    }

    private AdequacyReport() {}
}
