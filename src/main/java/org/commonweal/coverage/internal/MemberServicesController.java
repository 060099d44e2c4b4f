package org.commonweal.coverage.internal;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import java.security.Principal;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.commonweal.audit.AuditAction;
import org.commonweal.audit.AuditEntry;
import org.commonweal.audit.AuditQueries;
import org.commonweal.audit.AuditTrail;
import org.commonweal.geography.Geography;
import org.commonweal.geography.ServiceAreaZips;
import org.commonweal.platform.PlanIdentity;
import org.commonweal.shell.Forms;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
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

@Controller
class MemberServicesController {

    private final Members members;
    private final JdbcCoverage coverage;
    private final MemberCorrections corrections;
    private final AuditTrail audit;
    private final AuditQueries auditQueries;
    private final Geography geography;
    private final ServiceAreaZips zips;
    private final Forms forms;

    private final ZoneId zone;

    MemberServicesController(
            Members members,
            JdbcCoverage coverage,
            MemberCorrections corrections,
            AuditTrail audit,
            AuditQueries auditQueries,
            Geography geography,
            ServiceAreaZips zips,
            Forms forms,
            PlanIdentity plan) {
        this.zone = plan.timeZone();
        this.forms = forms;
        this.auditQueries = auditQueries;
        this.members = members;
        this.coverage = coverage;
        this.corrections = corrections;
        this.audit = audit;
        this.geography = geography;
        this.zips = zips;
    }

    @GetMapping("/members")
    String search(
            @RequestParam(required = false) String id,
            @RequestParam(required = false) String name,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate birthDate,
            Model model) {
        boolean searched = (id != null && !id.isBlank()) || (name != null && !name.isBlank());
        List<MemberRecord> found = searched ? members.search(id, name, birthDate) : List.of();
        if (searched) {
            audit.record(new AuditEntry(
                    AuditAction.SEARCH,
                    "member",
                    null,
                    found.size() == 1 ? found.get(0).memberId() : null,
                    "member services search",
                    found.size() + " found"));
        }
        model.addAttribute("id", id);
        model.addAttribute("name", name);
        model.addAttribute("birthDate", birthDate);
        model.addAttribute("searched", searched);
        model.addAttribute("needsBirthDate", name != null && !name.isBlank() && birthDate == null);
        model.addAttribute("results", found);
        return "coverage/search";
    }

    @GetMapping("/members/{memberId}")
    String member(@PathVariable String memberId, Model model) {
        MemberRecord member =
                members.byId(memberId).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        return show(member, model);
    }

    private String show(MemberRecord member, Model model) {
        String memberId = member.memberId();
        audit.record(AuditEntry.read("member", memberId, memberId, "member services"));
        LocalDate today = LocalDate.now(zone);
        model.addAttribute("member", member);
        model.addAttribute("spans", members.spans(memberId));
        model.addAttribute("today", today);
        model.addAttribute("eligibility", members.coveringSpan(memberId, today).orElse(null));
        model.addAttribute("productLines", coverage.productLines());
        model.addAttribute("productLineNames", members.productLineNames());
        model.addAttribute("planNames", members.planNames());
        model.addAttribute("history", members.history(memberId));
        model.addAttribute("access", auditQueries.accessTo(memberId, 20));
        model.addAttribute("languages", geography.languages());
        model.addAttribute(
                "spa",
                member.spa() == null
                        ? null
                        : geography
                                .servicePlanningArea(member.spa())
                                .map(r -> r.name())
                                .orElse(null));
        return "coverage/member";
    }

    @PostMapping("/members/{memberId}/corrections")
    String correct(
            @PathVariable String memberId,
            @Valid @ModelAttribute("correction") MemberCorrections.Correction correction,
            BindingResult result,
            Principal principal,
            Model model,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        MemberRecord member =
                members.byId(memberId).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        correction.check(result, zips);
        if (forms.rejected(result, model, "coverage.correction.field", "c-")) {
            response.setStatus(Forms.UNPROCESSABLE);
            return show(member, model);
        }
        var changed = corrections.correct(member, correction, principal.getName());
        redirect.addFlashAttribute(
                "notice", changed.isEmpty() ? "coverage.correction.none" : "coverage.correction.saved");
        return "redirect:/members/" + memberId;
    }
}
