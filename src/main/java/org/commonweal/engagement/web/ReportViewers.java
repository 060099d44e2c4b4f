package org.commonweal.engagement.web;

import org.commonweal.identity.Role;
import org.springframework.security.core.Authentication;

/** Who sees exact counts in engagement reports: engagement staff and administrators; analysts see the rule applied. */
final class ReportViewers {

    private ReportViewers() {}

    /** Whether this reader gets the plan's small-cell rule (with complements) applied to the reports. */
    static boolean suppressed(Authentication auth) {
        boolean exact = auth != null
                && auth.getAuthorities().stream()
                        .anyMatch(a -> a.getAuthority().equals("ROLE_" + Role.ENGAGEMENT_STAFF.name())
                                || a.getAuthority().equals("ROLE_" + Role.ADMIN.name()));
        return !exact;
    }
}
