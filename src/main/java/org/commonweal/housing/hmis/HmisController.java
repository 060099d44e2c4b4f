package org.commonweal.housing.hmis;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Principal;
import java.time.LocalDate;
import java.time.ZoneId;
import org.commonweal.audit.AuditAction;
import org.commonweal.audit.AuditEntry;
import org.commonweal.audit.AuditTrail;
import org.commonweal.platform.PlanIdentity;
import org.commonweal.platform.UploadJobPage;
import org.commonweal.platform.UploadJobs;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;

@Controller
class HmisController {

    private final HmisExport export;
    private final HmisImport importer;
    private final AuditTrail audit;
    private final UploadJobs jobs;
    private final UploadJobPage jobPage;

    private final ZoneId zone;

    HmisController(HmisExport export, HmisImport importer, AuditTrail audit, PlanIdentity plan, UploadJobs jobs) {
        this.zone = plan.timeZone();
        this.export = export;
        this.importer = importer;
        this.audit = audit;
        this.jobs = jobs;
        this.jobPage = new UploadJobPage(jobs, "/housing/hmis/import/");
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
    void export(
            @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
            HttpServletResponse response)
            throws IOException {
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("to: must not be before from");
        }
        response.setContentType("application/zip");
        response.setHeader("Content-Disposition", "attachment; filename=\"hmis-csv-" + from + "-" + to + ".zip\"");
        var summary = export.write(from, to, response.getOutputStream());
        audit.record(new AuditEntry(
                AuditAction.EXPORT,
                "housing-hmis-export",
                summary.exportId(),
                null,
                "HMIS data exchange with the CoC",
                from + ".." + to + " " + summary.rows()));
    }

    @PostMapping("/housing/hmis/import")
    String importFiles(
            @RequestParam(required = false) MultipartFile set,
            @RequestParam(required = false) MultipartFile client,
            @RequestParam(required = false) MultipartFile enrollment,
            @RequestParam(required = false) MultipartFile exit,
            Principal user,
            Model model,
            HttpServletResponse response)
            throws IOException {
        if (empty(set) && empty(client) && empty(enrollment) && empty(exit)) {
            throw new IllegalArgumentException("choose a ZIP of a complete HMIS CSV export, or at least one of"
                    + " Client.csv, Enrollment.csv, Exit.csv");
        }
        String actor = user.getName();
        Path setFile = empty(set) ? null : jobs.store("hmis", set);
        Path clientFile = !empty(set) || empty(client) ? null : jobs.store("hmis", client);
        Path enrollmentFile = !empty(set) || empty(enrollment) ? null : jobs.store("hmis", enrollment);
        Path exitFile = !empty(set) || empty(exit) ? null : jobs.store("hmis", exit);
        return jobPage.start(
                "hmis import",
                actor,
                () -> {
                    HmisImport.Report report;
                    if (setFile != null) {
                        try (var in = Files.newInputStream(setFile)) {
                            report = importer.runSet(in);
                        }
                    } else {
                        try (var clients = reader(clientFile);
                                var enrollments = reader(enrollmentFile);
                                var exits = reader(exitFile)) {
                            report = importer.run(clients, enrollments, exits);
                        }
                    }
                    audit.recordAs(
                            actor,
                            new AuditEntry(
                                    AuditAction.IMPORT,
                                    "housing-hmis-import",
                                    null,
                                    null,
                                    "HMIS data exchange with the CoC",
                                    report.applied() + " rows applied, "
                                            + report.problems().size() + " rejected"));
                    return report;
                },
                model,
                response,
                () -> {
                    page(model);
                    return "housing/hmis";
                },
                setFile,
                clientFile,
                enrollmentFile,
                exitFile);
    }

    /** The HMIS upload's job: queued / running (the page polls), then the report. */
    @GetMapping("/housing/hmis/import/{id}")
    String importJob(@PathVariable String id, Principal user, Model model) {
        page(model);
        return jobPage.show(id, user, model, "housing/hmis");
    }

    private static boolean empty(MultipartFile file) {
        return file == null || file.isEmpty();
    }

    private static java.io.Reader reader(Path file) throws IOException {
        return file == null ? null : Files.newBufferedReader(file, java.nio.charset.StandardCharsets.UTF_8);
    }
}
