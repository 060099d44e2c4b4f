package org.commonweal.identity.internal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.commonweal.identity.ApiClients.IssuedCredentials;
import org.commonweal.identity.ApiClients.Registration;
import org.commonweal.identity.ApiScope;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * ADMIN: register the OAuth clients of provider systems and partners, rotate their secrets, disable them. A new
 * secret is rendered straight into the answer to the POST (no redirect, so no flash attribute and nothing in the
 * session store), with {@code Cache-Control: no-store}; if that answer fails, {@link IssuedSecretGuard} disables the
 * client, so no credential stays live that nobody holds.
 */
@Controller
class ApiClientsController {

    private final JdbcApiClients clients;

    ApiClientsController(JdbcApiClients clients) {
        this.clients = clients;
    }

    @GetMapping("/admin/api-clients")
    String list(Model model) {
        model.addAttribute("clients", clients.list());
        model.addAttribute("scopes", ApiScope.values());
        return "identity/api-clients";
    }

    @PostMapping("/admin/api-clients")
    String register(
            @RequestParam String clientName,
            @RequestParam String purpose,
            @RequestParam(required = false) List<String> scopes,
            @RequestParam(required = false) String jwksUrl,
            @RequestParam(required = false) String publicJwk,
            Model model,
            HttpServletRequest request,
            HttpServletResponse response) {
        try {
            var issued = clients.register(new Registration(clientName, purpose, scopes(scopes), jwksUrl, publicJwk));
            return showOnce(issued, model, request, response);
        } catch (InvalidClientException e) {
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
            model.addAttribute("error", e.messageKey());
            model.addAttribute("form", new Registration(clientName, purpose, safeScopes(scopes), jwksUrl, publicJwk));
            return list(model);
        }
    }

    @PostMapping("/admin/api-clients/{id}/rotate")
    String rotate(@PathVariable long id, Model model, HttpServletRequest request, HttpServletResponse response) {
        try {
            return showOnce(clients.rotateSecret(id), model, request, response);
        } catch (InvalidClientException e) {
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
            model.addAttribute("error", e.messageKey());
            return list(model);
        }
    }

    @PostMapping("/admin/api-clients/{id}/disable")
    String disable(@PathVariable long id, RedirectAttributes redirect) {
        clients.disable(id);
        redirect.addFlashAttribute("disabled", id);
        return "redirect:/admin/api-clients";
    }

    private static String showOnce(
            IssuedCredentials issued, Model model, HttpServletRequest request, HttpServletResponse response) {
        IssuedSecretGuard.issued(request, issued.id());
        response.setHeader("Cache-Control", "no-store");
        model.addAttribute("issued", issued);
        return "identity/api-client-issued";
    }

    private static Set<ApiScope> scopes(List<String> values) {
        Set<ApiScope> scopes = EnumSet.noneOf(ApiScope.class);
        for (String value : values == null ? List.<String>of() : values) {
            scopes.add(ApiScope.of(value).orElseThrow(() -> new InvalidClientException("apiclients.error.scopes")));
        }
        return scopes;
    }

    private static Set<ApiScope> safeScopes(List<String> values) {
        Set<ApiScope> scopes = EnumSet.noneOf(ApiScope.class);
        if (values != null) {
            values.forEach(v -> ApiScope.of(v).ifPresent(scopes::add));
        }
        return scopes;
    }
}
