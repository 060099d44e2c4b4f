package org.commonweal.centers.web;

import java.io.IOException;
import java.io.PrintWriter;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Collectors;

import jakarta.servlet.http.HttpServletResponse;
import org.commonweal.audit.AuditAction;
import org.commonweal.audit.AuditEntry;
import org.commonweal.audit.AuditTrail;
import org.commonweal.centers.Centers;
import org.commonweal.centers.report.CenterReports;
import org.commonweal.centers.report.Suppression;
import org.commonweal.centers.schedule.SessionQueries;
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

    ReportsController(CenterReports reports, Centers centers, AuditTrail audit) {
        this.reports = reports;
        this.centers = centers;
        this.audit = audit;
    }

    /** Center staff are the care team; anyone else who may see the reports gets suppressed cells. */
    static Suppression suppression(Authentication auth) {
        boolean staff = auth.getAuthorities().stream().anyMatch(a -> a.getAuthority().equals("ROLE_CENTER_STAFF"));
        return new Suppression(!staff);
    }

    private CenterReports.Filter filter(LocalDate from, LocalDate to, String center) {
        LocalDate today = LocalDate.now(SessionQueries.ZONE);
        LocalDate end = to == null ? today : to;
        LocalDate start = from == null ? end.minusMonths(12).plusDays(1) : from;
        if (start.isAfter(end)) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "from is after to");
        }
        return new CenterReports.Filter(start, end, center == null || center.isBlank() ? null : center);
    }

    @GetMapping("/centers/reports")
    String page(@RequestParam(defaultValue = "month") String by,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
            @RequestParam(required = false) String center, Authentication auth, Model model) {
        if (!CenterReports.DIMENSIONS.containsKey(by)) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "by must be one of " + CenterReports.DIMENSIONS.keySet());
        }
        var f = filter(from, to, center);
        var s = suppression(auth);
        var visits = reports.visits(by, f);
        model.addAttribute("by", by);
        model.addAttribute("dimensions", List.of("month", "center", "service", "language", "spa"));
        model.addAttribute("filter", f);
        model.addAttribute("centers", centers.centers());
        model.addAttribute("s", s);
        model.addAttribute("visits", visits);
        model.addAttribute("attendance", reports.attendance(f));
        model.addAttribute("chartLabels", json(visits.stream().map(CenterReports.VisitRow::group).toList()));
        model.addAttribute("chartLacare", json(visits.stream().map(v -> s.chartValue(v.lacare())).toList()));
        model.addAttribute("chartBsp", json(visits.stream().map(v -> s.chartValue(v.bsp())).toList()));
        model.addAttribute("chartCommunity", json(visits.stream().map(v -> s.chartValue(v.community())).toList()));
        return "centers/reports";
    }

    @GetMapping("/centers/reports.csv")
    void csv(@RequestParam(defaultValue = "month") String by,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
            @RequestParam(required = false) String center, Authentication auth, HttpServletResponse response)
            throws IOException {
        if (!CenterReports.DIMENSIONS.containsKey(by)) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "by must be one of " + CenterReports.DIMENSIONS.keySet());
        }
        var f = filter(from, to, center);
        var s = suppression(auth);
        audit.record(new AuditEntry(AuditAction.EXPORT, "center-report", null, null, "center reporting",
                "by=" + by + " from=" + f.from() + " to=" + f.to() + (s.active() ? " suppressed" : "")));
        response.setContentType("text/csv;charset=UTF-8");
        response.setHeader("Content-Disposition", "attachment; filename=\"center-visits-by-" + by + ".csv\"");
        PrintWriter out = response.getWriter();
        out.println(by + ",lacare,bsp,community,total");
        for (var v : reports.visits(by, f)) {
            out.println(String.join(",", csvText(v.group()), s.count(v.lacare()), s.count(v.bsp()),
                    s.count(v.community()), s.count(v.total())));
        }
        out.println();
        out.println("center,category,sessions,capacity,seated,fill_rate,attended,no_show,no_show_rate,waitlisted");
        for (var a : reports.attendance(f)) {
            out.println(String.join(",", csvText(a.center()), a.category(), s.count(a.sessions()),
                    s.count(a.capacity()), s.count(a.seated()), s.percent(a.seated(), a.capacity()),
                    s.count(a.attended()), s.count(a.noShow()), s.percent(a.noShow(), a.attended() + a.noShow()),
                    s.count(a.waitlisted())));
        }
        out.flush();
    }

    private static String csvText(String v) {
        String safe = v.matches("^[=+\\-@].*") ? "'" + v : v;
        return safe.contains(",") || safe.contains("\"") ? "\"" + safe.replace("\"", "\"\"") + "\"" : safe;
    }

    static String json(List<?> values) {
        return values.stream().map(v -> v == null ? "null" : v instanceof Number ? v.toString()
                        : "\"" + v.toString().replace("\\", "\\\\").replace("\"", "\\\"") + "\"")
                .collect(Collectors.joining(",", "[", "]"));
    }
}
