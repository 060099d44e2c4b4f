package org.commonweal.grants.internal;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.security.Principal;
import java.time.LocalDate;
import org.commonweal.grants.lifecycle.DisbursementStatus;
import org.commonweal.grants.lifecycle.GrantRuleViolation;
import org.commonweal.grants.lifecycle.PaymentCeiling;
import org.commonweal.platform.Money;
import org.commonweal.shell.FieldChecks;
import org.commonweal.shell.Forms;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The grants officer's side: pipeline, screening, reviewers, Board slates and actions, awards and payments. */
@Controller
class StaffController {

    private final GrantsCatalog catalog;
    private final Portfolio portfolio;
    private final ApplicationDesk applications;
    private final ReviewDesk reviews;
    private final BoardDesk board;
    private final AwardDesk awards;
    private final ReportingDesk reporting;
    private final AwardDocuments documents;
    private final GrantsAudit audit;
    private final ExtensionDesk extensions;

    private final Forms forms;

    StaffController(
            Forms forms,
            GrantsCatalog catalog,
            Portfolio portfolio,
            ApplicationDesk applications,
            ReviewDesk reviews,
            BoardDesk board,
            AwardDesk awards,
            ReportingDesk reporting,
            AwardDocuments documents,
            GrantsAudit audit,
            ExtensionDesk extensions) {
        this.extensions = extensions;
        this.catalog = catalog;
        this.portfolio = portfolio;
        this.applications = applications;
        this.reviews = reviews;
        this.board = board;
        this.forms = forms;
        this.awards = awards;
        this.reporting = reporting;
        this.documents = documents;
        this.audit = audit;
    }

    @GetMapping("/grants/staff")
    String dashboard(
            @RequestParam(required = false) Integer from,
            @RequestParam(required = false) Integer to,
            @RequestParam(required = false) String program,
            Model model) {
        PortfolioModel.fill(
                model,
                portfolio,
                catalog,
                new Portfolio.Filter(from, to, program == null || program.isBlank() ? null : program));
        model.addAttribute("cycles", catalog.cycles());
        model.addAttribute("pipeline", applications.inPipeline());
        model.addAttribute("activeAwards", awards.active().stream().limit(25).toList());
        return "grants/staff";
    }

    @GetMapping("/grants/staff/applications/{id}")
    String application(@PathVariable long id, Model model) {
        var app = applications.find(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        audit.read("grant-application", id, "screening and review");
        model.addAttribute("app", app);
        model.addAttribute("cycle", catalog.cycle(app.cycleId()).orElseThrow());
        model.addAttribute("budget", applications.budget(id));
        model.addAttribute("attachments", applications.attachments(id));
        model.addAttribute("assignments", reviews.forApplication(id));
        model.addAttribute("reviewerLogins", reviews.reviewerLogins());
        model.addAttribute("summary", reviews.summary(id, app.cycleId()));
        model.addAttribute("meetings", board.meetings());
        return "grants/staff-application";
    }

    @PostMapping("/grants/staff/applications/{id}/screening")
    String screen(
            @PathVariable long id,
            @RequestParam boolean eligible,
            @RequestParam(required = false) String note,
            Principal p,
            RedirectAttributes ra)
            throws Exception {
        return Flash.attempt(
                ra,
                "/grants/staff/applications/" + id,
                "grants.done",
                () -> applications.screen(id, eligible, note, p.getName()));
    }

    @PostMapping("/grants/staff/applications/{id}/reviewers")
    String assign(@PathVariable long id, @RequestParam String reviewer, Principal p, RedirectAttributes ra)
            throws Exception {
        return Flash.attempt(
                ra, "/grants/staff/applications/" + id, "grants.done", () -> reviews.assign(id, reviewer, p.getName()));
    }

    @PostMapping("/grants/staff/applications/{id}/reviewers/{assignmentId}/removal")
    String unassign(@PathVariable long id, @PathVariable long assignmentId, Principal p, RedirectAttributes ra)
            throws Exception {
        reviews.find(assignmentId)
                .filter(a -> a.applicationId() == id)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        return Flash.attempt(
                ra,
                "/grants/staff/applications/" + id,
                "grants.done",
                () -> reviews.unassign(assignmentId, p.getName()));
    }

    @PostMapping("/grants/staff/applications/{id}/conclusion")
    String conclude(@PathVariable long id, @RequestParam boolean recommend, Principal p, RedirectAttributes ra)
            throws Exception {
        return Flash.attempt(
                ra,
                "/grants/staff/applications/" + id,
                "grants.done",
                () -> reviews.conclude(id, recommend, p.getName()));
    }

    @PostMapping("/grants/staff/applications/{id}/slate")
    String place(
            @PathVariable long id,
            @RequestParam long meetingId,
            @RequestParam BigDecimal recommended,
            Principal p,
            RedirectAttributes ra)
            throws Exception {
        return Flash.attempt(
                ra,
                "/grants/staff/applications/" + id,
                "grants.done",
                () -> board.place(meetingId, id, recommended, p.getName()));
    }

    @GetMapping("/grants/staff/board")
    String meetings(Model model) {
        model.addAttribute("meetings", board.meetings());
        return "grants/board";
    }

    /** A Board meeting: a date within a year back and two years ahead, and a title. */
    record MeetingForm(
            @NotNull @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
            LocalDate date,

            @NotBlank @Size(max = 200) String title) {}

    @PostMapping("/grants/staff/board")
    String newMeeting(
            @Valid @ModelAttribute("meetingForm") MeetingForm form,
            BindingResult result,
            Principal p,
            Model model,
            HttpServletResponse response,
            RedirectAttributes ra) {
        form = forms.complete(MeetingForm.class, form, result);
        if (form.date() != null
                && (form.date().isBefore(LocalDate.now().minusYears(1))
                        || form.date().isAfter(LocalDate.now().plusYears(2)))) {
            FieldChecks.reject(result, "date", "grants.board.dateRange");
        }
        if (!result.hasErrors()) {
            try {
                board.meeting(form.date(), form.title(), p.getName());
                ra.addFlashAttribute("doneKey", "grants.done");
                return "redirect:/grants/staff/board";
            } catch (GrantRuleViolation refused) {
                result.reject("grants.refused", new Object[] {refused.getMessage()}, refused.getMessage());
            }
        }
        forms.rejected(result, model, "grants.board.field", "m-");
        response.setStatus(Forms.UNPROCESSABLE);
        return meetings(model);
    }

    @GetMapping("/grants/staff/board/{id}")
    String meeting(@PathVariable long id, Model model) {
        model.addAttribute(
                "meeting", board.find(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND)));
        model.addAttribute("slate", board.slate(id));
        model.addAttribute("actions", board.actions(id));
        model.addAttribute("today", LocalDate.now());
        return "grants/board-meeting";
    }

    @PostMapping("/grants/staff/board/{id}/actions")
    String act(
            @PathVariable long id,
            @RequestParam String motion,
            @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate actionDate,
            @RequestParam boolean approved,
            @RequestParam(defaultValue = "12") int months,
            Principal p,
            RedirectAttributes ra)
            throws Exception {
        return Flash.attempt(
                ra,
                "/grants/staff/board/" + id,
                "grants.done",
                () -> board.act(id, motion, actionDate, approved, null, months, p.getName()));
    }

    @GetMapping("/grants/staff/awards/{id}")
    String award(@PathVariable long id, Model model) {
        var award = awards.find(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        audit.read("grant-award", id, "award administration");
        model.addAttribute("award", award);
        model.addAttribute("disbursements", awards.disbursements(id));
        model.addAttribute("amendments", awards.amendments(id));
        model.addAttribute("paid", awards.paid(id));
        model.addAttribute("reports", reporting.forAward(id));
        model.addAttribute("outcomes", reporting.outcomes(id));
        model.addAttribute("today", LocalDate.now());
        model.addAttribute("extensions", extensions.forAward(id));
        model.addAttribute("dueChanges", extensions.history(id));
        return "grants/staff-award";
    }

    /** An amendment: the new amount, the new end (blank: unchanged), and why (1,000 characters, as the column). */
    record AmendmentForm(
            @NotNull @DecimalMin("0.01") @Digits(integer = 12, fraction = 2)
            BigDecimal amount,

            @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate endsOn,
            @NotBlank @Size(max = 1000) String reason) {}

    /**
     * Amends an award; a bad amendment comes back on the award page with what was typed and every error at once
     * (#18): the amount not below what is already approved or paid, the end not before the start.
     */
    @PostMapping("/grants/staff/awards/{id}/amendments")
    String amend(
            @PathVariable long id,
            @Valid @ModelAttribute("amendmentForm") AmendmentForm form,
            BindingResult result,
            Principal p,
            Model model,
            HttpServletResponse response,
            RedirectAttributes ra) {
        form = forms.complete(AmendmentForm.class, form, result);
        var award = awards.find(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        if (form.endsOn() != null && form.endsOn().isBefore(award.startsOn())) {
            FieldChecks.reject(
                    result,
                    "endsOn",
                    "grants.amendment.endsBeforeStart",
                    award.startsOn().toString());
        }
        if (form.amount() != null && !result.hasFieldErrors("amount")) {
            BigDecimal committed = PaymentCeiling.committed(awards.tranches(id));
            if (form.amount().compareTo(committed) < 0) {
                FieldChecks.reject(result, "amount", "grants.amendment.belowCommitted", Money.of(committed));
            }
        }
        if (!result.hasErrors()) {
            try {
                awards.amend(id, form.amount(), form.endsOn(), form.reason(), p.getName());
                ra.addFlashAttribute("doneKey", "grants.done");
                return "redirect:/grants/staff/awards/" + id;
            } catch (GrantRuleViolation refused) {
                result.reject("grants.refused", new Object[] {refused.getMessage()}, refused.getMessage());
            }
        }
        forms.rejected(result, model, "grants.amendment.field", "am-");
        model.addAttribute("errorsOf", "amendment");
        response.setStatus(Forms.UNPROCESSABLE);
        return award(id, model);
    }

    /** A payment tranche: an amount in dollars and cents, a due date inside the grant period, a milestone (500). */
    record TrancheForm(
            @NotNull @DecimalMin("0.01") @Digits(integer = 12, fraction = 2)
            BigDecimal amount,

            @NotNull @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
            LocalDate dueOn,

            @Size(max = 500) String milestone) {}

    /**
     * Schedules a tranche; a bad one comes back on the award page with what was typed and every error at once (#18):
     * the due date against the grant period and the amount against what the award has left to plan.
     */
    @PostMapping("/grants/staff/awards/{id}/tranches")
    String schedule(
            @PathVariable long id,
            @Valid @ModelAttribute("trancheForm") TrancheForm form,
            BindingResult result,
            Principal p,
            Model model,
            HttpServletResponse response,
            RedirectAttributes ra) {
        form = forms.complete(TrancheForm.class, form, result);
        var award = awards.find(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        if (form.dueOn() != null
                && (form.dueOn().isBefore(award.startsOn()) || form.dueOn().isAfter(award.endsOn()))) {
            FieldChecks.reject(
                    result,
                    "dueOn",
                    "grants.tranche.period",
                    award.startsOn().toString(),
                    award.endsOn().toString());
        }
        if (form.amount() != null && !result.hasFieldErrors("amount")) {
            BigDecimal left = award.amount().subtract(PaymentCeiling.planned(awards.tranches(id)));
            if (form.amount().compareTo(left) > 0) {
                FieldChecks.reject(
                        result, "amount", "grants.tranche.ceiling", Money.of(left), Money.of(award.amount()));
            }
        }
        if (!result.hasErrors()) {
            try {
                awards.schedule(id, form.amount(), form.dueOn(), form.milestone(), p.getName());
                ra.addFlashAttribute("doneKey", "grants.done");
                return "redirect:/grants/staff/awards/" + id;
            } catch (GrantRuleViolation refused) {
                result.reject("grants.refused", new Object[] {refused.getMessage()}, refused.getMessage());
            }
        }
        forms.rejected(result, model, "grants.tranche.field", "t-");
        model.addAttribute("errorsOf", "tranche");
        response.setStatus(Forms.UNPROCESSABLE);
        return award(id, model);
    }

    /**
     * The pay confirmation (#18, beyond ADR 0003's second person): before a tranche is marked paid, the payer sees
     * what will be paid, to whom, how much, what the award has paid so far and what is left, and confirms.
     */
    @GetMapping("/grants/staff/awards/{id}/tranches/{trancheId}/pay")
    String confirmPayment(@PathVariable long id, @PathVariable long trancheId, Principal p, Model model) {
        var tranche = awards.disbursement(trancheId)
                .filter(d -> d.awardId() == id)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        var award = awards.find(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        audit.read("grant-award", id, "payment confirmation");
        var paid = awards.paid(id);
        model.addAttribute("award", award);
        model.addAttribute("tranche", tranche);
        model.addAttribute("paid", paid);
        model.addAttribute("leftAfter", award.amount().subtract(paid).subtract(tranche.amount()));
        model.addAttribute("today", LocalDate.now());
        model.addAttribute("payable", tranche.status() == DisbursementStatus.APPROVED);
        model.addAttribute("preparedByMe", awards.preparedBy(trancheId, p.getName()));
        return "grants/pay-confirm";
    }

    /**
     * Approves, pays, records a return or cancels a tranche. Paying needs the amount the payer confirmed on the
     * confirmation page: without it, or when the tranche changed since, the payer is sent to the confirmation.
     */
    @PostMapping("/grants/staff/awards/{id}/tranches/{trancheId}")
    String payment(
            @PathVariable long id,
            @PathVariable long trancheId,
            @RequestParam String action,
            @RequestParam(required = false) String note,
            @RequestParam(required = false) String confirmedAmount,
            Principal p,
            RedirectAttributes ra)
            throws Exception {
        var tranche = awards.disbursement(trancheId)
                .filter(d -> d.awardId() == id)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        if (action.equals("pay") && !confirms(confirmedAmount, tranche.amount())) {
            ra.addFlashAttribute("confirmFirst", confirmedAmount != null && !confirmedAmount.isBlank());
            return "redirect:/grants/staff/awards/" + id + "/tranches/" + trancheId + "/pay";
        }
        return Flash.attempt(ra, "/grants/staff/awards/" + id, "grants.done", () -> {
            switch (action) {
                case "approve" -> awards.approve(trancheId, p.getName());
                case "pay" -> awards.pay(trancheId, LocalDate.now(), p.getName());
                case "return" -> awards.returned(trancheId, note, p.getName());
                case "cancel" -> awards.cancel(trancheId, note, p.getName());
                default -> throw new IllegalArgumentException("Unknown payment action " + action);
            }
        });
    }

    private static boolean confirms(String confirmedAmount, BigDecimal amount) {
        try {
            return confirmedAmount != null && new BigDecimal(confirmedAmount.strip()).compareTo(amount) == 0;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    @PostMapping("/grants/staff/awards/{id}/reports/{requirementId}")
    String reviewReport(
            @PathVariable long id,
            @PathVariable long requirementId,
            @RequestParam String action,
            @RequestParam(required = false) String note,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate extendTo,
            Principal p,
            RedirectAttributes ra)
            throws Exception {
        reporting
                .find(requirementId)
                .filter(r -> r.awardId() == id)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        return Flash.attempt(ra, "/grants/staff/awards/" + id, "grants.done", () -> {
            switch (action) {
                case "accept" -> reporting.review(requirementId, true, note, p.getName());
                case "revise" -> reporting.review(requirementId, false, note, p.getName());
                case "extend" -> reporting.extend(requirementId, extendTo, note, p.getName());
                default -> throw new IllegalArgumentException("Unknown report action " + action);
            }
        });
    }

    @PostMapping("/grants/staff/awards/{id}/extensions/{requestId}")
    String decideExtension(
            @PathVariable long id,
            @PathVariable long requestId,
            @RequestParam boolean approve,
            @RequestParam(required = false) String note,
            Principal p,
            RedirectAttributes ra)
            throws Exception {
        var request = extensions.find(requestId).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        reporting
                .find(request.requirementId())
                .filter(r -> r.awardId() == id)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        return Flash.attempt(
                ra,
                "/grants/staff/awards/" + id,
                "grants.done",
                () -> extensions.decide(requestId, approve, note, p.getName()));
    }

    @PostMapping("/grants/staff/awards/{id}/outcomes")
    String outcome(
            @PathVariable long id,
            @RequestParam String indicator,
            @RequestParam BigDecimal target,
            @RequestParam(required = false) BigDecimal actual,
            Principal p,
            RedirectAttributes ra)
            throws Exception {
        return Flash.attempt(
                ra,
                "/grants/staff/awards/" + id,
                "grants.done",
                () -> reporting.outcome(id, indicator, target, actual, p.getName()));
    }

    @PostMapping("/grants/staff/awards/{id}/closeout")
    String close(@PathVariable long id, @RequestParam(required = false) String note, Principal p, RedirectAttributes ra)
            throws Exception {
        return Flash.attempt(
                ra, "/grants/staff/awards/" + id, "grants.done", () -> reporting.close(id, note, p.getName()));
    }

    @GetMapping("/grants/staff/awards/{id}/letter.pdf")
    ResponseEntity<byte[]> letter(@PathVariable long id) {
        return GranteeController.pdf(documents.awardLetter(id), "award-letter-" + id + ".pdf");
    }

    @GetMapping("/grants/staff/awards/{id}/payments.pdf")
    ResponseEntity<byte[]> payments(@PathVariable long id) {
        return GranteeController.pdf(documents.paymentSummary(id), "payment-summary-" + id + ".pdf");
    }
}
