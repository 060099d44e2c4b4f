package org.commonweal.centers.web;

import jakarta.servlet.http.HttpSession;
import java.security.Principal;
import java.time.LocalDate;
import java.time.ZoneId;
import org.commonweal.centers.Center;
import org.commonweal.centers.RegistrationException;
import org.commonweal.centers.registration.JdbcCenters;
import org.commonweal.centers.registration.Rosters;
import org.commonweal.platform.PlanIdentity;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.password.PasswordEncoder;
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

    private final UserDetailsService staffLogins;
    private final PasswordEncoder passwords;

    private final ZoneId zone;

    KioskController(
            JdbcCenters centers,
            Rosters rosters,
            UserDetailsService staffLogins,
            PasswordEncoder passwords,
            PlanIdentity plan) {
        this.zone = plan.timeZone();
        this.centers = centers;
        this.rosters = rosters;
        this.staffLogins = staffLogins;
        this.passwords = passwords;
    }

    @GetMapping("/centers/kiosk/{code}")
    String kiosk(
            @PathVariable String code, @RequestParam(required = false) String name, Model model, HttpSession session) {
        Center center = centers.center(code).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        // opening the kiosk locks this browser session to it, and the page shows no staff navigation
        KioskLock.lock(session, center.code());
        model.addAttribute("kioskMode", true);
        model.addAttribute("center", center);
        if (name != null && name.strip().length() >= 2) {
            model.addAttribute("name", name);
            model.addAttribute(
                    "matches",
                    rosters.findToday(center.id(), name, LocalDate.now(zone)).stream()
                            .filter(e -> !e.status().equals("attended"))
                            .toList());
        }
        return "centers/kiosk";
    }

    /** Leaves kiosk mode: only with the password of the staff member signed in on the device. */
    @PostMapping("/centers/kiosk/{code}/leave")
    String leave(
            @PathVariable String code,
            @RequestParam(required = false) String password,
            Principal principal,
            HttpSession session,
            RedirectAttributes redirect) {
        Center center = centers.center(code).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        boolean right = password != null
                && !password.isEmpty()
                && passwords.matches(
                        password,
                        staffLogins.loadUserByUsername(principal.getName()).getPassword());
        if (!right) {
            redirect.addFlashAttribute("leaveRefused", true);
            return "redirect:/centers/kiosk/" + center.code();
        }
        KioskLock.unlock(session);
        return "redirect:/centers/staff?center=" + center.code();
    }

    @PostMapping("/centers/kiosk/{code}/checkin")
    String checkIn(@PathVariable String code, @RequestParam String confirmation, RedirectAttributes redirect) {
        Center center = centers.center(code).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        try {
            var registration = centers.registration(confirmation)
                    .orElseThrow(() -> new RegistrationException("confirmation", "unknown code"));
            var session = centers.session(registration.sessionId()).orElseThrow();
            LocalDate today = LocalDate.now(zone);
            if (session.centerId() != center.id()
                    || !session.startsAt().atZone(zone).toLocalDate().equals(today)) {
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
