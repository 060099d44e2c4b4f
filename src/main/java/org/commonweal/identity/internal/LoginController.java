package org.commonweal.identity.internal;

import jakarta.servlet.http.HttpServletResponse;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Set;
import org.commonweal.identity.Role;
import org.commonweal.identity.UserAccounts;
import org.commonweal.platform.RuntimeMode;
import org.commonweal.shell.FieldChecks;
import org.commonweal.shell.Forms;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.validation.MapBindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

@Controller
class LoginController {

    private final JdbcUserAccounts accounts;
    private final RuntimeMode mode;
    private final UserAdministration administration;
    private final Forms forms;

    LoginController(JdbcUserAccounts accounts, RuntimeMode mode, UserAdministration administration, Forms forms) {
        this.forms = forms;
        this.accounts = accounts;
        this.mode = mode;
        this.administration = administration;
    }

    @GetMapping("/login")
    String login(Model model) {
        model.addAttribute("demo", mode.demo());
        model.addAttribute(
                "demoUsers",
                Arrays.stream(Role.values()).map(Role::demoUsername).toList());
        return "identity/login";
    }

    @GetMapping("/account")
    String account(Model model) {
        var account = accounts.current().orElseThrow();
        model.addAttribute("account", account);
        model.addAttribute("passkeysOffered", account.roles().stream().anyMatch(PasskeyGate.REQUIRED::contains));
        model.addAttribute("state", administration.state(account.username()).orElse(null));
        model.addAttribute("languages", UserAdministration.LANGUAGES);
        return "identity/account";
    }

    @GetMapping("/admin/users")
    String users(Model model) {
        model.addAttribute("users", accounts.all());
        model.addAttribute("states", administration.states());
        model.addAttribute("roles", Role.values());
        return "identity/users";
    }

    /**
     * Creates a login, or shows the page again (422) with every problem at once beside its field, in the page's
     * language, with what was typed (never the password) (#18).
     */
    @PostMapping("/admin/users")
    String create(
            @RequestParam(required = false) String username,
            @RequestParam(required = false) String displayName,
            @RequestParam(required = false) String password,
            @RequestParam(name = "roles", required = false) Set<String> roles,
            Model model,
            RedirectAttributes redirect,
            HttpServletResponse response) {
        BindingResult result = new MapBindingResult(new HashMap<>(), "login");
        Set<Role> chosen = EnumSet.noneOf(Role.class);
        for (String role : roles == null ? Set.<String>of() : roles) {
            try {
                chosen.add(Role.valueOf(role));
            } catch (IllegalArgumentException e) {
                FieldChecks.reject(result, "roles", "users.error.role");
            }
        }
        var account = new UserAccounts.NewUserAccount(username, displayName, password, chosen);
        accounts.problems(account).forEach((field, code) -> {
            if (!result.hasFieldErrors(field)) {
                FieldChecks.reject(result, field, code);
            }
        });
        if (!result.hasErrors()) {
            try {
                redirect.addFlashAttribute("created", accounts.create(account).username());
                return "redirect:/admin/users";
            } catch (IllegalArgumentException e) {
                // taken by someone else between the check and the insert
                FieldChecks.reject(result, "username", "users.new.taken");
            }
        }
        forms.rejected(result, model, "users.new.field", "new-");
        response.setStatus(Forms.UNPROCESSABLE);
        return users(model);
    }
}
