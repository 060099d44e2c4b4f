package org.commonweal.grants.internal;

import jakarta.servlet.http.HttpServletResponse;
import java.math.BigDecimal;
import java.security.Principal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.commonweal.grants.lifecycle.GrantRuleViolation;
import org.commonweal.identity.UserAccount;
import org.commonweal.identity.UserAccounts;
import org.commonweal.shell.Forms;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.validation.MapBindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The grantee's side: their organization's applications (save and return, submit), awards and reports. */
@Controller
class GranteeController {

    private final UserAccounts accounts;
    private final OrganizationRegistry organizations;
    private final GrantsCatalog catalog;
    private final ApplicationDesk applications;
    private final AwardDesk awards;
    private final ReportingDesk reporting;
    private final AwardDocuments documents;
    private final GrantsAudit audit;
    private final LetterOfIntentDesk letters;
    private final ExtensionDesk extensions;
    private final org.springframework.context.MessageSource messages;
    private final Forms forms;

    GranteeController(
            UserAccounts accounts,
            OrganizationRegistry organizations,
            GrantsCatalog catalog,
            ApplicationDesk applications,
            AwardDesk awards,
            ReportingDesk reporting,
            AwardDocuments documents,
            GrantsAudit audit,
            LetterOfIntentDesk letters,
            ExtensionDesk extensions,
            org.springframework.context.MessageSource messages,
            Forms forms) {
        this.forms = forms;
        this.letters = letters;
        this.extensions = extensions;
        this.messages = messages;
        this.accounts = accounts;
        this.organizations = organizations;
        this.catalog = catalog;
        this.applications = applications;
        this.awards = awards;
        this.reporting = reporting;
        this.documents = documents;
        this.audit = audit;
    }

    @GetMapping("/grants/my")
    String home(Principal principal, Model model) {
        var org = organization(principal);
        model.addAttribute("organization", org.orElse(null));
        if (org.isPresent()) {
            model.addAttribute(
                    "applications", applications.ofOrganization(org.get().id()));
            model.addAttribute(
                    "awards",
                    awards.ofOrganization(org.get().id()).stream().limit(20).toList());
            model.addAttribute("cycles", catalog.openOrUpcoming(Instant.now()));
            model.addAttribute(
                    "letters",
                    letters.ofOrganization(org.get().id()).stream()
                            .collect(java.util.stream.Collectors.toMap(LetterOfIntentDesk.Letter::cycleId, l -> l)));
            model.addAttribute("now", Instant.now());
        }
        return "grants/my";
    }

    @PostMapping("/grants/my/apply/{cycleId}")
    String apply(@PathVariable long cycleId, Principal principal, RedirectAttributes ra) throws Exception {
        long orgId = requireOrganization(principal).id();
        long[] id = {0};
        String back = Flash.attempt(
                ra,
                "/grants/my",
                "grants.draft.started",
                () -> id[0] = applications.start(cycleId, orgId, principal.getName(), Instant.now()));
        return id[0] == 0 ? back : "redirect:/grants/my/applications/" + id[0];
    }

    @GetMapping("/grants/my/applications/{id}")
    String application(@PathVariable long id, Principal principal, Model model, java.util.Locale locale) {
        var app = ownApplication(id, principal);
        audit.read("grant-application", id, "grantee working on application");
        model.addAttribute("app", app);
        model.addAttribute("cycle", catalog.cycle(app.cycleId()).orElseThrow());
        List<ApplicationDesk.BudgetLine> budget = new ArrayList<>(applications.budget(id));
        while (budget.size() < 5) {
            budget.add(new ApplicationDesk.BudgetLine("", "", null));
        }
        model.addAttribute("budget", budget);
        model.addAttribute("attachments", applications.attachments(id));
        model.addAttribute(
                "edits",
                applications.edits(id).stream()
                        .map(e ->
                                new EditView(e.editor(), e.editedAt(), EditDiff.describe(e.parts(), messages, locale)))
                        .toList());
        return "grants/application";
    }

    /**
     * Saves or submits the application. A form with problems comes back (422) with what was typed and every problem
     * at once beside its field, in the page's language (#18); nothing is saved then.
     */
    @PostMapping("/grants/my/applications/{id}")
    String save(
            @PathVariable long id,
            @RequestParam(required = false) String title,
            @RequestParam(required = false) String requested,
            @RequestParam(name = "answer", required = false) List<String> answers,
            @RequestParam(name = "category", required = false) List<String> categories,
            @RequestParam(name = "description", required = false) List<String> descriptions,
            @RequestParam(name = "amount", required = false) List<String> amounts,
            @RequestParam(required = false) String submit,
            @RequestParam(required = false) Integer version,
            Principal principal,
            Model model,
            RedirectAttributes ra,
            HttpServletResponse response,
            java.util.Locale locale) {
        var app = ownApplication(id, principal);
        var form = ApplicationForm.of(title, requested, answers, categories, descriptions, amounts);
        BindingResult result = new MapBindingResult(new java.util.HashMap<>(), "application");
        form.check(result, catalog.cycle(app.cycleId()).orElseThrow(), submit != null);
        if (!result.hasErrors()) {
            try {
                applications.save(id, form.draft(), principal.getName(), version);
                if (submit != null) {
                    applications.submit(id, principal.getName(), Instant.now());
                }
                ra.addFlashAttribute(
                        "doneKey", submit != null ? "grants.application.submitted" : "grants.application.saved");
                return "redirect:/grants/my/applications/" + id;
            } catch (GrantRuleViolation refused) {
                result.reject("grants.refused", new Object[] {refused.getMessage()}, refused.getMessage());
            }
        }
        forms.rejected(result, model, field -> fieldName(field, locale), "");
        response.setStatus(Forms.UNPROCESSABLE);
        String page = application(id, principal, model, locale);
        model.addAttribute("typed", form);
        return page;
    }

    /** A field of the application form in words: "Question 2", "Budget line 3: amount", … */
    private String fieldName(String field, java.util.Locale locale) {
        int dash = field.lastIndexOf('-');
        String kind = field.substring(0, Math.max(dash, 0));
        String index = field.substring(dash + 1);
        return switch (kind) {
            case "a-answer" ->
                messages.getMessage(
                        "grants.application.field.answer", new Object[] {Integer.parseInt(index) + 1}, locale);
            case "b-category", "b-description", "b-amount" ->
                messages.getMessage(
                        "grants.application.field." + kind.substring(2),
                        new Object[] {Integer.parseInt(index) + 1},
                        locale);
            default -> messages.getMessage("grants.application.field." + field, null, field, locale);
        };
    }

    @PostMapping("/grants/my/applications/{id}/attachments")
    String attach(
            @PathVariable long id, @RequestParam("file") MultipartFile file, Principal principal, RedirectAttributes ra)
            throws Exception {
        ownApplication(id, principal);
        return Flash.attempt(
                ra,
                "/grants/my/applications/" + id,
                "grants.attachment.added",
                () -> applications.attach(
                        id, file.getOriginalFilename(), atMostOneByteOver(file), principal.getName()));
    }

    @GetMapping("/grants/my/awards/{id}")
    String award(@PathVariable long id, Principal principal, Model model) {
        var award = ownAward(id, principal);
        audit.read("grant-award", id, "grantee viewing award");
        model.addAttribute("award", award);
        model.addAttribute("disbursements", awards.disbursements(id));
        model.addAttribute("paid", awards.paid(id));
        model.addAttribute("reports", reporting.forAward(id));
        model.addAttribute("outcomes", reporting.outcomes(id));
        model.addAttribute("extensions", extensions.forAward(id));
        model.addAttribute("dueChanges", extensions.history(id));
        return "grants/my-award";
    }

    @PostMapping("/grants/my/awards/{id}/reports/{requirementId}")
    String report(
            @PathVariable long id,
            @PathVariable long requirementId,
            @RequestParam String narrative,
            @RequestParam(required = false) BigDecimal spentToDate,
            Principal principal,
            RedirectAttributes ra)
            throws Exception {
        ownAward(id, principal);
        reporting
                .find(requirementId)
                .filter(r -> r.awardId() == id)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        return Flash.attempt(
                ra,
                "/grants/my/awards/" + id,
                "grants.report.submitted",
                () -> reporting.submit(requirementId, narrative, spentToDate, principal.getName()));
    }

    @PostMapping("/grants/my/awards/{id}/reports/{requirementId}/extension")
    String askExtension(
            @PathVariable long id,
            @PathVariable long requirementId,
            @RequestParam(required = false)
                    @org.springframework.format.annotation.DateTimeFormat(
                            iso = org.springframework.format.annotation.DateTimeFormat.ISO.DATE)
                    java.time.LocalDate to,
            @RequestParam(required = false) String reason,
            Principal principal,
            RedirectAttributes ra)
            throws Exception {
        ownAward(id, principal);
        reporting
                .find(requirementId)
                .filter(r -> r.awardId() == id)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        return Flash.attempt(
                ra,
                "/grants/my/awards/" + id,
                "grants.extension.requested",
                () -> extensions.request(requirementId, to, reason, principal.getName()));
    }

    record EditView(String editor, Instant editedAt, String parts) {}

    @GetMapping("/grants/my/awards/{id}/letter.pdf")
    ResponseEntity<byte[]> letter(@PathVariable long id, Principal principal) {
        ownAward(id, principal);
        return pdf(documents.awardLetter(id), "award-letter-" + id + ".pdf");
    }

    static ResponseEntity<byte[]> pdf(byte[] content, String filename) {
        return ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_PDF)
                .header("Content-Disposition", "attachment; filename=\"" + filename + "\"")
                .body(content);
    }

    java.util.Optional<OrganizationRegistry.Organization> organization(Principal principal) {
        return accounts.findByUsername(principal.getName())
                .map(UserAccount::organizationRef)
                .flatMap(organizations::byRef);
    }

    OrganizationRegistry.Organization requireOrganization(Principal principal) {
        return organization(principal).orElseThrow(() -> new ResponseStatusException(HttpStatus.FORBIDDEN));
    }

    private ApplicationDesk.Application ownApplication(long id, Principal principal) {
        long orgId = requireOrganization(principal).id();
        return applications
                .find(id)
                .filter(a -> a.organizationId() == orgId)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    }

    private AwardDesk.Award ownAward(long id, Principal principal) {
        long orgId = requireOrganization(principal).id();
        return awards.find(id)
                .filter(a -> a.organizationId() == orgId)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    }

    /** Reads no more than the limit and one byte: enough for the size rule to refuse, never a huge file in memory. */
    private static byte[] atMostOneByteOver(MultipartFile file) throws java.io.IOException {
        try (var in = file.getInputStream()) {
            return in.readNBytes((int) org.commonweal.grants.lifecycle.AttachmentPolicy.MAX_BYTES + 1);
        }
    }
}
