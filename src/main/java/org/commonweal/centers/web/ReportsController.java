package org.commonweal.centers.web;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.stream.Collectors;
import org.commonweal.audit.AuditAction;
import org.commonweal.audit.AuditEntry;
import org.commonweal.audit.AuditTrail;
import org.commonweal.centers.Centers;
import org.commonweal.centers.report.CenterReportTables;
import org.commonweal.centers.report.CenterReports;
import org.commonweal.platform.Csv;
import org.commonweal.platform.PlanIdentity;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

/** Reports for center staff (all counts) and analysts (counts 1–10 suppressed), as a page with charts and as CSV. */
@Controller
class ReportsController {

    private final CenterReports reports;
    private final Centers centers;
    private final AuditTrail audit;

    private final ZoneId zone;

    ReportsController(CenterReports reports, Centers centers, AuditTrail audit, PlanIdentity plan) {
        this.zone = plan.timeZone();
        this.reports = reports;
        this.centers = centers;
        this.audit = audit;
    }

    /** Center staff are the care team; anyone else who may see the reports gets suppressed cells. */
    static boolean suppress(Authentication auth) {
        return auth.getAuthorities().stream().noneMatch(a -> a.getAuthority().equals("ROLE_CENTER_STAFF"));
    }

    private CenterReportTables tables(String by, CenterReports.Filter f, Authentication auth) {
        return CenterReportTables.of(reports.visits(by, f), reports.attendance(f), suppress(auth));
    }

    private CenterReports.Filter filter(LocalDate from, LocalDate to, String center) {
        LocalDate today = LocalDate.now(zone);
        LocalDate end = to == null ? today : to;
        LocalDate start = from == null ? end.minusMonths(12).plusDays(1) : from;
        if (start.isAfter(end)) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "from is after to");
        }
        return new CenterReports.Filter(start, end, center == null || center.isBlank() ? null : center);
    }

    @GetMapping("/centers/reports")
    String page(
            @RequestParam(defaultValue = "month") String by,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
            @RequestParam(required = false) String center,
            Authentication auth,
            Model model) {
        if (!CenterReports.DIMENSIONS.containsKey(by)) {
            throw new ResponseStatusException(
                    HttpStatus.BAD_REQUEST, "by must be one of " + CenterReports.DIMENSIONS.keySet());
        }
        var f = filter(from, to, center);
        var t = tables(by, f, auth);
        var visits = t.visits();
        model.addAttribute("by", by);
        model.addAttribute("dimensions", List.of("month", "center", "service", "language", "spa"));
        model.addAttribute("filter", f);
        model.addAttribute("centers", centers.centers());
        model.addAttribute("t", t);
        model.addAttribute(
                "chartLabels",
                json(visits.stream().map(CenterReportTables.VisitLine::group).toList()));
        model.addAttribute(
                "chartLacare",
                json(visits.stream()
                        .map(CenterReportTables.VisitLine::chartLacare)
                        .toList()));
        model.addAttribute(
                "chartBsp",
                json(visits.stream().map(CenterReportTables.VisitLine::chartBsp).toList()));
        model.addAttribute(
                "chartCommunity",
                json(visits.stream()
                        .map(CenterReportTables.VisitLine::chartCommunity)
                        .toList()));
        return "centers/reports";
    }

    @GetMapping("/centers/reports.csv")
    void csv(
            @RequestParam(defaultValue = "month") String by,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
            @RequestParam(required = false) String center,
            Authentication auth,
            HttpServletResponse response)
            throws IOException {
        if (!CenterReports.DIMENSIONS.containsKey(by)) {
            throw new ResponseStatusException(
                    HttpStatus.BAD_REQUEST, "by must be one of " + CenterReports.DIMENSIONS.keySet());
        }
        var f = filter(from, to, center);
        var t = tables(by, f, auth);
        audit.record(new AuditEntry(
                AuditAction.EXPORT,
                "center-report",
                null,
                null,
                "center reporting",
                "by=" + by + " from=" + f.from() + " to=" + f.to() + (t.suppressed() ? " suppressed" : "")));
        response.setContentType("text/csv;charset=UTF-8");
        response.setHeader("Content-Disposition", "attachment; filename=\"center-visits-by-" + by + ".csv\"");
        try (var csv = Csv.to(response.getWriter())) {
            csv.row(by, "lacare", "bsp", "community", "total");
            for (var v : t.visits()) {
                csv.row(v.group(), v.lacare(), v.bsp(), v.community(), v.total());
            }
            var total = t.total();
            csv.row("total", total.lacare(), total.bsp(), total.community(), total.total());
            csv.blank();
            csv.row(
                    "center",
                    "category",
                    "sessions",
                    "capacity",
                    "seated",
                    "fill_rate",
                    "attended",
                    "no_show",
                    "no_show_rate",
                    "waitlisted");
            for (var a : t.attendance()) {
                csv.row(
                        a.center(),
                        a.category(),
                        a.sessions(),
                        a.capacity(),
                        a.seated(),
                        a.fillRate(),
                        a.attended(),
                        a.noShow(),
                        a.noShowRate(),
                        a.waitlisted());
            }
        }
    }

    static String json(List<?> values) {
        return values.stream()
                .map(v -> v == null
                        ? "null"
                        : v instanceof Number
                                ? v.toString()
                                : "\"" + v.toString().replace("\\", "\\\\").replace("\"", "\\\"") + "\"")
                .collect(Collectors.joining(",", "[", "]"));
    }
}
