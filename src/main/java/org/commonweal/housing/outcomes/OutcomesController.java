package org.commonweal.housing.outcomes;

import java.io.IOException;
import java.io.PrintWriter;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import jakarta.servlet.http.HttpServletResponse;
import org.commonweal.audit.AuditAction;
import org.commonweal.audit.AuditEntry;
import org.commonweal.audit.AuditTrail;
import org.commonweal.housing.HudCodes.DestinationClass;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

@Controller
class OutcomesController {

    /** One line of the table as shown: counts and rates already suppressed where the viewer needs it. */
    record Line(String group, String enrolled, String housed, String retention6, String retention12,
            List<String> exits, String returns, String medianDays, Double retention6Value, Double retention12Value) {
    }

    static final List<String> HEADER = List.of("group", "enrolled", "housed", "retention_6m", "retention_12m",
            "exits_homeless", "exits_institutional", "exits_temporary", "exits_permanent", "exits_other",
            "returns_to_homelessness_12m", "median_days_to_move_in");

    private final OutcomeReport report;
    private final AuditTrail audit;

    OutcomesController(OutcomeReport report, AuditTrail audit) {
        this.report = report;
        this.audit = audit;
    }

    @GetMapping("/housing/outcomes")
    String page(@RequestParam(defaultValue = "program") String by, Authentication auth, Model model) {
        var groupBy = groupBy(by);
        boolean suppress = suppress(auth);
        audit.record(new AuditEntry(AuditAction.SEARCH, "housing-outcomes", null, null, "program outcomes",
                "by " + groupBy));
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
        audit.record(new AuditEntry(AuditAction.EXPORT, "housing-outcomes", null, null, "program outcomes",
                "csv by " + groupBy));
        response.setContentType("text/csv;charset=UTF-8");
        response.setHeader("Content-Disposition", "attachment; filename=\"housing-outcomes.csv\"");
        PrintWriter out = response.getWriter();
        out.println(String.join(",", HEADER));
        for (Line l : lines(groupBy, suppress(auth))) {
            List<String> cells = new ArrayList<>(List.of(l.group(), l.enrolled(), l.housed(), l.retention6(),
                    l.retention12()));
            cells.addAll(l.exits());
            cells.add(l.returns());
            cells.add(l.medianDays());
            out.println(String.join(",", cells.stream().map(OutcomesController::csvCell).toList()));
        }
        out.flush();
    }

    private List<Line> lines(OutcomeReport.GroupBy groupBy, boolean suppress) {
        LocalDate today = LocalDate.now(ZoneId.of("America/Los_Angeles"));
        List<Line> lines = new ArrayList<>();
        for (OutcomeReport.Row r : report.rows(groupBy, today)) {
            List<String> exits = r.exits().values().stream().map(n -> Suppression.count(n, suppress)).toList();
            boolean hide6 = suppress && (Suppression.small(r.retained6()) || Suppression.small(r.due6()));
            boolean hide12 = suppress && (Suppression.small(r.retained12()) || Suppression.small(r.due12()));
            lines.add(new Line(r.group(), Suppression.count(r.enrolled(), suppress),
                    Suppression.count(r.housed(), suppress), Suppression.rate(r.retained6(), r.due6(), suppress),
                    Suppression.rate(r.retained12(), r.due12(), suppress), exits,
                    Suppression.rate(r.returned(), r.exitsToPermanentDue(), suppress),
                    r.medianDaysToMoveIn() == null || (suppress && Suppression.small(r.housed())) ? ""
                            : r.medianDaysToMoveIn().toString(),
                    hide6 || r.due6() == 0 ? null : Math.round(1000.0 * r.retained6() / r.due6()) / 10.0,
                    hide12 || r.due12() == 0 ? null : Math.round(1000.0 * r.retained12() / r.due12()) / 10.0));
        }
        return lines;
    }

    /** Analysts are outside the care team: small cells hidden. Case managers and administrators see counts. */
    static boolean suppress(Authentication auth) {
        return auth.getAuthorities().stream().noneMatch(a -> a.getAuthority().equals("ROLE_ADMIN")
                || a.getAuthority().equals("ROLE_CASE_MANAGER"));
    }

    private static OutcomeReport.GroupBy groupBy(String by) {
        return switch (by) {
            case "spa" -> OutcomeReport.GroupBy.SPA;
            case "program" -> OutcomeReport.GroupBy.PROGRAM;
            default -> throw new IllegalArgumentException("by: program or spa, not '" + by + "'");
        };
    }

    private static String csvCell(String value) {
        String safe = value.matches("^[=+\\-@].*") ? "'" + value : value;
        return safe.contains(",") || safe.contains("\"") ? "\"" + safe.replace("\"", "\"\"") + "\"" : safe;
    }
}
