/**
 * Users, roles and login. Other modules declare which roles reach their pages through {@link AccessRules} beans.
 */
@org.springframework.modulith.ApplicationModule(
        displayName = "Identity",
        allowedDependencies = {"platform", "shell"})
package org.commonweal.identity;
