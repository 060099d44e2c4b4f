package org.commonweal.grants.internal;

import java.security.Principal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The reviewer's side: assignments, conflict-of-interest declaration first, then rubric scores. */
@Controller
class ReviewerController {

    private final ReviewDesk reviews;
    private final ApplicationDesk applications;
    private final GrantsCatalog catalog;
    private final GrantsAudit audit;

    ReviewerController(ReviewDesk reviews, ApplicationDesk applications, GrantsCatalog catalog, GrantsAudit audit) {
        this.reviews = reviews;
        this.applications = applications;
        this.catalog = catalog;
        this.audit = audit;
    }

    @GetMapping("/grants/reviews")
    String list(Principal principal, Model model) {
        model.addAttribute("assignments", reviews.forReviewer(principal.getName()));
        return "grants/reviews";
    }

    @GetMapping("/grants/reviews/{id}")
    String review(@PathVariable long id, Principal principal, Model model) {
        var assignment = reviews.find(id)
                .filter(a -> a.reviewer().equals(principal.getName()))
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        model.addAttribute("assignment", assignment);
        model.addAttribute("rubric", catalog.rubric(assignment.cycleId()));
        // the application itself is shown only once the reviewer has declared no conflict
        if (assignment.status() != org.commonweal.grants.lifecycle.ReviewRules.AssignmentStatus.RECUSED
                && assignment.status() != org.commonweal.grants.lifecycle.ReviewRules.AssignmentStatus.ASSIGNED) {
            audit.read("grant-application", assignment.applicationId(), "review");
            model.addAttribute(
                    "app", applications.find(assignment.applicationId()).orElseThrow());
            model.addAttribute("cycle", catalog.cycle(assignment.cycleId()).orElseThrow());
            model.addAttribute("budget", applications.budget(assignment.applicationId()));
            model.addAttribute("scores", reviews.scores(id));
        }
        return "grants/review";
    }

    @PostMapping("/grants/reviews/{id}/declaration")
    String declare(
            @PathVariable long id,
            @RequestParam boolean conflict,
            @RequestParam(required = false) String reason,
            Principal principal,
            RedirectAttributes ra)
            throws Exception {
        return Flash.attempt(
                ra,
                "/grants/reviews/" + id,
                conflict ? "grants.review.recused" : "grants.review.cleared",
                () -> reviews.declare(id, principal.getName(), conflict, reason));
    }

    @PostMapping("/grants/reviews/{id}/scores")
    String score(
            @PathVariable long id, @RequestParam Map<String, String> form, Principal principal, RedirectAttributes ra)
            throws Exception {
        Map<String, Integer> scores = new LinkedHashMap<>();
        List<String> notWhole = new java.util.ArrayList<>();
        form.forEach((key, value) -> {
            if (key.startsWith("score.") && !value.isBlank()) {
                try {
                    scores.put(key.substring(6), Integer.valueOf(value.trim()));
                } catch (NumberFormatException e) {
                    notWhole.add(key.substring(6));
                }
            }
        });
        if (!notWhole.isEmpty()) {
            // #18: a decimal score was a 500; now the criterion is named and nothing is saved
            var labels = reviews.find(id).map(a -> catalog.rubric(a.cycleId())).orElse(List.of()).stream()
                    .filter(c -> notWhole.contains(c.code()))
                    .map(c -> c.label())
                    .toList();
            ra.addFlashAttribute(
                    "error",
                    "Scores are whole numbers on the rubric's scale: check "
                            + String.join(", ", labels.isEmpty() ? notWhole : labels) + ".");
            return "redirect:/grants/reviews/" + id;
        }
        return Flash.attempt(
                ra,
                "/grants/reviews/" + id,
                "grants.review.completed",
                () -> reviews.score(id, principal.getName(), scores, form.get("comment")));
    }
}
