package org.commonweal.centers.web;

import java.security.Principal;

import org.commonweal.centers.Centers;
import org.commonweal.centers.RegistrationException;
import org.commonweal.centers.services.WalkIns;
import org.commonweal.geography.Geography;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
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

    ServicesController(Centers centers, WalkIns walkIns, Geography geography) {
        this.centers = centers;
        this.walkIns = walkIns;
        this.geography = geography;
    }

    private String center(String code, Model model) {
        var all = centers.centers();
        var current = code == null ? all.getFirst() : centers.center(code)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
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
    String logVisit(@ModelAttribute WalkIns.NewVisit visit, Principal user, RedirectAttributes redirect) {
        try {
            walkIns.log(visit, user.getName());
            redirect.addFlashAttribute("done", visit.service());
        } catch (RegistrationException e) {
            redirect.addFlashAttribute("problem", e.getMessage());
        }
        redirect.addAttribute("center", visit.centerCode());
        return "redirect:/centers/staff/visits";
    }

    @GetMapping("/centers/staff/screenings")
    String screenings(@RequestParam(required = false) String center, Model model) {
        String code = center(center, model);
        model.addAttribute("screenings", walkIns.screeningsToday(code));
        return "centers/screenings";
    }

    @PostMapping("/centers/staff/screenings")
    String screen(@ModelAttribute WalkIns.NewScreening screening, Principal user, RedirectAttributes redirect) {
        try {
            var result = walkIns.screen(screening, user.getName());
            redirect.addFlashAttribute("result", result);
        } catch (RegistrationException e) {
            redirect.addFlashAttribute("problem", e.getMessage());
        }
        redirect.addAttribute("center", screening.centerCode());
        return "redirect:/centers/staff/screenings";
    }
}
