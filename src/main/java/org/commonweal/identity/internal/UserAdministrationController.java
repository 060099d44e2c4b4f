package org.commonweal.identity.internal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.security.Principal;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Set;
import org.commonweal.identity.Role;
import org.commonweal.shell.FieldChecks;
import org.commonweal.shell.Forms;
import org.springframework.context.annotation.Bean;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.validation.MapBindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The administrator's actions on a login (#18) — roles, disable or enable, unlock, force a password reset — and the
 * page where a login whose reset was forced chooses its new password before anything else.
 */
@Controller
class UserAdministrationController {

    static final String CHECKED = UserAdministrationController.class.getName() + ".checked";

    private final UserAdministration administration;
    private final Forms forms;
    private final java.util.function.Function<Model, String> account;

    UserAdministrationController(UserAdministration administration, Forms forms, LoginController login) {
        this.forms = forms;
        this.account = login::account;
        this.administration = administration;
    }

    @PostMapping("/admin/users/{username}/roles")
    String roles(
            @PathVariable String username,
            @RequestParam(name = "roles", required = false) Set<String> roles,
            RedirectAttributes redirect) {
        return act(redirect, username, () -> {
            Set<Role> chosen = EnumSet.noneOf(Role.class);
            for (String role : roles == null ? Set.<String>of() : roles) {
                chosen.add(Role.valueOf(role));
            }
            administration.setRoles(username, chosen);
        });
    }

    @PostMapping("/admin/users/{username}/enabled")
    String enabled(
            @PathVariable String username,
            @RequestParam(required = false) Boolean enabled,
            RedirectAttributes redirect) {
        return act(redirect, username, () -> administration.setEnabled(username, Boolean.TRUE.equals(enabled)));
    }

    @PostMapping("/admin/users/{username}/unlock")
    String unlock(@PathVariable String username, RedirectAttributes redirect) {
        return act(redirect, username, () -> administration.unlock(username));
    }

    @PostMapping("/admin/users/{username}/password-reset")
    String reset(@PathVariable String username, RedirectAttributes redirect) {
        return act(
                redirect,
                username,
                () -> redirect.addFlashAttribute("oneTimePassword", administration.forcePasswordReset(username)));
    }

    @PostMapping("/admin/users/{username}/email")
    String email(
            @PathVariable String username,
            @RequestParam(required = false) String email,
            @RequestParam(required = false) String language,
            RedirectAttributes redirect) {
        String target = act(redirect, username, () -> administration.setEmail(username, email, language));
        if (redirect.getFlashAttributes().containsKey("errorKey")) {
            // what was typed comes back in the field, so nothing is lost
            redirect.addFlashAttribute("typedEmail", email);
            redirect.addFlashAttribute("typedEmailFor", username);
        }
        return target;
    }

    /** The login's own e-mail address and language (#22), shown again (422) with the reason beside the field. */
    @PostMapping("/account/email")
    String ownEmail(
            @RequestParam(required = false) String email,
            @RequestParam(required = false) String language,
            Principal principal,
            Model model,
            HttpServletResponse response) {
        BindingResult result = new MapBindingResult(new HashMap<>(), "account");
        FieldChecks.email(result, "email", email);
        if (language != null && !language.isBlank() && !UserAdministration.LANGUAGES.contains(language)) {
            FieldChecks.reject(result, "language", "users.error.language");
        }
        if (forms.rejected(result, model, "account.field", "account-")) {
            response.setStatus(Forms.UNPROCESSABLE);
            model.addAttribute("typedEmail", email);
            return account.apply(model);
        }
        administration.setEmail(principal.getName(), email, language);
        return "redirect:/account?emailSaved";
    }

    private static String act(RedirectAttributes redirect, String username, Runnable action) {
        try {
            action.run();
            redirect.addFlashAttribute("changed", username);
        } catch (IllegalArgumentException e) {
            // the message is a key of the identity bundle; an unknown role name is a form that was tampered with
            redirect.addFlashAttribute(
                    "errorKey",
                    e.getMessage() != null && e.getMessage().startsWith("users.error.")
                            ? e.getMessage()
                            : "users.error.role");
        }
        return "redirect:/admin/users#user-" + username;
    }

    @GetMapping("/account/password")
    String passwordForm() {
        return "identity/password";
    }

    @PostMapping("/account/password")
    String changePassword(
            @RequestParam(required = false) String password,
            @RequestParam(required = false) String confirmation,
            Principal principal,
            Model model,
            HttpServletRequest request,
            HttpServletResponse response) {
        // every problem at once, beside its field, in the page's language (#18); the same password rules as a new
        // login (NIST SP 800-63B with the leaked-password list), which a forced reset used to skip
        BindingResult result = new MapBindingResult(new HashMap<>(), "password");
        PasswordPolicy.check(password, principal.getName())
                .ifPresent(refusal -> FieldChecks.reject(result, "password", "users.new.password." + refusal.name()));
        if (password != null && !password.equals(confirmation)) {
            FieldChecks.reject(result, "confirmation", "users.change.mismatch");
        }
        if (forms.rejected(result, model, "users.password.field", "new-")) {
            response.setStatus(Forms.UNPROCESSABLE);
            return "identity/password";
        }
        administration.changeOwnPassword(principal.getName(), password);
        request.getSession().setAttribute(CHECKED, true);
        return "redirect:/?passwordChanged";
    }

    /** A login whose reset was forced goes to the password page first, whatever it asks for. */
    @Bean
    WebMvcConfigurer passwordChangeGate() {
        return new WebMvcConfigurer() {
            @Override
            public void addInterceptors(InterceptorRegistry registry) {
                registry.addInterceptor(new HandlerInterceptor() {
                            @Override
                            public boolean preHandle(
                                    HttpServletRequest request, HttpServletResponse response, Object handler)
                                    throws Exception {
                                Principal user = request.getUserPrincipal();
                                var session = request.getSession(false);
                                if (user == null || session != null && session.getAttribute(CHECKED) != null) {
                                    return true;
                                }
                                // checked once per session (a sign-in starts a new one), on every request without one
                                if (!administration.passwordChangeRequired(user.getName())) {
                                    if (session != null) {
                                        session.setAttribute(CHECKED, true);
                                    }
                                    return true;
                                }
                                response.sendRedirect(request.getContextPath() + "/account/password");
                                return false;
                            }
                            // the passkey step comes first for staff (PasskeyGate), so its pages are not sent here
                        })
                        .excludePathPatterns(
                                "/account/password",
                                PasskeyGate.STEP_PAGE,
                                PasskeyGate.ENROL_PAGE,
                                "/css/**",
                                "/js/**",
                                "/img/**",
                                "/webjars/**",
                                "/error",
                                "/api/**",
                                "/x12/**",
                                "/fhir/**",
                                "/hsds/**");
            }
        };
    }
}
