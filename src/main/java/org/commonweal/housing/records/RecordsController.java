package org.commonweal.housing.records;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import java.util.LinkedHashMap;
import java.util.Map;
import org.commonweal.housing.HudCodes;
import org.commonweal.housing.cases.Viewer;
import org.commonweal.shell.FieldChecks;
import org.commonweal.shell.FormErrors;
import org.commonweal.shell.Forms;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;

/**
 * Edit forms for clients and enrollments (post/redirect/get). A rejected form comes back as 422 with what was typed
 * and every error at once, in the shared error experience ({@link Forms}): Bean Validation of the form's lengths,
 * then the HMIS rules of {@link ClientForm#check} and {@link EnrollmentForm#check}; nothing is written unless both pass.
 */
@Controller
class RecordsController {

    /** Message-key prefix of the fields' names in words ({@code housing.field.firstName=First name}). */
    static final String LABELS = "housing.field";

    private final RecordEditing editing;
    private final Forms forms;

    RecordsController(RecordEditing editing, Forms forms) {
        this.editing = editing;
        this.forms = forms;
    }

    @GetMapping("/housing/clients/new")
    String newClient(Authentication auth, Model model) {
        Viewer viewer = Viewer.of(auth);
        var assignable = editing.assignable(viewer);
        String self = assignable.contains(viewer.username()) ? viewer.username() : "";
        return clientForm(model, viewer, null, ClientForm.blank(self));
    }

    @PostMapping("/housing/clients")
    String createClient(
            @Valid @ModelAttribute("form") ClientForm form,
            BindingResult result,
            Authentication auth,
            Model model,
            HttpServletResponse response) {
        Viewer viewer = Viewer.of(auth);
        var outcome = result.hasErrors() ? editing.checkClient(viewer, null, form) : editing.createClient(viewer, form);
        if (rejected(result, outcome, model, response)) {
            return clientForm(model, viewer, null, form);
        }
        return "redirect:/housing/clients/" + outcome.id();
    }

    @GetMapping("/housing/clients/{id}/edit")
    String editClient(@PathVariable long id, Authentication auth, Model model) {
        Viewer viewer = Viewer.of(auth);
        var client = editing.clientForEdit(viewer, id);
        model.addAttribute("personalId", client.personalId());
        return clientForm(model, viewer, id, ClientForm.of(client.values(), null));
    }

    @PostMapping("/housing/clients/{id}")
    String updateClient(
            @PathVariable long id,
            @Valid @ModelAttribute("form") ClientForm form,
            BindingResult result,
            Authentication auth,
            Model model,
            HttpServletResponse response) {
        Viewer viewer = Viewer.of(auth);
        var outcome =
                result.hasErrors() ? editing.checkClient(viewer, id, form) : editing.updateClient(viewer, id, form);
        if (rejected(result, outcome, model, response)) {
            return clientForm(model, viewer, id, form);
        }
        return "redirect:/housing/clients/" + id;
    }

    @GetMapping("/housing/clients/{id}/enrollments/new")
    String newEnrollment(@PathVariable long id, Authentication auth, Model model) {
        editing.clientForEdit(Viewer.of(auth), id);
        return enrollmentForm(model, id, null, EnrollmentForm.blank(editing.today()));
    }

    @PostMapping("/housing/clients/{id}/enrollments")
    String createEnrollment(
            @PathVariable long id,
            @Valid @ModelAttribute("form") EnrollmentForm form,
            BindingResult result,
            Authentication auth,
            Model model,
            HttpServletResponse response) {
        Viewer viewer = Viewer.of(auth);
        var outcome = result.hasErrors()
                ? editing.checkEnrollment(viewer, id, form)
                : editing.createEnrollment(viewer, id, form);
        if (rejected(result, outcome, model, response)) {
            return enrollmentForm(model, id, null, form);
        }
        return "redirect:/housing/clients/" + id + "#enr-h";
    }

    @GetMapping("/housing/enrollments/{id}/edit")
    String editEnrollment(@PathVariable long id, Authentication auth, Model model) {
        var enrollment = editing.enrollmentForEdit(Viewer.of(auth), id);
        model.addAttribute("hmisId", enrollment.hmisId());
        return enrollmentForm(model, enrollment.clientId(), id, EnrollmentForm.of(enrollment.values()));
    }

    @PostMapping("/housing/enrollments/{id}")
    String updateEnrollment(
            @PathVariable long id,
            @Valid @ModelAttribute("form") EnrollmentForm form,
            BindingResult result,
            Authentication auth,
            Model model,
            HttpServletResponse response) {
        Viewer viewer = Viewer.of(auth);
        var enrollment = editing.enrollmentForEdit(viewer, id);
        var outcome = result.hasErrors()
                ? editing.checkEnrollment(viewer, enrollment.clientId(), form)
                : editing.updateEnrollment(viewer, id, form);
        if (rejected(result, outcome, model, response)) {
            model.addAttribute("hmisId", enrollment.hmisId());
            return enrollmentForm(model, enrollment.clientId(), id, form);
        }
        return "redirect:/housing/clients/" + enrollment.clientId() + "#enr-h";
    }

    @PostMapping("/housing/consents/{id}/revoke")
    String revokeConsent(@PathVariable long id, Authentication auth) {
        long clientId = editing.revokeConsent(Viewer.of(auth), id);
        return "redirect:/housing/clients/" + clientId + "#consents-h";
    }

    /**
     * Adds the HMIS rules' problems to Bean Validation's (one message per field, the first found), and when there are
     * any puts them in the model in the page's language, naming each field in words, with status 422.
     */
    private boolean rejected(
            BindingResult result, RecordEditing.Outcome outcome, Model model, HttpServletResponse response) {
        outcome.errors().forEach((field, code) -> {
            if (!result.hasFieldErrors(field)) {
                FieldChecks.reject(result, field, code);
            }
        });
        if (!forms.rejected(result, model, LABELS, "")) {
            return false;
        }
        response.setStatus(Forms.UNPROCESSABLE);
        return true;
    }

    /** Each field's first message (for the message next to it), in the order of the form. */
    private static Map<String, String> byField(Model model) {
        Map<String, String> errors = new LinkedHashMap<>();
        if (model.getAttribute("formErrors") instanceof FormErrors formErrors) {
            formErrors.problems().forEach(p -> errors.putIfAbsent(p.field(), p.message()));
        }
        return errors;
    }

    private String clientForm(Model model, Viewer viewer, Long id, ClientForm form) {
        model.addAttribute("clientId", id);
        model.addAttribute("form", form);
        model.addAttribute("errors", byField(model));
        model.addAttribute("assignable", id == null ? editing.assignable(viewer) : java.util.List.of());
        model.addAttribute("nameQuality", HudCodes.NAME_QUALITY);
        model.addAttribute("dobQuality", HudCodes.DOB_QUALITY);
        model.addAttribute("noYes", HudCodes.NO_YES);
        model.addAttribute("raceColumns", HudCodes.RACE_COLUMNS);
        model.addAttribute("genderColumns", HudCodes.GENDER_COLUMNS);
        model.addAttribute("spas", ClientForm.SPAS);
        return "housing/client-form";
    }

    private String enrollmentForm(Model model, long clientId, Long id, EnrollmentForm form) {
        model.addAttribute("clientId", clientId);
        model.addAttribute("enrollmentId", id);
        model.addAttribute("form", form);
        model.addAttribute("errors", byField(model));
        model.addAttribute("projects", editing.projects());
        model.addAttribute("livingSituations", HudCodes.LIVING_SITUATIONS);
        model.addAttribute("relationships", HudCodes.RELATIONSHIPS);
        model.addAttribute("noYes", HudCodes.NO_YES);
        model.addAttribute("subsidyTypes", HudCodes.RENTAL_SUBSIDY_TYPES);
        model.addAttribute("projectTypes", HudCodes.PROJECT_TYPES);
        return "housing/enrollment-form";
    }
}
