package org.commonweal.grants.internal;

import jakarta.servlet.http.HttpServletResponse;
import java.security.Principal;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.commonweal.grants.lifecycle.FieldErrors;
import org.commonweal.shell.FormErrors;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The grants officer sets up programs and funding cycles (dates, range, questions, rubric, letter of intent). */
@Controller
class CatalogController {

    private final GrantsCatalog catalog;
    private final CatalogEditor editor;
    private final LetterOfIntentDesk letters;
    private final MessageSource messages;

    CatalogController(GrantsCatalog catalog, CatalogEditor editor, LetterOfIntentDesk letters, MessageSource messages) {
        this.catalog = catalog;
        this.editor = editor;
        this.letters = letters;
        this.messages = messages;
    }

    @GetMapping("/grants/staff/programs")
    String programs(Model model) {
        model.addAttribute("programs", catalog.programs());
        model.addAttribute("cycles", catalog.cycles());
        model.addAttribute("now", Instant.now());
        return "grants/staff-catalog";
    }

    @GetMapping("/grants/staff/programs/new")
    String newProgram(Model model) {
        return programForm(
                model, null, new CatalogForms.Form(new org.springframework.util.LinkedMultiValueMap<>()), Map.of());
    }

    @GetMapping("/grants/staff/programs/{id}")
    String program(@PathVariable long id, Model model) {
        var program = catalog.program(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        return programForm(model, id, CatalogForms.of(program), Map.of());
    }

    @PostMapping({"/grants/staff/programs", "/grants/staff/programs/{id}"})
    String saveProgram(
            @PathVariable(required = false) Long id,
            @RequestParam MultiValueMap<String, String> values,
            Principal p,
            Model model,
            Locale locale,
            HttpServletResponse response,
            RedirectAttributes ra) {
        if (id != null) {
            catalog.program(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        }
        var form = new CatalogForms.Form(values);
        FieldErrors errors = new FieldErrors();
        var spec = CatalogForms.program(form, errors);
        try {
            if (!errors.isEmpty()) {
                throw new CatalogEditor.InvalidForm(
                        spec.validate(errors, java.time.LocalDate.now().getYear()));
            }
            editor.saveProgram(id, spec, p.getName());
        } catch (CatalogEditor.InvalidForm refused) {
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
            return programForm(model, id, form, CatalogForms.messages(refused.errors, messages, locale));
        }
        ra.addFlashAttribute("doneKey", "grants.program.saved");
        return "redirect:/grants/staff/programs";
    }

    @GetMapping("/grants/staff/cycles/new")
    String newCycle(Model model) {
        return cycleForm(model, null, CatalogForms.newCycle(), Map.of());
    }

    @GetMapping("/grants/staff/cycles/{id}")
    String cycle(@PathVariable long id, Model model) {
        var cycle = catalog.cycle(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        return cycleForm(model, id, CatalogForms.of(cycle, catalog.rubric(id)), Map.of());
    }

    @PostMapping({"/grants/staff/cycles", "/grants/staff/cycles/{id}"})
    String saveCycle(
            @PathVariable(required = false) Long id,
            @RequestParam MultiValueMap<String, String> values,
            Principal p,
            Model model,
            Locale locale,
            HttpServletResponse response,
            RedirectAttributes ra) {
        if (id != null) {
            catalog.cycle(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        }
        var form = new CatalogForms.Form(values);
        FieldErrors errors = new FieldErrors();
        var spec = CatalogForms.cycle(form, errors);
        long saved;
        try {
            if (!errors.isEmpty()) {
                throw new CatalogEditor.InvalidForm(spec.validate(errors));
            }
            saved = editor.saveCycle(id, spec, p.getName());
        } catch (CatalogEditor.InvalidForm refused) {
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
            return cycleForm(model, id, form, CatalogForms.messages(refused.errors, messages, locale));
        }
        ra.addFlashAttribute("doneKey", "grants.cycle.saved");
        return "redirect:/grants/staff/cycles/" + saved;
    }

    @PostMapping("/grants/staff/cycles/{id}/letters/{letterId}")
    String decide(
            @PathVariable long id,
            @PathVariable long letterId,
            @RequestParam boolean invite,
            @RequestParam(required = false) String reason,
            Principal p,
            RedirectAttributes ra)
            throws Exception {
        letters.find(letterId)
                .filter(l -> l.cycleId() == id)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        return Flash.attempt(
                ra,
                "/grants/staff/cycles/" + id,
                invite ? "grants.loi.invitedDone" : "grants.loi.declinedDone",
                () -> letters.decide(letterId, invite, reason, p.getName()));
    }

    /** The fields of the program and cycle forms in page order, with their labels (#18: the summary names them). */
    private static final Map<String, String> LABELS = labels(
            "code=grants.program.code",
            "name=grants.program.name",
            "nameEs=grants.program.nameEs",
            "strategy=grants.program.strategy",
            "fundingSource=grants.program.fundingSource",
            "sinceYear=grants.program.sinceYear",
            "programId=grants.program",
            "title=grants.cycle.title",
            "titleEs=grants.cycle.titleEs",
            "summary=grants.cycle.summary",
            "summaryEs=grants.cycle.summaryEs",
            "opensOn=grants.cycle.opens",
            "closesOn=grants.cycle.deadline",
            "closesTime=grants.cycle.deadlineTime",
            "envelope=grants.cycle.envelope",
            "awardFloor=grants.cycle.floor",
            "awardCeiling=grants.cycle.ceiling",
            "expectedAwards=grants.cycle.expectedAwards",
            "eligibility=grants.cycle.eligibilityQuestions",
            "questions=grants.cycle.questions",
            "loiClosesOn=grants.cycle.loiDeadline",
            "loiClosesTime=grants.cycle.deadlineTime",
            "rubric=grants.cycle.rubric");

    private static Map<String, String> labels(String... pairs) {
        Map<String, String> labels = new java.util.LinkedHashMap<>();
        for (String pair : pairs) {
            labels.put(pair.substring(0, pair.indexOf('=')), pair.substring(pair.indexOf('=') + 1));
        }
        return labels;
    }

    /**
     * The shared error summary (#18) over the form's own field errors: every problem, named in words, in page order,
     * each a link to its field (or, for the rubric, to its message).
     */
    private FormErrors summary(Map<String, String> errors) {
        Locale locale = org.springframework.context.i18n.LocaleContextHolder.getLocale();
        List<String> order = new java.util.ArrayList<>(LABELS.keySet());
        errors.keySet().stream()
                .filter(field -> !LABELS.containsKey(field))
                .sorted()
                .forEach(order::add);
        List<FormErrors.Problem> problems = new java.util.ArrayList<>();
        for (String field : order) {
            String message = errors.get(field);
            if (message != null) {
                String label =
                        LABELS.containsKey(field) ? messages.getMessage(LABELS.get(field), null, field, locale) : field;
                problems.add(new FormErrors.Problem(
                        field, field.equals("rubric") ? "e-rubric" : "f-" + field, label + ": " + message, null));
            }
        }
        return new FormErrors(List.copyOf(problems), Map.of());
    }

    private String programForm(Model model, Long id, CatalogForms.Form form, Map<String, String> errors) {
        model.addAttribute("formErrors", summary(errors));
        model.addAttribute("programId", id);
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        return "grants/staff-program";
    }

    private String cycleForm(Model model, Long id, CatalogForms.Form form, Map<String, String> errors) {
        model.addAttribute("formErrors", summary(errors));
        model.addAttribute("cycleId", id);
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        model.addAttribute("programs", catalog.programs());
        model.addAttribute(
                "rubricRows",
                java.util.stream.IntStream.range(
                                0,
                                Math.max(
                                        CatalogForms.RUBRIC_ROWS,
                                        form.values()
                                                        .getOrDefault("criterionCode", java.util.List.of())
                                                        .size()
                                                + 1))
                        .boxed()
                        .toList());
        if (id != null) {
            model.addAttribute("letters", letters.forCycle(id));
        }
        return "grants/staff-cycle";
    }
}
