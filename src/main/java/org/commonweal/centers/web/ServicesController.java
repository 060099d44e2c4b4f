package org.commonweal.centers.web;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import java.security.Principal;
import org.commonweal.centers.Centers;
import org.commonweal.centers.RegistrationException;
import org.commonweal.centers.services.WalkIns;
import org.commonweal.coverage.Coverage;
import org.commonweal.geography.Geography;
import org.commonweal.geography.ServiceAreaZips;
import org.commonweal.shell.FieldChecks;
import org.commonweal.shell.Forms;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Walk-in services and screenings at the desk. */
@Controller
class ServicesController {

    private final Centers centers;
    private final WalkIns walkIns;
    private final Geography geography;

    private final Coverage coverage;
    private final Forms forms;
    private final ServiceAreaZips zips;

    ServicesController(
            Centers centers,
            WalkIns walkIns,
            Geography geography,
            Coverage coverage,
            Forms forms,
            ServiceAreaZips zips) {
        this.zips = zips;
        this.coverage = coverage;
        this.forms = forms;
        this.centers = centers;
        this.walkIns = walkIns;
        this.geography = geography;
    }

    private String center(String code, Model model) {
        var all = centers.centers();
        var current = code == null
                ? all.getFirst()
                : centers.center(code).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        model.addAttribute("centers", all);
        model.addAttribute("center", current);
        return current.code();
    }

    @GetMapping("/centers/staff/visits")
    String visits(@RequestParam(required = false) String center, Model model) {
        String code = center(center, model);
        model.addAttribute("services", WalkIns.SERVICES);
        model.addAttribute("languages", geography.languages());
        model.addAttribute("visits", walkIns.today(code));
        return "centers/visits";
    }

    @PostMapping("/centers/staff/visits")
    String logVisit(
            @Valid @ModelAttribute("visit") WalkIns.NewVisit visit,
            BindingResult result,
            Principal user,
            Model model,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        zips.check(result, "zip", visit.zip());
        if (FieldChecks.memberId(result, "memberId", visit.memberId())
                && visit.memberId() != null
                && !visit.memberId().isBlank()
                && coverage.findMember(visit.memberId().strip(), "walk-in service: member id check")
                        .isEmpty()) {
            FieldChecks.reject(result, "memberId", "form.memberId.unknown");
        }
        if (!result.hasErrors()) {
            try {
                walkIns.log(visit, user.getName());
                redirect.addFlashAttribute("done", visit.service());
                redirect.addAttribute("center", visit.centerCode());
                return "redirect:/centers/staff/visits";
            } catch (RegistrationException e) {
                CentersFormErrors.reject(result, e);
            }
        }
        forms.rejected(result, model, "centers.visits.field", "v-");
        response.setStatus(Forms.UNPROCESSABLE);
        return visits(visit.centerCode(), model);
    }

    @GetMapping("/centers/staff/screenings")
    String screenings(@RequestParam(required = false) String center, Model model) {
        String code = center(center, model);
        model.addAttribute("screenings", walkIns.screeningsToday(code));
        return "centers/screenings";
    }

    @PostMapping("/centers/staff/screenings")
    String screen(
            @Valid @ModelAttribute("screening") WalkIns.NewScreening screening,
            BindingResult result,
            Principal user,
            Model model,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        screening = forms.complete(WalkIns.NewScreening.class, screening, result);
        String center = screening != null ? screening.centerCode() : result.getFieldValue("centerCode") + "";
        if (screening != null) {
            FieldChecks.memberId(result, "memberId", screening.memberId());
        }
        if (!result.hasErrors()) {
            try {
                redirect.addFlashAttribute("result", walkIns.screen(screening, user.getName()));
                redirect.addAttribute("center", screening.centerCode());
                return "redirect:/centers/staff/screenings";
            } catch (RegistrationException e) {
                CentersFormErrors.reject(result, e);
            }
        }
        // the entries stay, each out-of-range measure is named (#18: "a value is outside what can be measured")
        forms.rejected(result, model, "centers.screenings.field", "sc-");
        response.setStatus(Forms.UNPROCESSABLE);
        return screenings(centers.center(center).isPresent() ? center : null, model);
    }
}
