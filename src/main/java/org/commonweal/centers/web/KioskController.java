package org.commonweal.centers.web;

import java.time.LocalDate;

import org.commonweal.centers.Center;
import org.commonweal.centers.RegistrationException;
import org.commonweal.centers.registration.JdbcCenters;
import org.commonweal.centers.registration.Rosters;
import org.commonweal.centers.schedule.SessionQueries;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The self check-in kiosk of a center, on a device signed in by staff. A visitor types or scans the confirmation
 * code; a name search shows only first names and last initials of today's registrations at that center.
 */
@Controller
class KioskController {

    private final JdbcCenters centers;
    private final Rosters rosters;

    KioskController(JdbcCenters centers, Rosters rosters) {
        this.centers = centers;
        this.rosters = rosters;
    }

    @GetMapping("/centers/kiosk/{code}")
    String kiosk(@PathVariable String code, @RequestParam(required = false) String name, Model model) {
        Center center = centers.center(code).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        model.addAttribute("center", center);
        if (name != null && name.strip().length() >= 2) {
            model.addAttribute("name", name);
            model.addAttribute("matches", rosters.findToday(center.id(), name, LocalDate.now(SessionQueries.ZONE))
                    .stream().filter(e -> !e.status().equals("attended")).toList());
        }
        return "centers/kiosk";
    }

    @PostMapping("/centers/kiosk/{code}/checkin")
    String checkIn(@PathVariable String code, @RequestParam String confirmation, RedirectAttributes redirect) {
        Center center = centers.center(code).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        try {
            var registration = centers.registration(confirmation)
                    .orElseThrow(() -> new RegistrationException("confirmation", "unknown code"));
            var session = centers.session(registration.sessionId()).orElseThrow();
            LocalDate today = LocalDate.now(SessionQueries.ZONE);
            if (session.centerId() != center.id() || !session.startsAt().atZone(SessionQueries.ZONE).toLocalDate().equals(today)) {
                throw new RegistrationException("confirmation", "not for a session here today");
            }
            var checked = centers.checkIn(confirmation, "kiosk:" + code);
            redirect.addFlashAttribute("welcome", session.title("en"));
            redirect.addFlashAttribute("welcomeEs", session.title("es"));
            redirect.addFlashAttribute("status", checked.status().code());
        } catch (RegistrationException e) {
            redirect.addFlashAttribute("notFound", true);
        }
        return "redirect:/centers/kiosk/" + code;
    }
}
