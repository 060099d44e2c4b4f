package org.commonweal.quality.web;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Principal;
import java.util.List;
import java.util.concurrent.Callable;
import org.commonweal.platform.UploadJobPage;
import org.commonweal.platform.UploadJobs;
import org.commonweal.quality.supplemental.ClinicalSources;
import org.commonweal.quality.supplemental.SupplementalCsv;
import org.springframework.http.HttpStatus;
import org.springframework.security.concurrent.DelegatingSecurityContextCallable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;

/**
 * Lab results and immunization registry extracts (the CSV layouts of {@code import-supplemental}, in
 * {@code docs/quality.md}) by upload: stored and imported on the upload workers ({@link UploadJobs}) as the uploader,
 * the job's page polls, then shows the records stored, the members they are for and each rejected line with its
 * field and reason, or the reason the file was refused whole. The page lists the latest clinical sources of every
 * kind, each imported one with a link to withdraw it ({@link ClinicalSourcesController}).
 */
@Controller
class SupplementalUploadController {

    static final List<String> KINDS = List.of("labs", "immunizations");

    /** How many of the latest clinical sources the page lists. */
    static final int SOURCES_LISTED = 50;

    private final SupplementalCsv supplemental;
    private final ClinicalSources sources;
    private final UploadJobs jobs;
    private final UploadJobPage jobPage;

    SupplementalUploadController(SupplementalCsv supplemental, ClinicalSources sources, UploadJobs jobs) {
        this.supplemental = supplemental;
        this.sources = sources;
        this.jobs = jobs;
        this.jobPage = new UploadJobPage(jobs, "/quality/supplemental/jobs/");
    }

    @GetMapping("/quality/supplemental")
    String form(Model model) {
        model.addAttribute("kinds", KINDS);
        model.addAttribute("sources", sources.recent(SOURCES_LISTED));
        return "quality/supplemental";
    }

    @PostMapping("/quality/supplemental")
    String upload(
            @RequestParam(defaultValue = "") String kind,
            @RequestParam(value = "file", required = false) MultipartFile file,
            Principal user,
            Model model,
            HttpServletResponse response)
            throws IOException {
        model.addAttribute("kinds", KINDS);
        model.addAttribute("kind", kind);
        if (!KINDS.contains(kind) || file == null || file.isEmpty()) {
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
            model.addAttribute(
                    "error", KINDS.contains(kind) ? "quality.supplemental.empty" : "quality.supplemental.kind");
            return "quality/supplemental";
        }
        String name =
                file.getOriginalFilename() == null || file.getOriginalFilename().isBlank()
                        ? kind + ".csv"
                        : Path.of(file.getOriginalFilename()).getFileName().toString();
        Path stored = jobs.store("supplemental", file);
        String sender = user.getName();
        // the import runs as the uploader: its member look-ups and its IMPORT row name them in the audit trail
        Callable<SupplementalCsv.Report> work = DelegatingSecurityContextCallable.create(
                () -> {
                    try (var in = Files.newBufferedReader(stored, StandardCharsets.UTF_8)) {
                        return kind.equals("labs")
                                ? supplemental.importLabs(in, name, sender)
                                : supplemental.importImmunizations(in, name, sender);
                    }
                },
                null);
        return jobPage.start(kind + " upload", sender, work, model, response, () -> "quality/supplemental", stored);
    }

    /** The upload's job: queued / running (the page polls), then the report. */
    @GetMapping("/quality/supplemental/jobs/{id}")
    String job(@PathVariable String id, Principal user, Model model) {
        model.addAttribute("kinds", KINDS);
        return jobPage.show(id, user, model, "quality/supplemental");
    }
}
