package org.commonweal.coverage.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Principal;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.commonweal.coverage.x12.Enrollment834Import;
import org.commonweal.coverage.x12.ImportReport;
import org.commonweal.coverage.x12.ImportStatus;
import org.commonweal.platform.RuntimeMode;
import org.commonweal.platform.UploadTasks;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Upload of 834 files by member services, with a live progress bar, the report, the 999 and reconcile approval. */
@Controller
class ImportController {

    private static final Logger log = LoggerFactory.getLogger(ImportController.class);

    /** How long the upload request waits for the import to be recorded before answering anyway. */
    private static final long WAIT_FOR_RECORD_SECONDS = 5;

    private final Enrollment834Import importer;
    private final Path uploads;
    private final UploadTasks tasks;

    ImportController(Enrollment834Import importer, RuntimeMode mode, UploadTasks tasks) {
        this.importer = importer;
        this.uploads = mode.dataDirectory().resolve("uploads").resolve("834");
        this.tasks = tasks;
    }

    @GetMapping("/coverage/imports")
    String list(Model model) {
        model.addAttribute("imports", importer.recent(30));
        return "coverage/imports";
    }

    @PostMapping("/coverage/imports")
    String upload(@RequestParam("file") MultipartFile file, Principal principal, RedirectAttributes redirect)
            throws Exception {
        if (file.isEmpty()) {
            redirect.addFlashAttribute("error", "coverage.imports.empty");
            return "redirect:/coverage/imports";
        }
        Files.createDirectories(uploads);
        Path stored = uploads.resolve(UUID.randomUUID() + ".834");
        try (InputStream in = file.getInputStream()) {
            Files.copy(in, stored);
        }
        String name = file.getOriginalFilename() == null
                ? stored.getFileName().toString()
                : Path.of(file.getOriginalFilename()).getFileName().toString();
        String user = principal.getName();
        var started = new CompletableFuture<Long>();
        try {
            tasks.submit("834 " + stored.getFileName(), () -> {
                try {
                    ImportReport report = importer.importFile(stored, name, user, r -> started.complete(r.id()));
                    started.complete(report.id());
                } catch (IOException | RuntimeException e) {
                    log.warn("834 upload import failed: {}", e.getClass().getSimpleName());
                    started.completeExceptionally(e);
                }
            });
        } catch (UploadTasks.Busy e) {
            Files.deleteIfExists(stored);
            redirect.addFlashAttribute("error", "coverage.imports.busy");
            return "redirect:/coverage/imports";
        }
        try {
            // the import is recorded once its envelope is read (seconds); a large file then goes on in the background
            return "redirect:/coverage/imports/" + started.get(WAIT_FOR_RECORD_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            redirect.addFlashAttribute("notice", "coverage.imports.queued");
            return "redirect:/coverage/imports";
        }
    }

    @GetMapping("/coverage/imports/{id}")
    String report(@PathVariable long id, Model model) {
        ImportReport report = importer.report(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        model.addAttribute("report", report);
        model.addAttribute(
                "candidates",
                report.status() == ImportStatus.AWAITING_APPROVAL
                        ? importer.reconcileCandidates(id, 100)
                        : java.util.List.of());
        return "coverage/import";
    }

    @GetMapping("/coverage/imports/{id}/progress")
    String progress(@PathVariable long id, Model model) {
        model.addAttribute(
                "report", importer.report(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND)));
        return "coverage/import :: progress";
    }

    @GetMapping("/coverage/imports/{id}/999")
    ResponseEntity<String> ack(@PathVariable long id) {
        ImportReport report = importer.report(id)
                .filter(r -> r.ack999() != null)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        return ResponseEntity.ok()
                .contentType(MediaType.TEXT_PLAIN)
                .header(
                        "Content-Disposition",
                        "attachment; filename=\"import-" + id + "." + report.ackExtension() + "\"")
                .body(report.ack999());
    }

    @PostMapping("/coverage/imports/{id}/reconcile")
    String approve(@PathVariable long id, Principal principal) {
        ImportReport report = importer.report(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        if (report.status() != ImportStatus.AWAITING_APPROVAL) {
            throw new ResponseStatusException(HttpStatus.CONFLICT, "not awaiting approval");
        }
        importer.reconcile(id, principal.getName());
        return "redirect:/coverage/imports/" + id;
    }
}
