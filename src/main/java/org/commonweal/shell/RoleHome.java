package org.commonweal.shell;

/**
 * A role's own home page: a signed-in user with {@code role} who opens the home page (as after signing in) is taken
 * to {@code href} instead of the list of areas. Declared as a bean by the module that serves the page.
 *
 * @param role a role name, as in {@link NavigationItem#roles()}
 * @param href where that role's home is
 */
public record RoleHome(String role, String href) {}
