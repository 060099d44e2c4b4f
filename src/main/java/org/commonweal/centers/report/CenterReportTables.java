package org.commonweal.centers.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.commonweal.centers.report.CenterReports.AttendanceRow;
import org.commonweal.centers.report.CenterReports.VisitRow;
import org.commonweal.platform.CellSuppression;
import org.commonweal.platform.Publication;

/**
 * The centers' report as it may be shown: the visits table with its row totals and its total row (per plan and
 * overall: any other breakdown of the same period gives them away, so they are published here too), and the
 * attendance table, put through the plan's {@link CellSuppression} rule together when the reader is outside the care
 * team. The page and the CSV show the same cells, so reading both gives nothing more.
 */
public record CenterReportTables(
        List<VisitLine> visits, VisitLine total, List<AttendanceLine> attendance, boolean suppressed) {

    private static final List<String> PLANS = List.of("lacare", "bsp", "community");

    public record VisitLine(
            String group,
            String lacare,
            String bsp,
            String community,
            String total,
            Long chartLacare,
            Long chartBsp,
            Long chartCommunity) {}

    public record AttendanceLine(
            String center,
            String category,
            String sessions,
            String capacity,
            String seated,
            String fillRate,
            String attended,
            String noShow,
            String noShowRate,
            String waitlisted) {}

    public static CenterReportTables of(List<VisitRow> visits, List<AttendanceRow> attendance, boolean suppress) {
        var p = new Publication();
        long[] planTotals = new long[3];
        for (VisitRow v : visits) {
            long[] counts = {v.lacare(), v.bsp(), v.community()};
            List<Object> parts = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                p.count(List.of("v", String.valueOf(v.group()), PLANS.get(i)), counts[i]);
                parts.add(List.of("v", String.valueOf(v.group()), PLANS.get(i)));
                planTotals[i] += counts[i];
            }
            p.count(List.of("v", String.valueOf(v.group()), "total"), v.total())
                    .sum(List.of("v", String.valueOf(v.group()), "total"), parts);
        }
        List<Object> totalParts = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String plan = PLANS.get(i);
            p.count(List.of("t", plan), planTotals[i]);
            p.sum(
                    List.of("t", plan),
                    visits.stream()
                            .map(v -> (Object) List.of("v", String.valueOf(v.group()), plan))
                            .toList());
            totalParts.add(List.of("t", plan));
        }
        long all = planTotals[0] + planTotals[1] + planTotals[2];
        p.count(List.of("t", "total"), all).sum(List.of("t", "total"), totalParts);
        p.sum(
                List.of("t", "total"),
                visits.stream()
                        .map(v -> (Object) List.of("v", String.valueOf(v.group()), "total"))
                        .toList());
        for (AttendanceRow a : attendance) {
            long[] counts = {a.sessions(), a.capacity(), a.seated(), a.attended(), a.noShow(), a.waitlisted()};
            for (int i = 0; i < counts.length; i++) {
                p.count(List.of("a", a.center(), a.category(), i), counts[i]);
            }
        }
        var m = CellSuppression.apply(p, suppress);
        List<VisitLine> lines = new ArrayList<>();
        for (VisitRow v : visits) {
            lines.add(line(m, v.group(), List.of("v", String.valueOf(v.group()))));
        }
        List<AttendanceLine> attendanceLines = new ArrayList<>();
        for (AttendanceRow a : attendance) {
            Object sessions = List.of("a", a.center(), a.category(), 0);
            Object capacity = List.of("a", a.center(), a.category(), 1);
            Object seated = List.of("a", a.center(), a.category(), 2);
            Object attended = List.of("a", a.center(), a.category(), 3);
            Object noShow = List.of("a", a.center(), a.category(), 4);
            Object waitlisted = List.of("a", a.center(), a.category(), 5);
            attendanceLines.add(new AttendanceLine(
                    a.center(),
                    a.category(),
                    m.count(sessions),
                    m.count(capacity),
                    m.count(seated),
                    a.fillRate() == null ? "" : m.derived(() -> percent(a.fillRate()), seated, capacity),
                    m.count(attended),
                    m.count(noShow),
                    a.noShowRate() == null ? "" : m.derived(() -> percent(a.noShowRate()), noShow, attended),
                    m.count(waitlisted)));
        }
        return new CenterReportTables(lines, line(m, null, List.of("t")), attendanceLines, m.active());
    }

    private static VisitLine line(CellSuppression.Masking m, String group, List<String> prefix) {
        List<Object> keys = new ArrayList<>();
        for (String column : List.of("lacare", "bsp", "community", "total")) {
            List<String> key = new ArrayList<>(prefix);
            key.add(column);
            keys.add(List.copyOf(key));
        }
        return new VisitLine(
                group,
                m.count(keys.get(0)),
                m.count(keys.get(1)),
                m.count(keys.get(2)),
                m.count(keys.get(3)),
                m.chart(keys.get(0)),
                m.chart(keys.get(1)),
                m.chart(keys.get(2)));
    }

    private static String percent(double ratio) {
        return String.format(Locale.ROOT, "%.1f%%", 100.0 * ratio);
    }
}
