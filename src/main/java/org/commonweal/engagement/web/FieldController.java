package org.commonweal.engagement.web;

import java.security.Principal;
import java.time.LocalDate;
import java.util.List;

import jakarta.servlet.http.HttpServletResponse;
import org.commonweal.platform.PlanIdentity;
import org.commonweal.engagement.committee.CommitteeDirectory;
import org.commonweal.engagement.promoter.FieldLog;
import org.commonweal.engagement.promoter.OutreachReports;
import org.commonweal.engagement.promoter.OutreachVocabulary;
import org.commonweal.engagement.promoter.PromoterRoster;
import org.commonweal.geography.Geography;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The phone-sized page where a promoter logs an outreach event, then the contacts and referrals made there. */
@Controller
class FieldController {

    /** The event form as posted; never a persistence row. */
    record EventForm(Long promoterId, String eventType, @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate heldOn,
            String placeName, String street, String city, String zip, String language, List<String> topics,
            String partners, Integer members, Integer nonMembers, Integer age0to17, Integer age18to64,
            Integer age65plus, String materials, Integer materialsCount) {
    }

    record ContactForm(Long promoterId, Long eventId, String personName, String memberId, String phone,
            String language, Integer tally, String referralKind, String referralTarget) {
    }

    private final PromoterRoster roster;
    private final FieldLog log;
    private final OutreachReports reports;
    private final Geography geography;

    private final java.time.ZoneId zone;

    FieldController(PromoterRoster roster, FieldLog log, OutreachReports reports, Geography geography, PlanIdentity plan) {
        this.zone = plan.timeZone();
        this.roster = roster;
        this.log = log;
        this.reports = reports;
        this.geography = geography;
    }

    @GetMapping("/engagement/field")
    String page(@RequestParam(required = false) Long promoter, @RequestParam(required = false) Long event,
            Principal principal, Model model) {
        LocalDate today = LocalDate.now(zone);
        Long promoterId = promoter != null ? promoter
                : roster.byUsername(principal.getName()).map(PromoterRoster.Promoter::id).orElse(null);
        if (!model.containsAttribute("form")) {
            model.addAttribute("form", new EventForm(promoterId, "WORKSHOP", today, null, null, null, null, "es",
                    List.of(), null, null, null, null, null, null, null, null));
        }
        return render(promoterId, event, today, model);
    }

    @PostMapping("/engagement/field/events")
    String logEvent(@ModelAttribute("form") EventForm form, Principal principal, Model model,
            RedirectAttributes redirect, HttpServletResponse response) {
        LocalDate today = LocalDate.now(zone);
        if (form.promoterId() == null) {
            model.addAttribute("problems", List.of("promoter: choose who held the event"));
            response.setStatus(422);
            return render(null, null, today, model);
        }
        try {
            long id = log.logEvent(new FieldLog.NewEvent(form.promoterId(), form.eventType(), form.heldOn(),
                    form.placeName(), form.street(), form.city(), form.zip(), form.language(), form.topics(),
                    form.partners(), form.members(), form.nonMembers(), form.age0to17(), form.age18to64(),
                    form.age65plus(), form.materials(), form.materialsCount()), principal.getName(), today);
            redirect.addFlashAttribute("savedEvent", id);
            return "redirect:/engagement/field?promoter=" + form.promoterId() + "&event=" + id;
        } catch (FieldLog.Invalid e) {
            model.addAttribute("problems", e.problems());
            response.setStatus(422);
            return render(form.promoterId(), null, today, model);
        }
    }

    @PostMapping("/engagement/field/contacts")
    String logContact(ContactForm form, RedirectAttributes redirect) {
        LocalDate today = LocalDate.now(zone);
        if (form.promoterId() == null) {
            throw new IllegalArgumentException("promoter: required");
        }
        try {
            log.logContact(new FieldLog.NewContact(form.promoterId(), form.eventId(), today, form.memberId(),
                    form.personName(), form.phone(), form.language(), form.tally() == null ? 0 : form.tally(),
                    form.referralKind(), form.referralTarget()));
            redirect.addFlashAttribute("savedContact", true);
        } catch (FieldLog.Invalid e) {
            redirect.addFlashAttribute("contactProblems", e.problems());
        }
        return "redirect:/engagement/field?promoter=" + form.promoterId()
                + (form.eventId() == null ? "" : "&event=" + form.eventId());
    }

    private String render(Long promoterId, Long eventId, LocalDate today, Model model) {
        model.addAttribute("promoterId", promoterId);
        model.addAttribute("eventId", eventId);
        model.addAttribute("promoters", roster.active());
        model.addAttribute("types", OutreachVocabulary.EVENT_TYPES);
        model.addAttribute("topics", OutreachVocabulary.TOPICS);
        model.addAttribute("referralKinds", OutreachVocabulary.REFERRAL_KINDS);
        model.addAttribute("languages", geography.languages());
        model.addAttribute("recent", promoterId == null ? List.of()
                : reports.events(promoterId, today.minusMonths(3), today, 10));
        return "engagement/field";
    }
}
