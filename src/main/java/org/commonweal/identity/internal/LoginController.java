package org.commonweal.identity.internal;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

import org.commonweal.identity.Role;
import org.commonweal.identity.UserAccounts;
import org.commonweal.platform.RuntimeMode;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

@Controller
class LoginController {

    private final JdbcUserAccounts accounts;
    private final RuntimeMode mode;
    private final UserAdministration administration;

    LoginController(JdbcUserAccounts accounts, RuntimeMode mode, UserAdministration administration) {
        this.accounts = accounts;
        this.mode = mode;
        this.administration = administration;
    }

    @GetMapping("/login")
    String login(Model model) {
        model.addAttribute("demo", mode.demo());
        model.addAttribute("demoUsers", Arrays.stream(Role.values()).map(Role::demoUsername).toList());
        return "identity/login";
    }

    @GetMapping("/account")
    String account(Model model) {
        var account = accounts.current().orElseThrow();
        model.addAttribute("account", account);
        model.addAttribute("passkeysOffered", account.roles().stream().anyMatch(PasskeyGate.REQUIRED::contains));
        return "identity/account";
    }

    @GetMapping("/admin/users")
    String users(Model model) {
        model.addAttribute("users", accounts.all());
        model.addAttribute("states", administration.states());
        model.addAttribute("roles", Role.values());
        return "identity/users";
    }

    @PostMapping("/admin/users")
    String create(@RequestParam String username, @RequestParam String displayName, @RequestParam String password,
            @RequestParam(name = "roles", required = false) Set<String> roles, RedirectAttributes redirect) {
        try {
            Set<Role> chosen = roles == null ? Set.of()
                    : roles.stream().map(Role::valueOf).collect(Collectors.toCollection(() -> EnumSet.noneOf(Role.class)));
            var created = accounts.create(new UserAccounts.NewUserAccount(username, displayName, password, chosen));
            redirect.addFlashAttribute("created", created.username());
        } catch (IllegalArgumentException e) {
            redirect.addFlashAttribute("error", e.getMessage());
            redirect.addFlashAttribute("username", username);
            redirect.addFlashAttribute("displayName", displayName);
        }
        return "redirect:/admin/users";
    }
}
