package org.commonweal.coverage.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Principal;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import org.commonweal.coverage.x12.Enrollment834Import;
import org.commonweal.coverage.x12.ImportReport;
import org.commonweal.platform.RuntimeMode;
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

    private final Enrollment834Import importer;
    private final Path uploads;
    private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "coverage-834-upload");
        t.setDaemon(true);
        return t;
    });

    ImportController(Enrollment834Import importer, RuntimeMode mode) {
        this.importer = importer;
        this.uploads = mode.dataDirectory().resolve("uploads").resolve("834");
    }

    @PreDestroy
    void stop() {
        executor.shutdownNow();
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
        String name = file.getOriginalFilename() == null ? stored.getFileName().toString()
                : Path.of(file.getOriginalFilename()).getFileName().toString();
        String user = principal.getName();
        var started = new CompletableFuture<Long>();
        executor.submit(() -> {
            try {
                ImportReport report = importer.importFile(stored, name, user, r -> started.complete(r.id()));
                started.complete(report.id());
            } catch (IOException | RuntimeException e) {
                log.warn("834 upload import failed: {}", e.getMessage());
                started.completeExceptionally(e);
            }
        });
        long id = started.get(60, TimeUnit.SECONDS);
        return "redirect:/coverage/imports/" + id;
    }

    @GetMapping("/coverage/imports/{id}")
    String report(@PathVariable long id, Model model) {
        ImportReport report = importer.report(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        model.addAttribute("report", report);
        model.addAttribute("candidates", "awaiting-approval".equals(report.status())
                ? importer.reconcileCandidates(id, 100) : java.util.List.of());
        return "coverage/import";
    }

    @GetMapping("/coverage/imports/{id}/progress")
    String progress(@PathVariable long id, Model model) {
        model.addAttribute("report", importer.report(id)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND)));
        return "coverage/import :: progress";
    }

    @GetMapping("/coverage/imports/{id}/999")
    ResponseEntity<String> ack(@PathVariable long id) {
        ImportReport report = importer.report(id).filter(r -> r.ack999() != null)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        return ResponseEntity.ok().contentType(MediaType.TEXT_PLAIN)
                .header("Content-Disposition", "attachment; filename=\"import-" + id + "." + report.ackExtension() + "\"").body(report.ack999());
    }

    @PostMapping("/coverage/imports/{id}/reconcile")
    String approve(@PathVariable long id, Principal principal) {
        ImportReport report = importer.report(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        if (!"awaiting-approval".equals(report.status())) {
            throw new ResponseStatusException(HttpStatus.CONFLICT, "not awaiting approval");
        }
        importer.reconcile(id, principal.getName());
        return "redirect:/coverage/imports/" + id;
    }
}
