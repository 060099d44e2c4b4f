package org.commonweal.shell.internal;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
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
    private final org.springframework.context.MessageSource messages;

    ShellNavigation(ObjectProvider<NavigationItem> items, org.springframework.context.MessageSource messages) {
        this.messages = messages;
        this.items = items.stream()
                .sorted(Comparator.comparingInt(NavigationItem::order))
                .toList();
    }

    /** The areas the current visitor may use. */
    public List<NavigationItem> current() {
        return visible(SecurityContextHolder.getContext().getAuthentication());
    }

    List<NavigationItem> visible(Authentication auth) {
        Set<String> roles = auth == null || !auth.isAuthenticated()
                ? Set.of()
                : auth.getAuthorities().stream()
                        .map(GrantedAuthority::getAuthority)
                        .filter(a -> a.startsWith("ROLE_"))
                        .map(a -> a.substring(5))
                        .collect(Collectors.toSet());
        return items.stream()
                .filter(i -> i.isPublic() || i.roles().stream().anyMatch(roles::contains))
                .toList();
    }

    /** At most this many of a signed-in person's own areas are in the header before "More". */
    static final int INLINE_AREAS = 4;
    /**
     * And their names together at most this many characters in the page's language: about 700 px of the 1366 px
     * header, next to the logo, "More", the language switch, the account and "Sign out".
     */
    static final int INLINE_CHARACTERS = 70;

    /**
     * The header's menu: for a visitor, the public areas; for a signed-in person, their own areas first (up to
     * {@link #INLINE_AREAS}) and the rest, then the public areas, under "More", so the header is one line at
     * 1366 px for every role. The home page still lists every area.
     */
    public Menu menu() {
        List<NavigationItem> all = current();
        if (all.stream().allMatch(NavigationItem::isPublic)) {
            return new Menu(all, List.of());
        }
        List<NavigationItem> own = all.stream().filter(i -> !i.isPublic()).toList();
        var locale = org.springframework.context.i18n.LocaleContextHolder.getLocale();
        int inline = 0;
        int characters = 0;
        while (inline < Math.min(INLINE_AREAS, own.size())) {
            characters += messages.getMessage(
                            own.get(inline).labelKey(), null, own.get(inline).labelKey(), locale)
                    .length();
            if (characters > INLINE_CHARACTERS && inline > 0) {
                break;
            }
            inline++;
        }
        List<NavigationItem> more = new java.util.ArrayList<>(own.subList(inline, own.size()));
        all.stream().filter(NavigationItem::isPublic).forEach(more::add);
        return new Menu(own.subList(0, inline), List.copyOf(more));
    }

    /** The header's areas: shown inline, and under "More". */
    public record Menu(List<NavigationItem> inline, List<NavigationItem> more) {}

    /** Links to the current page in English and in Spanish. */
    public LanguageLinks languageLinks() {
        return RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes
                ? languageLinks(attributes.getRequest())
                : new LanguageLinks("?lang=en", "?lang=es");
    }

    LanguageLinks languageLinks(HttpServletRequest request) {
        var uri = UriComponentsBuilder.fromPath(request.getRequestURI()).query(request.getQueryString());
        return new LanguageLinks(
                uri.replaceQueryParam("lang", "en").build().toUriString(),
                uri.replaceQueryParam("lang", "es").build().toUriString());
    }

    public record LanguageLinks(String english, String spanish) {}
}
