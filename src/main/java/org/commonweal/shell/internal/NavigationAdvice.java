package org.commonweal.shell.internal;

import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.servlet.http.HttpServletRequest;
import org.commonweal.shell.NavigationItem;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.util.UriComponentsBuilder;

/** Gives every page the navigation the visitor may use and the links that switch its language. */
@ControllerAdvice
class NavigationAdvice {

    private final List<NavigationItem> items;

    NavigationAdvice(ObjectProvider<NavigationItem> items) {
        this.items = items.stream().sorted(Comparator.comparingInt(NavigationItem::order)).toList();
    }

    @ModelAttribute("navigation")
    List<NavigationItem> navigation() {
        return visible(SecurityContextHolder.getContext().getAuthentication());
    }

    List<NavigationItem> visible(Authentication auth) {
        Set<String> roles = auth == null || !auth.isAuthenticated() ? Set.of()
                : auth.getAuthorities().stream().map(GrantedAuthority::getAuthority)
                        .filter(a -> a.startsWith("ROLE_")).map(a -> a.substring(5)).collect(Collectors.toSet());
        return items.stream().filter(i -> i.isPublic() || i.roles().stream().anyMatch(roles::contains)).toList();
    }

    @ModelAttribute("languageLinks")
    LanguageLinks languageLinks(HttpServletRequest request) {
        var uri = UriComponentsBuilder.fromPath(request.getRequestURI()).query(request.getQueryString());
        return new LanguageLinks(uri.replaceQueryParam("lang", "en").build().toUriString(),
                uri.replaceQueryParam("lang", "es").build().toUriString());
    }

    record LanguageLinks(String english, String spanish) {
    }
}
