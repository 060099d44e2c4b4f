package org.commonweal.shell.internal;

import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import org.commonweal.shell.NavigationItem;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** Gives every page the navigation the visitor may use and the links that switch its language. */
@ControllerAdvice
class NavigationAdvice {

    private final ShellNavigation navigation;

    NavigationAdvice(ShellNavigation navigation) {
        this.navigation = navigation;
    }

    @ModelAttribute("navigation")
    List<NavigationItem> navigation() {
        return navigation.current();
    }

    @ModelAttribute("languageLinks")
    ShellNavigation.LanguageLinks languageLinks(HttpServletRequest request) {
        return navigation.languageLinks(request);
    }
}
