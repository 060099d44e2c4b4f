package org.commonweal.shell;

import java.util.Set;

/**
 * An area of the site in the navigation and on the home page.
 *
 * @param labelKey message key of its name
 * @param descriptionKey message key of one sentence on the home page
 * @param href where it starts
 * @param order position, lower first
 * @param roles role names that see it; empty means everyone, signed in or not
 */
public record NavigationItem(String labelKey, String descriptionKey, String href, int order, Set<String> roles) {

    public static NavigationItem forEveryone(String labelKey, String descriptionKey, String href, int order) {
        return new NavigationItem(labelKey, descriptionKey, href, order, Set.of());
    }

    public static NavigationItem forRoles(
            String labelKey, String descriptionKey, String href, int order, String... roles) {
        return new NavigationItem(labelKey, descriptionKey, href, order, Set.of(roles));
    }

    public boolean isPublic() {
        return roles.isEmpty();
    }
}
