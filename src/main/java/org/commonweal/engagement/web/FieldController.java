package org.commonweal.engagement.web;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.security.Principal;
import java.time.LocalDate;
import java.util.List;
import org.commonweal.engagement.promoter.FieldLog;
import org.commonweal.engagement.promoter.OutreachReports;
import org.commonweal.engagement.promoter.OutreachVocabulary;
import org.commonweal.engagement.promoter.PromoterRoster;
import org.commonweal.geography.Geography;
import org.commonweal.platform.PlanIdentity;
import org.commonweal.shell.FieldChecks;
import org.commonweal.shell.Forms;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The phone-sized page where a promoter logs an outreach event, then the contacts and referrals made there. */
@Controller
class FieldController {

    /** The event form as posted; never a persistence row. Lengths as the database's checks (#18). */
    record EventForm(
            @NotNull Long promoterId,
            @Size(max = 20) String eventType,
            @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate heldOn,
            @Size(max = 200) String placeName,
            @Size(max = 200) String street,
            @Size(max = 100) String city,
            @Size(max = 10) String zip,
            @Size(max = 20) String language,
            List<@Size(max = 40) String> topics,
            @Size(max = 500) String partners,
            @Min(0) @Max(FieldLog.MAX_COUNT) Integer members,
            @Min(0) @Max(FieldLog.MAX_COUNT) Integer nonMembers,
            @Min(0) @Max(FieldLog.MAX_COUNT) Integer age0to17,
            @Min(0) @Max(FieldLog.MAX_COUNT) Integer age18to64,
            @Min(0) @Max(FieldLog.MAX_COUNT) Integer age65plus,
            @Size(max = 500) String materials,
            @Min(0) @Max(FieldLog.MAX_COUNT) Integer materialsCount) {

        FieldLog.NewEvent event() {
            return new FieldLog.NewEvent(
                    promoterId == null ? 0 : promoterId,
                    eventType,
                    heldOn,
                    placeName,
                    street,
                    city,
                    zip,
                    language,
                    topics,
                    partners,
                    members,
                    nonMembers,
                    age0to17,
                    age18to64,
                    age65plus,
                    materials,
                    materialsCount);
        }
    }

    record ContactForm(
            @NotNull Long promoterId,
            Long eventId,
            @Size(max = 120) String personName,
            @Size(max = 20) String memberId,
            @Size(max = 30) String phone,
            @Size(max = 20) String language,
            @Min(0) @Max(FieldLog.MAX_COUNT) Integer tally,
            @Size(max = 20) String referralKind,
            @Size(max = 200) String referralTarget) {

        FieldLog.NewContact contact(LocalDate today) {
            return new FieldLog.NewContact(
                    promoterId == null ? 0 : promoterId,
                    eventId,
                    today,
                    memberId,
                    personName,
                    phone,
                    language,
                    tally == null ? 0 : tally,
                    referralKind,
                    referralTarget);
        }
    }

    private final PromoterRoster roster;
    private final FieldLog log;
    private final OutreachReports reports;
    private final Geography geography;
    private final Forms forms;

    private final java.time.ZoneId zone;

    FieldController(
            PromoterRoster roster,
            FieldLog log,
            OutreachReports reports,
            Geography geography,
            Forms forms,
            PlanIdentity plan) {
        this.forms = forms;
        this.zone = plan.timeZone();
        this.roster = roster;
        this.log = log;
        this.reports = reports;
        this.geography = geography;
    }

    @GetMapping("/engagement/field")
    String page(
            @RequestParam(required = false) Long promoter,
            @RequestParam(required = false) Long event,
            Principal principal,
            Model model) {
        LocalDate today = LocalDate.now(zone);
        Long promoterId = promoter != null
                ? promoter
                : roster.byUsername(principal.getName())
                        .map(PromoterRoster.Promoter::id)
                        .orElse(null);
        if (!model.containsAttribute("form")) {
            model.addAttribute("form", emptyEvent(promoterId, today));
        }
        return render(promoterId, event, today, model);
    }

    @PostMapping("/engagement/field/events")
    String logEvent(
            @Valid @ModelAttribute("form") EventForm form,
            BindingResult result,
            Principal principal,
            Model model,
            RedirectAttributes redirect,
            HttpServletResponse response) {
        LocalDate today = LocalDate.now(zone);
        form = forms.complete(EventForm.class, form, result);
        if (!result.hasErrors()) {
            try {
                long id = log.logEvent(form.event(), principal.getName(), today);
                redirect.addFlashAttribute("savedEvent", id);
                return "redirect:/engagement/field?promoter=" + form.promoterId() + "&event=" + id;
            } catch (FieldLog.Invalid e) {
                rejectAll(result, e.problems());
            }
        } else {
            rejectAll(result, log.problems(form.event(), today));
        }
        forms.rejected(result, model, "engagement.fieldlog.field", "");
        model.addAttribute("rejectedForm", "event");
        model.addAttribute("form", form);
        response.setStatus(Forms.UNPROCESSABLE);
        return render(form.promoterId(), null, today, model);
    }

    @PostMapping("/engagement/field/contacts")
    String logContact(
            @Valid @ModelAttribute("contact") ContactForm form,
            BindingResult result,
            Model model,
            RedirectAttributes redirect,
            HttpServletResponse response) {
        LocalDate today = LocalDate.now(zone);
        form = forms.complete(ContactForm.class, form, result);
        FieldChecks.memberId(result, "memberId", form.memberId());
        FieldChecks.phone(result, "phone", form.phone());
        if (!result.hasErrors()) {
            try {
                log.logContact(form.contact(today));
                redirect.addFlashAttribute("savedContact", true);
                return "redirect:/engagement/field?promoter=" + form.promoterId()
                        + (form.eventId() == null ? "" : "&event=" + form.eventId());
            } catch (FieldLog.Invalid e) {
                rejectAll(result, e.problems());
            }
        } else {
            rejectAll(result, log.problems(form.contact(today)));
        }
        forms.rejected(result, model, "engagement.fieldlog.field", "c-");
        model.addAttribute("rejectedForm", "contact");
        response.setStatus(Forms.UNPROCESSABLE);
        model.addAttribute("form", emptyEvent(form.promoterId(), today));
        return render(form.promoterId(), form.eventId(), today, model);
    }

    /** The field log's own rules next to Bean Validation's, one message per field, every one at once (#18). */
    private static void rejectAll(BindingResult result, List<FieldLog.Problem> problems) {
        problems.forEach(problem -> {
            if (!result.hasFieldErrors(problem.field())) {
                FieldChecks.reject(
                        result,
                        problem.field(),
                        problem.code(),
                        problem.arguments().toArray());
            }
        });
    }

    private static EventForm emptyEvent(Long promoterId, LocalDate today) {
        return new EventForm(
                promoterId,
                "WORKSHOP",
                today,
                null,
                null,
                null,
                null,
                "es",
                List.of(),
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null);
    }

    private String render(Long promoterId, Long eventId, LocalDate today, Model model) {
        model.addAttribute("promoterId", promoterId);
        model.addAttribute("eventId", eventId);
        model.addAttribute("promoters", roster.active());
        model.addAttribute("types", OutreachVocabulary.EVENT_TYPES);
        model.addAttribute("topics", OutreachVocabulary.TOPICS);
        model.addAttribute("referralKinds", OutreachVocabulary.REFERRAL_KINDS);
        model.addAttribute("languages", geography.languages());
        model.addAttribute(
                "recent", promoterId == null ? List.of() : reports.events(promoterId, today.minusMonths(3), today, 10));
        return "engagement/field";
    }
}
