/**
 * The web shell: layout, home page, navigation by role, language switch and error pages. Modules add their areas to
 * the navigation with {@link NavigationItem} beans.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Web shell", allowedDependencies = "platform")
package org.commonweal.shell;
