package org.commonweal.identity.internal;

import java.security.Principal;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Passkeys of staff logins (issue #17): the login's own page to enrol and remove them, the passkey step after the
 * password, and an administrator's recovery (removing every passkey of a login, which then enrols a new one at its
 * next sign-in). Enrolment and sign-in themselves are Spring Security's WebAuthn endpoints, driven by
 * {@code js/passkeys.js}; {@link PasskeyGate} says who must use them.
 */
@Controller
class PasskeysController {

    private final JdbcPasskeys passkeys;

    PasskeysController(JdbcPasskeys passkeys) {
        this.passkeys = passkeys;
    }

    @GetMapping(PasskeyGate.ENROL_PAGE)
    String passkeys(Authentication auth, Model model) {
        var mine = passkeys.of(auth.getName());
        model.addAttribute("passkeys", mine);
        model.addAttribute("firstEnrolment", mine.isEmpty() && !PasskeyGate.passkeyUsed(auth));
        model.addAttribute("maxLabel", PasskeyRelyingParty.MAX_LABEL);
        return "identity/passkeys";
    }

    @PostMapping(PasskeyGate.ENROL_PAGE + "/remove")
    String remove(Principal user, @RequestParam String credentialId, RedirectAttributes redirect) {
        redirect.addFlashAttribute(passkeys.remove(user.getName(), credentialId) ? "removed" : "notFound", true);
        return "redirect:" + PasskeyGate.ENROL_PAGE;
    }

    @GetMapping(PasskeyGate.STEP_PAGE)
    String step() {
        return "identity/passkey-step";
    }

    @PostMapping("/admin/users/{username}/passkeys/remove")
    String recover(@PathVariable String username, RedirectAttributes redirect) {
        int removed = passkeys.removeAll(username);
        if (removed == 0) {
            redirect.addFlashAttribute("errorKey", "users.error.noPasskeys");
        } else {
            redirect.addFlashAttribute("changed", username);
        }
        return "redirect:/admin/users#user-" + username;
    }
}
