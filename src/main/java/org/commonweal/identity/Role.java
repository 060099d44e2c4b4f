package org.commonweal.identity;

/** The roles of Commonweal. Each area of the site names the roles that may use it; nothing else may. */
public enum Role {
    ADMIN,
    MEMBER_SERVICES,
    NETWORK_MANAGER,
    CENTER_STAFF,
    ENGAGEMENT_STAFF,
    GRANTS_OFFICER,
    GRANT_REVIEWER,
    GRANTEE,
    CASE_MANAGER,
    ANALYST,
    MEMBER;

    /** The Spring Security authority name, {@code ROLE_ADMIN} and so on. */
    public String authority() {
        return "ROLE_" + name();
    }

    /** The demo login of this role, for example {@code member-services}. */
    public String demoUsername() {
        return name().toLowerCase().replace('_', '-');
    }
}
