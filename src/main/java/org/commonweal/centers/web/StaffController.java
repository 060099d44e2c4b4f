package org.commonweal.centers.web;

import java.security.Principal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import org.commonweal.audit.AuditAction;
import org.commonweal.audit.AuditEntry;
import org.commonweal.audit.AuditTrail;
import org.commonweal.centers.Center;
import org.commonweal.centers.ClassSession;
import org.commonweal.centers.RegistrationChannel;
import org.commonweal.centers.RegistrationException;
import org.commonweal.centers.registration.JdbcCenters;
import org.commonweal.centers.registration.Rosters;
import org.commonweal.centers.registration.SessionEditor;
import org.commonweal.centers.schedule.SessionQueries;
import org.commonweal.geography.Geography;
import org.commonweal.platform.PlanIdentity;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The center desk: the day's sessions, a session's roster with check-in, and one-by-one session edits. */
@Controller
class StaffController {

    private final JdbcCenters centers;
    private final SessionQueries queries;
    private final Rosters rosters;
    private final SessionEditor editor;
    private final AuditTrail audit;
    private final Geography geography;

    private final ZoneId zone;

    StaffController(
            JdbcCenters centers,
            SessionQueries queries,
            Rosters rosters,
            SessionEditor editor,
            AuditTrail audit,
            Geography geography,
            PlanIdentity plan) {
        this.zone = plan.timeZone();
        this.centers = centers;
        this.queries = queries;
        this.rosters = rosters;
        this.editor = editor;
        this.audit = audit;
        this.geography = geography;
    }

    @GetMapping("/centers/staff")
    String desk(
            @RequestParam(required = false) String center,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate date,
            @RequestParam(required = false) String q,
            Model model) {
        List<Center> all = centers.centers();
        Center current = center == null
                ? all.getFirst()
                : all.stream()
                        .filter(c -> c.code().equals(center))
                        .findFirst()
                        .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        LocalDate day = date == null ? LocalDate.now(zone) : date;
        model.addAttribute("centers", all);
        model.addAttribute("center", current);
        model.addAttribute("date", day);
        model.addAttribute("q", q);
        model.addAttribute(
                "days",
                PublicCentersController.byDay(
                        queries.sessions(new SessionQueries.Filter(current.code(), null, null, null, day, day, 200)),
                        zone));
        if (q != null && !q.isBlank()) {
            var found = rosters.findToday(current.id(), q, day);
            audit.record(new AuditEntry(
                    AuditAction.SEARCH,
                    "center-registration",
                    null,
                    null,
                    "center check-in",
                    "center=" + current.code() + " results=" + found.size()));
            model.addAttribute("found", found);
        }
        return "centers/staff";
    }

    @GetMapping("/centers/staff/sessions/{id}")
    String session(@PathVariable long id, Model model) {
        ClassSession session = centers.session(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        var roster = rosters.roster(id);
        audit.record(new AuditEntry(
                AuditAction.READ,
                "center-roster",
                String.valueOf(id),
                null,
                "center session roster",
                roster.size() + " registrations"));
        model.addAttribute("row", SessionRow.of(session, LocaleContextHolder.getLocale(), zone));
        model.addAttribute("roster", roster);
        model.addAttribute("languages", geography.languages());
        model.addAttribute("form", PublicCentersController.RegistrationForm.empty("en"));
        return "centers/staff-session";
    }

    @PostMapping("/centers/staff/sessions/{id}/register")
    String register(
            @PathVariable long id,
            @ModelAttribute PublicCentersController.RegistrationForm form,
            @RequestParam(defaultValue = "false") boolean walkIn,
            Principal user,
            RedirectAttributes redirect) {
        try {
            var r = centers.register(id, form.toStaffParticipant(), RegistrationChannel.STAFF, user.getName());
            if (walkIn) {
                centers.checkIn(r.confirmationCode(), user.getName());
            }
            redirect.addFlashAttribute("done", r.confirmationCode());
        } catch (RegistrationException e) {
            redirect.addFlashAttribute("problem", e.getMessage());
        }
        return "redirect:/centers/staff/sessions/" + id;
    }

    @PostMapping("/centers/staff/registrations/{code}/{action:checkin|noshow|cancel}")
    String act(
            @PathVariable String code,
            @PathVariable String action,
            @RequestParam long session,
            @RequestParam(required = false) String back,
            Principal user,
            RedirectAttributes redirect) {
        try {
            switch (action) {
                case "checkin" -> centers.checkIn(code, user.getName());
                case "noshow" -> centers.markNoShow(code, user.getName());
                default -> centers.cancel(code, user.getName());
            }
            redirect.addFlashAttribute("done", code);
        } catch (RegistrationException e) {
            redirect.addFlashAttribute("problem", e.getMessage());
        }
        return "redirect:"
                + (back != null && back.startsWith("/centers/staff") ? back : "/centers/staff/sessions/" + session);
    }

    @PostMapping("/centers/staff/sessions/{id}/edit")
    String edit(
            @PathVariable long id,
            @RequestParam String change,
            @RequestParam(required = false) String reason,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) LocalDateTime start,
            @RequestParam(required = false) String room,
            @RequestParam(required = false) Integer capacity,
            Principal user,
            RedirectAttributes redirect) {
        try {
            switch (change) {
                case "cancel" -> editor.cancel(id, reason == null ? "" : reason, user.getName());
                case "move" -> {
                    if (start == null) {
                        throw new RegistrationException("start", "a new start is required");
                    }
                    editor.move(id, start, room, user.getName());
                }
                case "capacity" -> {
                    if (capacity == null) {
                        throw new RegistrationException("capacity", "is required");
                    }
                    editor.changeCapacity(id, capacity, user.getName());
                }
                default -> throw new RegistrationException("change", "must be cancel, move or capacity");
            }
            redirect.addFlashAttribute("done", change);
        } catch (RegistrationException e) {
            redirect.addFlashAttribute("problem", e.getMessage());
        }
        return "redirect:/centers/staff/sessions/" + id;
    }
}
