package org.commonweal.grants.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.commonweal.audit.AuditAction;
import org.commonweal.grants.lifecycle.Ein;
import org.commonweal.grants.lifecycle.GrantRuleViolation;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Grantee organizations, one per EIN. */
@Component
class OrganizationRegistry {

    static final List<String> TYPES =
            List.of("FQHC", "FREE_CLINIC", "COMMUNITY_CLINIC", "NON_PROFIT", "COUNTY_DEPARTMENT");

    record Organization(
            long id,
            String ein,
            String orgRef,
            String legalName,
            String orgType,
            String street,
            String city,
            String zip,
            Integer spa,
            String contactName,
            String contactEmail) {}

    record Registration(
            String ein,
            String legalName,
            String orgType,
            String street,
            String city,
            String zip,
            Integer spa,
            String contactName,
            String contactEmail) {}

    /** @param created false when the EIN was already known and the existing organization was returned */
    record Registered(Organization organization, boolean created) {}

    private final JdbcClient jdbc;
    private final GrantsAudit audit;

    OrganizationRegistry(JdbcClient jdbc, GrantsAudit audit) {
        this.jdbc = jdbc;
        this.audit = audit;
    }

    /** Registers an organization, or returns the one that already holds the EIN (de-duplication by identity). */
    @Transactional
    Registered register(Registration r, String actor) {
        Ein ein = Ein.parse(r.ein());
        Optional<Organization> existing = byEin(ein.value());
        if (existing.isPresent()) {
            return new Registered(existing.get(), false);
        }
        if (r.legalName() == null || r.legalName().isBlank()) {
            throw new GrantRuleViolation("The organization's legal name is required.");
        }
        if (!TYPES.contains(r.orgType())) {
            throw new GrantRuleViolation("Organization type must be one of " + String.join(", ", TYPES) + ".");
        }
        String ref = "EIN-" + ein.value();
        long id = jdbc.sql("""
                insert into grants.organization (ein, org_ref, legal_name, org_type, street, city, zip, spa,
                    contact_name, contact_email) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                on conflict (ein) do nothing returning id""")
                .params(
                        ein.value(),
                        ref,
                        r.legalName().trim(),
                        r.orgType(),
                        r.street(),
                        r.city(),
                        r.zip(),
                        r.spa(),
                        r.contactName(),
                        r.contactEmail())
                .query(Long.class)
                .optional()
                .orElse(-1L);
        if (id < 0) {
            return new Registered(byEin(ein.value()).orElseThrow(), false);
        }
        audit.change(actor, AuditAction.CREATE, "grant-organization", id, "registered EIN " + ein.value());
        return new Registered(find(id).orElseThrow(), true);
    }

    record Contact(String username, String displayName, String email, String addedBy, java.time.Instant addedAt) {}

    /** Adds a person (a grantee login) to the organization's contacts, who receive CHIF's reminders. */
    @Transactional
    void addContact(long organizationId, String username, String displayName, String email, String actor) {
        if (email == null || !email.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
            throw new GrantRuleViolation("Give a valid email address for " + displayName + ".");
        }
        jdbc.sql("""
                insert into grants.organization_contact (organization_id, username, display_name, email, added_by)
                values (?, ?, ?, ?, ?) on conflict (organization_id, username) do update
                set display_name = excluded.display_name, email = excluded.email""")
                .params(organizationId, username, displayName.trim(), email.trim(), actor)
                .update();
        audit.change(actor, AuditAction.CREATE, "grant-organization", organizationId, "contact " + username + " added");
    }

    List<Contact> contacts(long organizationId) {
        return jdbc.sql(
                        "select * from grants.organization_contact where organization_id = ? order by added_at, username")
                .param(organizationId)
                .query((rs, n) -> new Contact(
                        rs.getString("username"),
                        rs.getString("display_name"),
                        rs.getString("email"),
                        rs.getString("added_by"),
                        rs.getTimestamp("added_at").toInstant()))
                .list();
    }

    Optional<Organization> find(long id) {
        return jdbc.sql("select * from grants.organization where id = ?")
                .param(id)
                .query(OrganizationRegistry::map)
                .optional();
    }

    Optional<Organization> byEin(String ein) {
        return jdbc.sql("select * from grants.organization where ein = ?")
                .param(ein)
                .query(OrganizationRegistry::map)
                .optional();
    }

    Optional<Organization> byRef(String ref) {
        if (ref == null) {
            return Optional.empty();
        }
        return jdbc.sql("select * from grants.organization where org_ref = ?")
                .param(ref)
                .query(OrganizationRegistry::map)
                .optional();
    }

    static Organization map(ResultSet rs, int n) throws SQLException {
        return new Organization(
                rs.getLong("id"),
                rs.getString("ein"),
                rs.getString("org_ref"),
                rs.getString("legal_name"),
                rs.getString("org_type"),
                rs.getString("street"),
                rs.getString("city"),
                rs.getString("zip"),
                (Integer) rs.getObject("spa"),
                rs.getString("contact_name"),
                rs.getString("contact_email"));
    }
}
