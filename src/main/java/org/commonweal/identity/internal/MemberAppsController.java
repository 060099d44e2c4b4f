package org.commonweal.identity.internal;

import jakarta.servlet.http.HttpServletResponse;
import java.net.URI;
import java.security.Principal;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Member-authorized apps (SMART App Launch): the consent page the authorization endpoint sends a member to, the
 * member's own list of authorized apps with revoke, and the administrators' registration of apps.
 */
@Controller
class MemberAppsController {

    /** Where {@code /oauth2/authorize} sends a member to approve an app (the form posts back to it). */
    static final String CONSENT_PAGE = "/oauth2/consent";

    private final MemberApps apps;

    MemberAppsController(MemberApps apps) {
        this.apps = apps;
    }

    /**
     * What the app asks for, in the member's language, with Allow and Deny. Allow posts the requested scopes back
     * to the authorization endpoint with its {@code state}; Deny posts none, which the authorization server answers
     * with {@code access_denied} to the app.
     */
    @GetMapping(CONSENT_PAGE)
    String consent(
            @RequestParam("client_id") String clientId,
            @RequestParam String scope,
            @RequestParam String state,
            Model model,
            HttpServletResponse response) {
        var app = apps.find(clientId).filter(a -> !a.disabled());
        if (app.isEmpty()) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            model.addAttribute("error", "consent.error.app");
            return "identity/consent";
        }
        List<String> scopes = Arrays.stream(scope.split(" "))
                .filter(MemberApps.SCOPES::contains)
                .distinct()
                .toList();
        model.addAttribute("app", app.get());
        model.addAttribute("scopes", scopes);
        model.addAttribute(
                "scopeKeys", scopes.stream().map(MemberAppsController::scopeKey).toList());
        model.addAttribute("state", state);
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("Content-Security-Policy", consentPolicy(app.get().redirectUris()));
        return "identity/consent";
    }

    /**
     * The browser-wide policy, except that the consent form may end at the app's redirect URIs: the authorization
     * endpoint answers the form with a redirect there, and browsers hold a form's redirects to {@code form-action}.
     */
    static String consentPolicy(List<String> redirectUris) {
        String origins = redirectUris.stream()
                .map(URI::create)
                .map(u -> u.getScheme() + "://" + u.getRawAuthority())
                .distinct()
                .collect(Collectors.joining(" "));
        return SecurityConfiguration.CONTENT_SECURITY_POLICY.replace(
                "form-action 'self'", "form-action 'self' " + origins);
    }

    /** Message key of a scope's plain-language description ({@code consent.scope.patient-Patient-rs}). */
    static String scopeKey(String scope) {
        return "consent.scope." + scope.replaceAll("[^A-Za-z0-9]", "-");
    }

    @GetMapping("/account/apps")
    String authorized(Principal member, Model model) {
        model.addAttribute("authorizations", apps.authorizations(member.getName()));
        return "identity/account-apps";
    }

    @PostMapping("/account/apps/revoke")
    String revoke(Principal member, @RequestParam String clientId, RedirectAttributes redirect) {
        redirect.addFlashAttribute(apps.revoke(member.getName(), clientId) ? "revoked" : "notFound", true);
        return "redirect:/account/apps";
    }

    @GetMapping("/admin/member-apps")
    String list(Model model) {
        model.addAttribute("apps", apps.list());
        model.addAttribute("scopes", MemberApps.SCOPES);
        return "identity/member-apps";
    }

    @PostMapping("/admin/member-apps")
    String register(
            @RequestParam String appName,
            @RequestParam String redirectUris,
            Model model,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        try {
            redirect.addFlashAttribute("registered", apps.register(appName, redirectUris));
            return "redirect:/admin/member-apps";
        } catch (IllegalArgumentException e) {
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
            model.addAttribute("error", e.getMessage());
            model.addAttribute("appName", appName);
            model.addAttribute("redirectUris", redirectUris);
            return list(model);
        }
    }

    @PostMapping("/admin/member-apps/disable")
    String disable(@RequestParam String clientId, RedirectAttributes redirect) {
        if (!apps.disable(clientId)) {
            redirect.addFlashAttribute("error", "memberApps.error.unknown");
            return "redirect:/admin/member-apps";
        }
        redirect.addFlashAttribute("disabled", clientId);
        return "redirect:/admin/member-apps";
    }
}
