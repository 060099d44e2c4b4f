package org.commonweal.identity.internal;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** ADMIN: issue and revoke the bearer tokens of provider systems that call the eligibility and FHIR APIs. */
@Controller
class ApiClientsController {

    private final JdbcApiClients clients;

    ApiClientsController(JdbcApiClients clients) {
        this.clients = clients;
    }

    @GetMapping("/admin/api-clients")
    String list(Model model) {
        model.addAttribute("clients", clients.list());
        return "identity/api-clients";
    }

    @PostMapping("/admin/api-clients")
    String issue(@RequestParam String clientName, @RequestParam String purpose, RedirectAttributes redirect) {
        try {
            redirect.addFlashAttribute("issued", clients.issue(clientName, purpose));
        } catch (IllegalArgumentException e) {
            redirect.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/admin/api-clients";
    }

    @PostMapping("/admin/api-clients/{id}/revoke")
    String revoke(@PathVariable long id, RedirectAttributes redirect) {
        clients.revoke(id);
        redirect.addFlashAttribute("revoked", id);
        return "redirect:/admin/api-clients";
    }
}
