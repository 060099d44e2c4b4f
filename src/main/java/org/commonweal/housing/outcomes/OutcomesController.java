package org.commonweal.housing.outcomes;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.commonweal.audit.AuditAction;
import org.commonweal.audit.AuditEntry;
import org.commonweal.audit.AuditTrail;
import org.commonweal.housing.HudCodes.DestinationClass;
import org.commonweal.platform.CellSuppression;
import org.commonweal.platform.Csv;
import org.commonweal.platform.PlanIdentity;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

@Controller
class OutcomesController {

    /** One line of the table as shown: counts and rates already suppressed where the viewer needs it. */
    record Line(
            String group,
            String enrolled,
            String housed,
            String retention6,
            String retention12,
            List<String> exits,
            String returns,
            String medianDays,
            Double retention6Value,
            Double retention12Value) {}

    static final List<String> HEADER = List.of(
            "group",
            "enrolled",
            "housed",
            "retention_6m",
            "retention_12m",
            "exits_homeless",
            "exits_institutional",
            "exits_temporary",
            "exits_permanent",
            "exits_other",
            "returns_to_homelessness_12m",
            "median_days_to_move_in");

    private final OutcomeReport report;
    private final OutcomeMasks masks;
    private final AuditTrail audit;

    private final ZoneId zone;

    OutcomesController(OutcomeReport report, OutcomeMasks masks, AuditTrail audit, PlanIdentity plan) {
        this.masks = masks;
        this.zone = plan.timeZone();
        this.report = report;
        this.audit = audit;
    }

    @GetMapping("/housing/outcomes")
    String page(@RequestParam(defaultValue = "program") String by, Authentication auth, Model model) {
        var groupBy = groupBy(by);
        boolean suppress = suppress(auth);
        audit.record(new AuditEntry(
                AuditAction.SEARCH,
                "housing-outcomes",
                null,
                null,
                "program outcomes",
                "by " + groupBy.name().toLowerCase(java.util.Locale.ROOT)));
        model.addAttribute("lines", lines(groupBy, suppress));
        model.addAttribute("by", groupBy.name().toLowerCase(Locale.ROOT));
        model.addAttribute("suppressed", suppress);
        model.addAttribute("classes", DestinationClass.values());
        return "housing/outcomes";
    }

    @GetMapping("/housing/outcomes.csv")
    void csv(@RequestParam(defaultValue = "program") String by, Authentication auth, HttpServletResponse response)
            throws IOException {
        var groupBy = groupBy(by);
        audit.record(new AuditEntry(
                AuditAction.EXPORT,
                "housing-outcomes",
                null,
                null,
                "program outcomes",
                "csv by " + groupBy.name().toLowerCase(java.util.Locale.ROOT)));
        response.setContentType("text/csv;charset=UTF-8");
        response.setHeader("Content-Disposition", "attachment; filename=\"housing-outcomes.csv\"");
        try (var csv = Csv.to(response.getWriter())) {
            csv.row(HEADER);
            for (Line l : lines(groupBy, suppress(auth))) {
                List<String> cells =
                        new ArrayList<>(List.of(l.group(), l.enrolled(), l.housed(), l.retention6(), l.retention12()));
                cells.addAll(l.exits());
                cells.add(l.returns());
                cells.add(l.medianDays());
                csv.row(cells);
            }
        }
    }

    /**
     * The lines of one grouping as shown. Both groupings count the same stays and are protected together
     * ({@link OutcomeMasks}). Rates are over counts that are not published (those due a check): masked when either
     * count is small.
     */
    private List<Line> lines(OutcomeReport.GroupBy groupBy, boolean suppress) {
        LocalDate today = LocalDate.now(zone);
        Map<OutcomeReport.GroupBy, List<OutcomeReport.Row>> both;
        if (suppress) {
            both = report.both(today);
        } else {
            both = new EnumMap<>(OutcomeReport.GroupBy.class);
            for (var g : OutcomeReport.GroupBy.values()) {
                both.put(g, g == groupBy ? report.rows(g, today) : List.of());
            }
        }
        var m = masks.masking(groupBy, both, suppress);
        List<Line> lines = new ArrayList<>();
        for (OutcomeReport.Row r : both.get(groupBy)) {
            List<String> exits = r.exits().keySet().stream()
                    .map(k -> m.count(List.of(groupBy, r.group(), "exit:" + k)))
                    .toList();
            boolean hide6 = suppress && (CellSuppression.small(r.retained6()) || CellSuppression.small(r.due6()));
            boolean hide12 = suppress && (CellSuppression.small(r.retained12()) || CellSuppression.small(r.due12()));
            boolean housedMasked = m.masked(List.of(groupBy, r.group(), "housed"));
            lines.add(new Line(
                    r.group(),
                    m.count(List.of(groupBy, r.group(), "enrolled")),
                    m.count(List.of(groupBy, r.group(), "housed")),
                    rate(r.retained6(), r.due6(), suppress),
                    rate(r.retained12(), r.due12(), suppress),
                    exits,
                    rate(r.returned(), r.exitsToPermanentDue(), suppress),
                    r.medianDaysToMoveIn() == null || housedMasked
                            ? ""
                            : r.medianDaysToMoveIn().toString(),
                    hide6 || r.due6() == 0 ? null : Math.round(1000.0 * r.retained6() / r.due6()) / 10.0,
                    hide12 || r.due12() == 0 ? null : Math.round(1000.0 * r.retained12() / r.due12()) / 10.0));
        }
        return lines;
    }

    /** A percentage with one decimal, masked when either count is small, empty when there is no denominator. */
    static String rate(long numerator, long denominator, boolean suppress) {
        if (denominator == 0) {
            return "";
        }
        if (suppress && (CellSuppression.small(numerator) || CellSuppression.small(denominator))) {
            return CellSuppression.MASK;
        }
        return String.format(Locale.ROOT, "%.1f%%", 100.0 * numerator / denominator);
    }

    /** Analysts are outside the care team: small cells hidden. Case managers and administrators see counts. */
    static boolean suppress(Authentication auth) {
        return auth.getAuthorities().stream()
                .noneMatch(a -> a.getAuthority().equals("ROLE_ADMIN")
                        || a.getAuthority().equals("ROLE_CASE_MANAGER"));
    }

    private static OutcomeReport.GroupBy groupBy(String by) {
        return switch (by) {
            case "spa" -> OutcomeReport.GroupBy.SPA;
            case "program" -> OutcomeReport.GroupBy.PROGRAM;
            default -> throw new IllegalArgumentException("by: program or spa, not '" + by + "'");
        };
    }
}
