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
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The navigation the visitor may use and the links that switch its language, read by the layout as
 * {@code @shellNavigation} while it renders. Being asked for by the view (not put in every model by an advice), it
 * costs nothing on REST and FHIR answers, and pages rendered by exception handlers keep their navigation too.
 */
@Component("shellNavigation")
public class ShellNavigation {

    private final List<NavigationItem> items;

    ShellNavigation(ObjectProvider<NavigationItem> items) {
        this.items = items.stream().sorted(Comparator.comparingInt(NavigationItem::order)).toList();
    }

    /** The areas the current visitor may use. */
    public List<NavigationItem> current() {
        return visible(SecurityContextHolder.getContext().getAuthentication());
    }

    List<NavigationItem> visible(Authentication auth) {
        Set<String> roles = auth == null || !auth.isAuthenticated() ? Set.of()
                : auth.getAuthorities().stream().map(GrantedAuthority::getAuthority)
                        .filter(a -> a.startsWith("ROLE_")).map(a -> a.substring(5)).collect(Collectors.toSet());
        return items.stream().filter(i -> i.isPublic() || i.roles().stream().anyMatch(roles::contains)).toList();
    }

    /** Links to the current page in English and in Spanish. */
    public LanguageLinks languageLinks() {
        return RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes
                ? languageLinks(attributes.getRequest())
                : new LanguageLinks("?lang=en", "?lang=es");
    }

    LanguageLinks languageLinks(HttpServletRequest request) {
        var uri = UriComponentsBuilder.fromPath(request.getRequestURI()).query(request.getQueryString());
        return new LanguageLinks(uri.replaceQueryParam("lang", "en").build().toUriString(),
                uri.replaceQueryParam("lang", "es").build().toUriString());
    }

    public record LanguageLinks(String english, String spanish) {
    }
}
