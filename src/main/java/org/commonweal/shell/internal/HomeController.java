package org.commonweal.shell.internal;

import java.util.List;

import org.commonweal.shell.RoleHome;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** The home page: the areas the visitor may use, or the visitor's own home when their role has one. */
@Controller
class HomeController {

    private final List<RoleHome> roleHomes;

    HomeController(ObjectProvider<RoleHome> roleHomes) {
        this.roleHomes = roleHomes.orderedStream().toList();
    }

    @GetMapping("/")
    String home(Authentication auth) {
        if (auth != null && auth.isAuthenticated()) {
            var authorities = auth.getAuthorities().stream().map(GrantedAuthority::getAuthority).toList();
            for (RoleHome home : roleHomes) {
                if (authorities.contains("ROLE_" + home.role())) {
                    // the address stays "/", so the home page answers every role as before; only the page differs
                    return "forward:" + home.href();
                }
            }
        }
        return "shell/home";
    }
}
