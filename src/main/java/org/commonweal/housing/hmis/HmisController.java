package org.commonweal.housing.hmis;

import java.io.IOException;
import java.time.LocalDate;
import java.time.ZoneId;

import jakarta.servlet.http.HttpServletResponse;
import org.commonweal.audit.AuditAction;
import org.commonweal.audit.AuditEntry;
import org.commonweal.audit.AuditTrail;
import org.commonweal.platform.PlanIdentity;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;

@Controller
class HmisController {

    private final HmisExport export;
    private final HmisImport importer;
    private final AuditTrail audit;

    private final ZoneId zone;

    HmisController(HmisExport export, HmisImport importer, AuditTrail audit, PlanIdentity plan) {
        this.zone = plan.timeZone();
        this.export = export;
        this.importer = importer;
        this.audit = audit;
    }

    @GetMapping("/housing/hmis")
    String page(Model model) {
        LocalDate today = LocalDate.now(zone);
        model.addAttribute("from", today.withDayOfYear(1));
        model.addAttribute("to", today);
        model.addAttribute("importEnabled", true);
        return "housing/hmis";
    }

    @GetMapping("/housing/hmis/export")
    void export(@RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to, HttpServletResponse response)
            throws IOException {
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("to: must not be before from");
        }
        response.setContentType("application/zip");
        response.setHeader("Content-Disposition", "attachment; filename=\"hmis-csv-" + from + "-" + to + ".zip\"");
        var summary = export.write(from, to, response.getOutputStream());
        audit.record(new AuditEntry(AuditAction.EXPORT, "housing-hmis-export", summary.exportId(), null,
                "HMIS data exchange with the CoC", from + ".." + to + " " + summary.rows()));
    }

    @PostMapping("/housing/hmis/import")
    String importFiles(@RequestParam(required = false) MultipartFile set,
            @RequestParam(required = false) MultipartFile client,
            @RequestParam(required = false) MultipartFile enrollment, @RequestParam(required = false) MultipartFile exit,
            Model model) throws IOException {
        if (empty(set) && empty(client) && empty(enrollment) && empty(exit)) {
            throw new IllegalArgumentException("choose a ZIP of a complete HMIS CSV export, or at least one of"
                    + " Client.csv, Enrollment.csv, Exit.csv");
        }
        HmisImport.Report report;
        if (!empty(set)) {
            try (var in = set.getInputStream()) {
                report = importer.runSet(in);
            }
        } else {
            report = importer.run(reader(client), reader(enrollment), reader(exit));
        }
        audit.record(new AuditEntry(AuditAction.IMPORT, "housing-hmis-import", null, null,
                "HMIS data exchange with the CoC", report.applied() + " rows applied, " + report.problems().size()
                        + " rejected"));
        page(model);
        model.addAttribute("report", report);
        return "housing/hmis";
    }

    private static boolean empty(MultipartFile file) {
        return file == null || file.isEmpty();
    }

    private static java.io.Reader reader(MultipartFile file) throws IOException {
        return empty(file) ? null : new java.io.BufferedReader(
                new java.io.InputStreamReader(file.getInputStream(), java.nio.charset.StandardCharsets.UTF_8));
    }
}
