package org.commonweal.housing.outcomes;

import java.time.LocalDate;
import java.time.ZoneId;

import org.commonweal.audit.AuditAction;
import org.commonweal.audit.AuditEntry;
import org.commonweal.audit.AuditTrail;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** Coverage before and after housing, by program; small cells suppressed for analysts. */
@Controller
class HealthUseController {

    /** A row as shown: every count and mean already suppressed where the viewer needs it. */
    record Line(String group, String housed, String notMember, String tooRecent, String noCoverageData,
            String measured, String meanBefore, String meanAfter, String gapBefore, String gapAfter,
            String pcpBefore, String pcpAfter, Double meanBeforeValue, Double meanAfterValue) {
    }

    private final HealthUseReport report;
    private final AuditTrail audit;

    HealthUseController(HealthUseReport report, AuditTrail audit) {
        this.report = report;
        this.audit = audit;
    }

    @GetMapping("/housing/outcomes/health")
    String page(Authentication auth, Model model) {
        boolean suppress = OutcomesController.suppress(auth);
        audit.record(new AuditEntry(AuditAction.SEARCH, "housing-health-use", null, null, HealthUseReport.PURPOSE,
                "coverage 12 months before and after move-in, by program"));
        LocalDate today = LocalDate.now(ZoneId.of("America/Los_Angeles"));
        model.addAttribute("lines", report.rows(today).stream().map(r -> line(r, suppress)).toList());
        model.addAttribute("suppressed", suppress);
        return "housing/health-use";
    }

    static Line line(HealthUseReport.Row r, boolean suppress) {
        boolean hideMeans = r.measured() == 0 || (suppress && Suppression.small(r.measured()));
        return new Line(r.group(), Suppression.count(r.housed(), suppress),
                Suppression.count(r.notMember(), suppress), Suppression.count(r.tooRecent(), suppress),
                Suppression.count(r.noCoverageData(), suppress), Suppression.count(r.measured(), suppress),
                hideMeans ? (r.measured() == 0 ? "" : Suppression.MASK) : mean(r.monthsBefore(), r.measured()),
                hideMeans ? (r.measured() == 0 ? "" : Suppression.MASK) : mean(r.monthsAfter(), r.measured()),
                Suppression.rate(r.gapBefore(), r.measured(), suppress),
                Suppression.rate(r.gapAfter(), r.measured(), suppress),
                Suppression.rate(r.pcpBefore(), r.measured(), suppress),
                Suppression.rate(r.pcpAfter(), r.measured(), suppress),
                hideMeans ? null : value(r.monthsBefore(), r.measured()),
                hideMeans ? null : value(r.monthsAfter(), r.measured()));
    }

    private static String mean(long sum, long n) {
        return String.format(java.util.Locale.ROOT, "%.1f", value(sum, n));
    }

    private static double value(long sum, long n) {
        return Math.round(10.0 * sum / n) / 10.0;
    }
}
