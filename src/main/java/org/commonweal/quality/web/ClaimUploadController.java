package org.commonweal.quality.web;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.file.Path;
import java.security.Principal;
import java.util.concurrent.Callable;
import org.commonweal.platform.UploadJobPage;
import org.commonweal.platform.UploadJobs;
import org.commonweal.quality.claims.ClaimImport;
import org.commonweal.quality.claims.ClaimImportReport;
import org.commonweal.quality.claims.Inbox837;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.concurrent.DelegatingSecurityContextCallable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.server.ResponseStatusException;

/**
 * 837 claim files by upload, like the 834's: the file is stored and imported on the upload workers
 * ({@link UploadJobs}) while the page answers at once; the job's page polls, then shows the counts, each rejected claim
 * located (segment, loop, claim) with its reason, and the 999. Files from the inbox ({@link Inbox837}) and the
 * {@code import-837} command are listed beside the uploads, each with its report and 999.
 */
@Controller
class ClaimUploadController {

    private final ClaimImport claims;
    private final UploadJobs jobs;
    private final UploadJobPage jobPage;
    private final Inbox837 inbox;

    ClaimUploadController(ClaimImport claims, UploadJobs jobs, Inbox837 inbox) {
        this.claims = claims;
        this.jobs = jobs;
        this.jobPage = new UploadJobPage(jobs, "/quality/claims/jobs/");
        this.inbox = inbox;
    }

    @GetMapping("/quality/claims")
    String list(Model model) {
        page(model);
        return "quality/claims";
    }

    @PostMapping("/quality/claims")
    String upload(
            @RequestParam(value = "file", required = false) MultipartFile file,
            Principal user,
            Model model,
            HttpServletResponse response)
            throws IOException {
        if (file == null || file.isEmpty()) {
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
            page(model);
            model.addAttribute("error", "quality.claims.empty");
            return "quality/claims";
        }
        String name =
                file.getOriginalFilename() == null || file.getOriginalFilename().isBlank()
                        ? "upload.837"
                        : Path.of(file.getOriginalFilename()).getFileName().toString();
        Path stored = jobs.store("837", file);
        String actor = user.getName();
        // the import runs as the uploader: its member look-ups and its IMPORT row name them in the audit trail
        Callable<ClaimImportReport> work =
                DelegatingSecurityContextCallable.create(() -> claims.importFile(stored, name, actor), null);
        return jobPage.start(
                "837 upload",
                actor,
                work,
                model,
                response,
                () -> {
                    page(model);
                    return "quality/claims";
                },
                stored);
    }

    /** The upload's job: queued / running (the page polls), then the file's report. */
    @GetMapping("/quality/claims/jobs/{id}")
    String job(@PathVariable String id, Principal user, Model model) {
        return jobPage.show(id, user, model, "quality/claim-file");
    }

    /** A stored file's report, however it came (upload, inbox, command). */
    @GetMapping("/quality/claims/{fileId}")
    String file(@PathVariable long fileId, Model model) {
        model.addAttribute(
                "report", claims.report(fileId).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND)));
        return "quality/claim-file";
    }

    @GetMapping("/quality/claims/{fileId}/999")
    ResponseEntity<String> acknowledgment(@PathVariable long fileId) {
        String ack = claims.acknowledgment(fileId).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        return ResponseEntity.ok()
                .contentType(MediaType.TEXT_PLAIN)
                .header("Content-Disposition", "attachment; filename=\"claims-" + fileId + ".999\"")
                .body(ack);
    }

    private void page(Model model) {
        model.addAttribute("files", claims.recent(30));
        model.addAttribute("inbox", inbox.inbox().toString());
    }
}
