package org.commonweal.quality.web;

import java.security.Principal;
import org.commonweal.quality.supplemental.ClinicalSources;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Withdrawing a clinical source (a FHIR Bundle or NDJSON, a lab or immunization CSV, a center screening) from the
 * pages, for administrators (the {@code /quality/supplemental/**} rule): a confirmation page says what will stop
 * counting and for how many members; the POST (CSRF-protected) withdraws it through {@link ClinicalSources#withdraw},
 * which audits it and recomputes those members, then goes back to the list.
 */
@Controller
class ClinicalSourcesController {

    private final ClinicalSources sources;

    ClinicalSourcesController(ClinicalSources sources) {
        this.sources = sources;
    }

    @GetMapping("/quality/supplemental/sources/{id}/withdraw")
    String confirm(@PathVariable long id, Model model) {
        var source = sources.find(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        model.addAttribute("source", source);
        model.addAttribute("members", sources.members(id));
        return "quality/withdraw-source";
    }

    @PostMapping("/quality/supplemental/sources/{id}/withdraw")
    String withdraw(@PathVariable long id, Principal user, RedirectAttributes redirect) {
        var source = sources.find(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        if (!source.imported()) {
            redirect.addFlashAttribute("alreadyWithdrawn", id);
        } else {
            redirect.addFlashAttribute("withdrawn", id);
            redirect.addFlashAttribute("recomputed", sources.withdraw(id, user.getName()));
        }
        return "redirect:/quality/supplemental#clinical-sources";
    }
}
