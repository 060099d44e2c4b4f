package org.commonweal.engagement.web;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.NoSuchElementException;
import org.commonweal.engagement.committee.MeetingDocuments;
import org.commonweal.platform.PlanIdentity;
import org.commonweal.shell.FieldChecks;
import org.commonweal.shell.Forms;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.MapBindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Committee documents: staff upload an agenda, minutes or another document to a meeting and publish or unpublish it;
 * the public committee pages serve published ones. Files are always sent as attachments, never rendered inline.
 */
@Controller
class DocumentController {

    private final MeetingDocuments documents;
    private final CommitteeController meetings;
    private final Forms forms;
    private final MessageSource messages;

    private final java.time.ZoneId zone;

    DocumentController(
            MeetingDocuments documents,
            CommitteeController meetings,
            Forms forms,
            MessageSource messages,
            PlanIdentity plan) {
        this.zone = plan.timeZone();
        this.documents = documents;
        this.meetings = meetings;
        this.forms = forms;
        this.messages = messages;
    }

    /**
     * Uploads a document; a refused one comes back on the meeting page (422) with every problem at once beside its
     * field, named in words, in the page's language, and what was typed (#18).
     */
    @PostMapping("/engagement/meetings/{id}/documents")
    String upload(
            @PathVariable long id,
            @RequestParam(required = false) String kind,
            @RequestParam(required = false) String title,
            @RequestParam(required = false) MultipartFile file,
            Authentication auth,
            RedirectAttributes redirect,
            Model model,
            HttpServletResponse response)
            throws IOException {
        try {
            long doc = documents.upload(
                    id,
                    kind,
                    title,
                    file == null ? null : file.getOriginalFilename(),
                    file == null ? null : atMostOneByteOver(file),
                    auth.getName());
            var stored = documents.find(doc).orElseThrow();
            redirect.addFlashAttribute("uploadedId", doc);
            redirect.addFlashAttribute("uploadedTitle", stored.title());
            redirect.addFlashAttribute("uploadedSha256", stored.sha256());
        } catch (MeetingDocuments.Invalid e) {
            var result = new MapBindingResult(new java.util.HashMap<>(), "document");
            Object[] maxMb = {MeetingDocuments.MAX_BYTES / (1024 * 1024)};
            for (String field : List.of("kind", "title", "file")) {
                String key = e.fields().get(field);
                if (key != null) {
                    FieldChecks.reject(
                            result,
                            field,
                            "engagement.error.named",
                            messages.getMessage(key, maxMb, key, LocaleContextHolder.getLocale()));
                }
            }
            forms.rejected(result, model, "engagement.document.field", "doc-");
            model.addAttribute("errorsOf", "document");
            response.setStatus(Forms.UNPROCESSABLE);
            return meetings.meeting(id, model);
        }
        return "redirect:/engagement/meetings/" + id + "#documents";
    }

    /** Reads no more than the limit and one byte: enough for the size rule to refuse, never a huge file in memory. */
    private static byte[] atMostOneByteOver(MultipartFile file) throws IOException {
        try (var in = file.getInputStream()) {
            return in.readNBytes((int) MeetingDocuments.MAX_BYTES + 1);
        }
    }

    @PostMapping("/engagement/documents/{id}/publish")
    String publish(@PathVariable long id, @RequestParam boolean published, RedirectAttributes redirect) {
        var doc = documents.setPublished(id, published);
        redirect.addFlashAttribute("saved", true);
        return "redirect:/engagement/meetings/" + doc.meetingId() + "#documents";
    }

    @GetMapping("/engagement/documents/{id}")
    ResponseEntity<byte[]> staffCopy(@PathVariable long id) {
        return send(documents
                .file(id, false, java.time.LocalDate.now(zone))
                .orElseThrow(() -> new NoSuchElementException("document " + id)));
    }

    @GetMapping("/committees/documents/{id}")
    ResponseEntity<byte[]> publicCopy(@PathVariable long id) {
        return send(documents
                .file(id, true, java.time.LocalDate.now(zone))
                .orElseThrow(() -> new NoSuchElementException("document " + id)));
    }

    private static ResponseEntity<byte[]> send(MeetingDocuments.File f) {
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_TYPE, f.contentType())
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment()
                                .filename(f.fileName(), java.nio.charset.StandardCharsets.UTF_8)
                                .build()
                                .toString())
                .header("X-Content-Type-Options", "nosniff")
                .eTag("\"" + f.sha256() + "\"")
                .body(f.content());
    }
}
