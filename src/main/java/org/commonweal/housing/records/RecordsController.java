package org.commonweal.housing.records;

import java.util.Map;

import jakarta.servlet.http.HttpServletResponse;
import org.commonweal.housing.HudCodes;
import org.commonweal.housing.cases.Viewer;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;

/** Edit forms for clients and enrollments (post/redirect/get; a rejected form comes back as 422 with field errors). */
@Controller
class RecordsController {

    private final RecordEditing editing;

    RecordsController(RecordEditing editing) {
        this.editing = editing;
    }

    @GetMapping("/housing/clients/new")
    String newClient(Authentication auth, Model model) {
        Viewer viewer = Viewer.of(auth);
        var assignable = editing.assignable(viewer);
        String self = assignable.contains(viewer.username()) ? viewer.username() : "";
        return clientForm(model, viewer, null, ClientForm.blank(self), Map.of());
    }

    @PostMapping("/housing/clients")
    String createClient(@ModelAttribute ClientForm form, Authentication auth, Model model,
            HttpServletResponse response) {
        Viewer viewer = Viewer.of(auth);
        var outcome = editing.createClient(viewer, form);
        if (!outcome.ok()) {
            response.setStatus(422);
            return clientForm(model, viewer, null, form, outcome.errors());
        }
        return "redirect:/housing/clients/" + outcome.id();
    }

    @GetMapping("/housing/clients/{id}/edit")
    String editClient(@PathVariable long id, Authentication auth, Model model) {
        Viewer viewer = Viewer.of(auth);
        var client = editing.clientForEdit(viewer, id);
        model.addAttribute("personalId", client.personalId());
        return clientForm(model, viewer, id, ClientForm.of(client.values(), null), Map.of());
    }

    @PostMapping("/housing/clients/{id}")
    String updateClient(@PathVariable long id, @ModelAttribute ClientForm form, Authentication auth, Model model,
            HttpServletResponse response) {
        Viewer viewer = Viewer.of(auth);
        var outcome = editing.updateClient(viewer, id, form);
        if (!outcome.ok()) {
            response.setStatus(422);
            return clientForm(model, viewer, id, form, outcome.errors());
        }
        return "redirect:/housing/clients/" + id;
    }

    @GetMapping("/housing/clients/{id}/enrollments/new")
    String newEnrollment(@PathVariable long id, Authentication auth, Model model) {
        editing.clientForEdit(Viewer.of(auth), id);
        return enrollmentForm(model, id, null, EnrollmentForm.blank(editing.today()), Map.of());
    }

    @PostMapping("/housing/clients/{id}/enrollments")
    String createEnrollment(@PathVariable long id, @ModelAttribute EnrollmentForm form, Authentication auth,
            Model model, HttpServletResponse response) {
        var outcome = editing.createEnrollment(Viewer.of(auth), id, form);
        if (!outcome.ok()) {
            response.setStatus(422);
            return enrollmentForm(model, id, null, form, outcome.errors());
        }
        return "redirect:/housing/clients/" + id + "#enr-h";
    }

    @GetMapping("/housing/enrollments/{id}/edit")
    String editEnrollment(@PathVariable long id, Authentication auth, Model model) {
        var enrollment = editing.enrollmentForEdit(Viewer.of(auth), id);
        model.addAttribute("hmisId", enrollment.hmisId());
        return enrollmentForm(model, enrollment.clientId(), id, EnrollmentForm.of(enrollment.values()), Map.of());
    }

    @PostMapping("/housing/enrollments/{id}")
    String updateEnrollment(@PathVariable long id, @ModelAttribute EnrollmentForm form, Authentication auth,
            Model model, HttpServletResponse response) {
        Viewer viewer = Viewer.of(auth);
        var enrollment = editing.enrollmentForEdit(viewer, id);
        var outcome = editing.updateEnrollment(viewer, id, form);
        if (!outcome.ok()) {
            response.setStatus(422);
            model.addAttribute("hmisId", enrollment.hmisId());
            return enrollmentForm(model, enrollment.clientId(), id, form, outcome.errors());
        }
        return "redirect:/housing/clients/" + enrollment.clientId() + "#enr-h";
    }

    @PostMapping("/housing/consents/{id}/revoke")
    String revokeConsent(@PathVariable long id, Authentication auth) {
        long clientId = editing.revokeConsent(Viewer.of(auth), id);
        return "redirect:/housing/clients/" + clientId + "#consents-h";
    }

    private String clientForm(Model model, Viewer viewer, Long id, ClientForm form, Map<String, String> errors) {
        model.addAttribute("clientId", id);
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        model.addAttribute("assignable", id == null ? editing.assignable(viewer) : java.util.List.of());
        model.addAttribute("nameQuality", HudCodes.NAME_QUALITY);
        model.addAttribute("dobQuality", HudCodes.DOB_QUALITY);
        model.addAttribute("noYes", HudCodes.NO_YES);
        model.addAttribute("raceColumns", HudCodes.RACE_COLUMNS);
        model.addAttribute("genderColumns", HudCodes.GENDER_COLUMNS);
        model.addAttribute("spas", ClientForm.SPAS);
        return "housing/client-form";
    }

    private String enrollmentForm(Model model, long clientId, Long id, EnrollmentForm form,
            Map<String, String> errors) {
        model.addAttribute("clientId", clientId);
        model.addAttribute("enrollmentId", id);
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        model.addAttribute("projects", editing.projects());
        model.addAttribute("livingSituations", HudCodes.LIVING_SITUATIONS);
        model.addAttribute("relationships", HudCodes.RELATIONSHIPS);
        model.addAttribute("noYes", HudCodes.NO_YES);
        model.addAttribute("subsidyTypes", HudCodes.RENTAL_SUBSIDY_TYPES);
        model.addAttribute("projectTypes", HudCodes.PROJECT_TYPES);
        return "housing/enrollment-form";
    }
}
