package org.commonweal.housing.cases;

import org.springframework.security.core.Authentication;

/** Who is looking: a login name and whether they see every client (ADMIN). */
public record Viewer(String username, boolean seesAll) {

    public static Viewer of(Authentication authentication) {
        boolean admin = authentication.getAuthorities().stream()
                .anyMatch(a -> a.getAuthority().equals("ROLE_ADMIN"));
        return new Viewer(authentication.getName(), admin);
    }
}
