package org.commonweal.shell.internal;

import java.util.List;
import org.commonweal.shell.RoleHome;
import org.commonweal.shell.TodaySource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The home page: the areas the visitor may use, or the visitor's own home when their role has one; for staff, first
 * what needs them today ({@link TodaySource}).
 */
@Controller
class HomeController {

    private final List<RoleHome> roleHomes;
    private final List<TodaySource> today;

    HomeController(ObjectProvider<RoleHome> roleHomes, ObjectProvider<TodaySource> today) {
        this.roleHomes = roleHomes.orderedStream().toList();
        this.today = today.orderedStream().toList();
    }

    @GetMapping("/")
    String home(Authentication auth, org.springframework.ui.Model model) {
        if (auth != null && auth.isAuthenticated()) {
            var authorities = auth.getAuthorities().stream()
                    .map(GrantedAuthority::getAuthority)
                    .toList();
            for (RoleHome home : roleHomes) {
                if (authorities.contains("ROLE_" + home.role())) {
                    // the address stays "/", so the home page answers every role as before; only the page differs
                    return "forward:" + home.href();
                }
            }
            // staff: what needs them today, urgent first, from every module that has something for their roles
            var roles = authorities.stream()
                    .filter(a -> a.startsWith("ROLE_"))
                    .map(a -> a.substring(5))
                    .collect(java.util.stream.Collectors.toSet());
            List<TodaySource.TodayItem> items = new java.util.ArrayList<>();
            today.forEach(source -> items.addAll(source.today(roles, auth.getName())));
            items.sort(java.util.Comparator.comparing((TodaySource.TodayItem i) -> !i.urgent()));
            model.addAttribute("today", items);
        }
        return "shell/home";
    }
}
