package org.commonweal.housing.cases;

import java.time.LocalDate;
import org.commonweal.housing.HudCodes;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.util.HtmlUtils;

@Controller
class CaseController {

    private final CaseManagement cases;
    private final CaseloadAccess access;

    CaseController(CaseManagement cases, CaseloadAccess access) {
        this.cases = cases;
        this.access = access;
    }

    @GetMapping("/housing")
    String caseload(
            @RequestParam(required = false) String q,
            @RequestParam(defaultValue = "false") boolean all,
            @RequestParam(defaultValue = "1") int page,
            Authentication auth,
            Model model) {
        Viewer viewer = Viewer.of(auth);
        if (page < 1 || page > 10_000) {
            throw new IllegalArgumentException("page: from 1 to 10000, not " + page);
        }
        var rows = cases.caseload(viewer, q, all, page - 1);
        model.addAttribute("rows", rows.size() > CaseFiles.PAGE_SIZE ? rows.subList(0, CaseFiles.PAGE_SIZE) : rows);
        model.addAttribute("hasNext", rows.size() > CaseFiles.PAGE_SIZE);
        model.addAttribute("page", page);
        model.addAttribute("q", q);
        model.addAttribute("all", all);
        model.addAttribute("today", cases.today());
        model.addAttribute("supervisor", access.supervises(viewer.username()));
        return "housing/caseload";
    }

    @GetMapping("/housing/clients/{id}")
    String client(@PathVariable long id, Authentication auth, Model model) {
        Viewer viewer = Viewer.of(auth);
        model.addAttribute("file", cases.open(viewer, id));
        model.addAttribute("notices", cases.notices(id));
        model.addAttribute("today", cases.today());
        model.addAttribute("serviceTypes", ServiceType.values());
        model.addAttribute("reassignable", cases.reassignableTo(viewer));
        model.addAttribute("hud", new HudLabels());
        return "housing/client";
    }

    @GetMapping("/housing/services/{id}/note")
    @ResponseBody
    String note(@PathVariable long id, Authentication auth) {
        String note = cases.note(Viewer.of(auth), id);
        return "<div class=\"housing-note border rounded p-2 bg-body-tertiary\" id=\"note-" + id + "\">"
                + HtmlUtils.htmlEscape(note) + "</div>";
    }

    @PostMapping("/housing/clients/{id}/contacts")
    String contact(
            @PathVariable long id,
            @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate date,
            @RequestParam int minutes,
            @RequestParam String type,
            @RequestParam(required = false) String note,
            @RequestParam(required = false) String nextSteps,
            Authentication auth) {
        cases.recordContact(Viewer.of(auth), id, date, minutes, ServiceType.parse(type), note, nextSteps);
        return "redirect:/housing/clients/" + id + "#contacts";
    }

    @PostMapping("/housing/clients/{id}/tasks")
    String task(
            @PathVariable long id,
            @RequestParam String title,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate due,
            Authentication auth) {
        cases.addTask(Viewer.of(auth), id, title, due);
        return "redirect:/housing/clients/" + id + "#tasks";
    }

    @PostMapping("/housing/clients/{id}/consents")
    String consent(
            @PathVariable long id,
            @RequestParam String sharedWith,
            @RequestParam String scope,
            @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate signed,
            @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate expires,
            Authentication auth) {
        cases.addConsent(Viewer.of(auth), id, sharedWith, scope, signed, expires);
        return "redirect:/housing/clients/" + id + "#consents";
    }

    @PostMapping("/housing/tasks/{id}/done")
    String done(@PathVariable long id, Authentication auth) {
        long clientId = cases.completeTask(Viewer.of(auth), id);
        return "redirect:/housing/clients/" + clientId + "#tasks";
    }

    @PostMapping("/housing/clients/{id}/assignment")
    String assign(@PathVariable long id, @RequestParam String caseManager, Authentication auth) {
        cases.reassign(Viewer.of(auth), id, caseManager);
        return "redirect:/housing/clients/" + id + "#assignments";
    }

    /** HUD code labels for the templates. */
    static final class HudLabels {

        public String projectType(Integer code) {
            return label(HudCodes.PROJECT_TYPES, code);
        }

        public String living(Integer code) {
            return label(HudCodes.LIVING_SITUATIONS, code);
        }

        public String relationship(Integer code) {
            return label(HudCodes.RELATIONSHIPS, code);
        }

        public String noYes(Integer code) {
            return label(HudCodes.NO_YES, code);
        }

        public String event(Integer code) {
            return label(HudCodes.CE_EVENTS, code);
        }

        public String result(Integer code) {
            return label(HudCodes.REFERRAL_RESULTS, code);
        }

        private static String label(java.util.Map<Integer, String> list, Integer code) {
            return code == null ? "" : code + " – " + HudCodes.label(list, code).orElse("?");
        }
    }
}
