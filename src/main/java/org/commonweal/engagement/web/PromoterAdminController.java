package org.commonweal.engagement.web;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.commonweal.audit.AuditEntry;
import org.commonweal.audit.AuditTrail;
import org.commonweal.engagement.promoter.PromoterAdministration;
import org.commonweal.engagement.promoter.PromoterAdministration.Draft;
import org.commonweal.engagement.promoter.PromoterRoster;
import org.commonweal.geography.Geography;
import org.commonweal.shell.FieldChecks;
import org.commonweal.shell.FormErrors;
import org.commonweal.shell.Forms;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Engagement staff manage the Health Promoter roster: add or edit a promoter (supervisor, status, languages, SPA),
 * record completed courses and monthly hours. Problems are shown beside their fields (422), nothing half-saved.
 */
@Controller
class PromoterAdminController {

    /** The promoter form as posted; never a persistence row. Lengths as the database's checks (#18). */
    record PromoterForm(
            @Size(max = 120) String fullName,
            @Size(max = 20) String memberId,
            List<String> languages,
            Integer spa,
            @Size(max = 120) String supervisor,
            String status,
            @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate startDate,
            @Size(max = 60) String username) {

        Draft draft() {
            return new Draft(
                    fullName,
                    memberId,
                    languages == null ? List.of() : languages,
                    spa,
                    supervisor,
                    status,
                    startDate,
                    username);
        }
    }

    private final PromoterAdministration admin;
    private final PromoterRoster roster;
    private final PromoterController pages;
    private final Geography geography;
    private final AuditTrail audit;
    private final Forms forms;
    private final MessageSource messages;

    PromoterAdminController(
            PromoterAdministration admin,
            PromoterRoster roster,
            PromoterController pages,
            Geography geography,
            AuditTrail audit,
            Forms forms,
            MessageSource messages) {
        this.forms = forms;
        this.messages = messages;
        this.admin = admin;
        this.roster = roster;
        this.pages = pages;
        this.geography = geography;
        this.audit = audit;
    }

    @GetMapping("/engagement/promoters/new")
    String newPromoter(Model model) {
        var form = new PromoterForm(null, null, List.of(), null, null, "ACTIVE", pages.today(), null);
        return form(null, form, model);
    }

    @PostMapping("/engagement/promoters")
    String create(
            @Valid @ModelAttribute("form") PromoterForm form,
            BindingResult result,
            Model model,
            RedirectAttributes redirect,
            HttpServletResponse response) {
        form = forms.complete(PromoterForm.class, form, result);
        if (!result.hasErrors()) {
            try {
                long id = admin.create(form.draft(), pages.today());
                redirect.addFlashAttribute("saved", true);
                return "redirect:/engagement/promoters/" + id;
            } catch (PromoterAdministration.Invalid e) {
                rejectAll(result, e.fields());
            }
        } else {
            rejectAll(result, admin.problems(form.draft(), null, pages.today()));
        }
        return rejected(null, form, result, model, response);
    }

    @GetMapping("/engagement/promoters/{id}/edit")
    String edit(@PathVariable long id, Model model) {
        var p = roster.find(id, pages.today())
                .orElseThrow(() -> new NoSuchElementException("promoter " + id))
                .promoter();
        audit.record(AuditEntry.read("engagement-promoter", String.valueOf(id), p.memberId(), "promoter program"));
        var form = new PromoterForm(
                p.fullName(),
                p.memberId(),
                p.languages(),
                p.spa(),
                p.supervisor(),
                p.status(),
                p.startDate(),
                p.username());
        return form(id, form, model);
    }

    @PostMapping("/engagement/promoters/{id}")
    String update(
            @PathVariable long id,
            @Valid @ModelAttribute("form") PromoterForm form,
            BindingResult result,
            Model model,
            RedirectAttributes redirect,
            HttpServletResponse response) {
        form = forms.complete(PromoterForm.class, form, result);
        if (!result.hasErrors()) {
            try {
                admin.update(id, form.draft(), pages.today());
                redirect.addFlashAttribute("saved", true);
                return "redirect:/engagement/promoters/" + id;
            } catch (PromoterAdministration.Invalid e) {
                rejectAll(result, e.fields());
            }
        } else {
            rejectAll(result, admin.problems(form.draft(), id, pages.today()));
        }
        return rejected(id, form, result, model, response);
    }

    /**
     * The roster's rules' problems (field → message key) next to Bean Validation's, one per field; each message is
     * named with its field in words ({@code engagement.error.named}), as the shared error summary wants (#18). An SPA
     * outside the plan's says which numbers the plan has (its SPA file, not the message: #19).
     */
    private void rejectAll(BindingResult result, Map<String, String> problems) {
        var spas = geography.servicePlanningAreaNumbers();
        problems.forEach((field, key) -> {
            if (!result.hasFieldErrors(field)) {
                Object[] arguments =
                        key.equals("engagement.error.spa") ? new Object[] {spas.first(), spas.last()} : null;
                FieldChecks.reject(
                        result,
                        field,
                        "engagement.error.named",
                        messages.getMessage(key, arguments, key, LocaleContextHolder.getLocale()));
            }
        });
    }

    private String rejected(
            Long id, PromoterForm form, BindingResult result, Model model, HttpServletResponse response) {
        forms.rejected(result, model, "engagement.promoter.field", "p-");
        response.setStatus(Forms.UNPROCESSABLE);
        return form(id, form, model);
    }

    @PostMapping("/engagement/promoters/{id}/completions")
    String complete(
            @PathVariable long id,
            @RequestParam(required = false) Long courseId,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate on,
            Model model,
            RedirectAttributes redirect,
            HttpServletResponse response) {
        try {
            admin.complete(id, courseId, on, pages.today());
            redirect.addFlashAttribute("saved", true);
            return "redirect:/engagement/promoters/" + id;
        } catch (PromoterAdministration.Invalid e) {
            response.setStatus(422);
            model.addAttribute("completionErrors", e.fields());
            return pages.promoter(id, model);
        }
    }

    @PostMapping("/engagement/promoters/{id}/hours")
    String hours(
            @PathVariable long id,
            @RequestParam(required = false) String month,
            @RequestParam(required = false) String hours,
            Model model,
            RedirectAttributes redirect,
            HttpServletResponse response) {
        java.time.YearMonth parsed = null;
        try {
            parsed = month == null || month.isBlank() ? null : java.time.YearMonth.parse(month.trim());
        } catch (java.time.format.DateTimeParseException e) {
            model.addAttribute("hoursErrors", Map.of("month", "engagement.error.month"));
            response.setStatus(422);
            return pages.promoter(id, model);
        }
        try {
            admin.logHours(id, parsed, hours, pages.today());
            redirect.addFlashAttribute("saved", true);
            return "redirect:/engagement/promoters/" + id;
        } catch (PromoterAdministration.Invalid e) {
            response.setStatus(422);
            model.addAttribute("hoursErrors", e.fields());
            return pages.promoter(id, model);
        }
    }

    private String form(Long id, PromoterForm form, Model model) {
        Map<String, String> errors = new java.util.LinkedHashMap<>();
        if (model.getAttribute("formErrors") instanceof FormErrors formErrors) {
            formErrors.problems().forEach(problem -> errors.putIfAbsent(problem.field(), problem.message()));
        }
        model.addAttribute("promoterId", id);
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        model.addAttribute("statuses", PromoterAdministration.STATUSES);
        model.addAttribute("spas", geography.servicePlanningAreas());
        model.addAttribute("languages", geography.languages());
        return "engagement/promoter-form";
    }
}
