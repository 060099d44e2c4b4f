package org.commonweal.coverage.internal;

import java.security.Principal;
import org.commonweal.coverage.PcpChanges;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Member services' queue of members' PCP change requests, oldest first, approved or declined with a note. */
@Controller
class PcpChangeQueueController {

    private final PcpChanges pcpChanges;

    PcpChangeQueueController(PcpChanges pcpChanges) {
        this.pcpChanges = pcpChanges;
    }

    @GetMapping("/members/pcp-changes")
    String queue(Model model) {
        model.addAttribute("requests", pcpChanges.open(200));
        return "coverage/pcp-changes";
    }

    @PostMapping("/members/pcp-changes/{id}")
    String decide(
            @PathVariable long id,
            @RequestParam String decision,
            @RequestParam(required = false) String note,
            Principal principal,
            RedirectAttributes redirect) {
        if (!decision.equals("approve") && !decision.equals("decline")) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "decision");
        }
        if (note != null && note.length() > 500) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "note");
        }
        try {
            var decided = pcpChanges.decide(id, decision.equals("approve"), note, principal.getName());
            // plain strings: flash attributes live in the (JDBC) session
            redirect.addFlashAttribute("decidedMember", decided.memberId());
            redirect.addFlashAttribute("decidedDoctor", decided.practitionerName());
            redirect.addFlashAttribute("decision", decision);
        } catch (IllegalStateException notOpen) {
            redirect.addFlashAttribute("notOpen", id);
        }
        return "redirect:/members/pcp-changes";
    }
}
