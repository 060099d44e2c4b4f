package org.commonweal.housing.outcomes;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.commonweal.audit.AuditAction;
import org.commonweal.audit.AuditEntry;
import org.commonweal.audit.AuditTrail;
import org.commonweal.platform.CellSuppression;
import org.commonweal.platform.PlanIdentity;
import org.commonweal.platform.Publication;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** Coverage before and after housing, by program; small cells suppressed for analysts. */
@Controller
class HealthUseController {

    /** A row as shown: every count and mean already suppressed where the viewer needs it. */
    record Line(
            String group,
            String housed,
            String notMember,
            String tooRecent,
            String noCoverageData,
            String measured,
            String meanBefore,
            String meanAfter,
            String gapBefore,
            String gapAfter,
            String pcpBefore,
            String pcpAfter,
            Double meanBeforeValue,
            Double meanAfterValue) {}

    private final HealthUseReport report;
    private final AuditTrail audit;

    private final ZoneId zone;

    HealthUseController(HealthUseReport report, AuditTrail audit, PlanIdentity plan) {
        this.zone = plan.timeZone();
        this.report = report;
        this.audit = audit;
    }

    @GetMapping("/housing/outcomes/health")
    String page(Authentication auth, Model model) {
        boolean suppress = OutcomesController.suppress(auth);
        audit.record(new AuditEntry(
                AuditAction.SEARCH,
                "housing-health-use",
                null,
                null,
                HealthUseReport.PURPOSE,
                "coverage 12 months before and after move-in, by program"));
        LocalDate today = LocalDate.now(zone);
        model.addAttribute("lines", lines(report.rows(today), suppress));
        model.addAttribute("suppressed", suppress);
        return "housing/health-use";
    }

    private static final String[] COUNTS = {"housed", "notMember", "tooRecent", "noCoverageData", "measured"};

    private static long[] counts(HealthUseReport.Row r) {
        return new long[] {r.housed(), r.notMember(), r.tooRecent(), r.noCoverageData(), r.measured()};
    }

    /**
     * The rows (programs, then the total) as shown: the counts of every row and the total row are one
     * {@link Publication} (each column of the total is the sum of the programs', and in each row the people housed
     * are those not members, too recent, without coverage data and measured), put through the plan's rule; means and
     * rates over a masked "measured" are masked, and so is a rate whose own count is small.
     */
    static List<Line> lines(List<HealthUseReport.Row> rows, boolean suppress) {
        var p = new Publication();
        HealthUseReport.Row total = null;
        List<HealthUseReport.Row> programs = new ArrayList<>();
        for (var r : rows) {
            long[] c = counts(r);
            for (int i = 0; i < COUNTS.length; i++) {
                p.count(List.of(r.group(), COUNTS[i]), c[i]);
            }
            p.relate(
                    List.of(r.group(), "housed"),
                    List.of(
                            List.of(r.group(), "notMember"),
                            List.of(r.group(), "tooRecent"),
                            List.of(r.group(), "noCoverageData"),
                            List.of(r.group(), "measured")));
            if (r.group().equals("total")) {
                total = r;
            } else {
                programs.add(r);
            }
        }
        if (total != null) {
            for (String column : COUNTS) {
                p.relate(
                        List.of("total", column),
                        programs.stream()
                                .map(r -> (Object) List.of(r.group(), column))
                                .toList());
            }
        }
        var m = CellSuppression.apply(p, suppress);
        return rows.stream().map(r -> line(r, m, suppress)).toList();
    }

    private static Line line(HealthUseReport.Row r, CellSuppression.Masking m, boolean suppress) {
        Object measured = List.of(r.group(), "measured");
        boolean hideMeans = r.measured() == 0 || m.masked(measured);
        String hidden = r.measured() == 0 ? "" : CellSuppression.MASK;
        return new Line(
                r.group(),
                m.count(List.of(r.group(), "housed")),
                m.count(List.of(r.group(), "notMember")),
                m.count(List.of(r.group(), "tooRecent")),
                m.count(List.of(r.group(), "noCoverageData")),
                m.count(measured),
                hideMeans ? hidden : mean(r.monthsBefore(), r.measured()),
                hideMeans ? hidden : mean(r.monthsAfter(), r.measured()),
                rate(r.gapBefore(), r.measured(), hideMeans, suppress),
                rate(r.gapAfter(), r.measured(), hideMeans, suppress),
                rate(r.pcpBefore(), r.measured(), hideMeans, suppress),
                rate(r.pcpAfter(), r.measured(), hideMeans, suppress),
                hideMeans ? null : value(r.monthsBefore(), r.measured()),
                hideMeans ? null : value(r.monthsAfter(), r.measured()));
    }

    /** A percentage of the measured, masked with them or when its own count is small. */
    static String rate(long numerator, long denominator, boolean denominatorMasked, boolean suppress) {
        if (denominator == 0) {
            return "";
        }
        if (denominatorMasked || suppress && CellSuppression.small(numerator)) {
            return CellSuppression.MASK;
        }
        return String.format(java.util.Locale.ROOT, "%.1f%%", 100.0 * numerator / denominator);
    }

    private static String mean(long sum, long n) {
        return String.format(java.util.Locale.ROOT, "%.1f", value(sum, n));
    }

    private static double value(long sum, long n) {
        return Math.round(10.0 * sum / n) / 10.0;
    }
}
