package org.commonweal.coverage.internal;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.ArrayList;
import java.util.List;
import org.commonweal.audit.AuditAction;
import org.commonweal.audit.AuditEntry;
import org.commonweal.audit.AuditTrail;
import org.commonweal.geography.Address;
import org.commonweal.geography.Geocoder;
import org.commonweal.geography.ServiceAreaZips;
import org.commonweal.shell.FieldChecks;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.validation.Errors;

/** Corrections by member services: every one with a reason, kept in the member's history and audited. */
@Service
class MemberCorrections {

    private final JdbcClient jdbc;
    private final Geocoder geocoder;
    private final AuditTrail audit;

    MemberCorrections(JdbcClient jdbc, Geocoder geocoder, AuditTrail audit) {
        this.jdbc = jdbc;
        this.geocoder = geocoder;
        this.audit = audit;
    }

    /** What member services may correct; lengths match the columns' checks (V2026.12.05.118). */
    record Correction(
            @Size(max = 30) String phone,
            @Size(max = 254) String email,
            @Size(max = 200) String addressLine1,
            @Size(max = 200) String addressLine2,
            @Size(max = 100) String city,
            @Size(max = 10) String zip,
            @Size(max = 20) String spokenLanguage,
            @Size(max = 20) String writtenLanguage,
            @NotBlank @Size(max = 500) String reason) {

        /** The domain's checks past the annotations: formats, and a ZIP that the plan's county knows. */
        void check(Errors errors, ServiceAreaZips zips) {
            FieldChecks.phone(errors, "phone", phone);
            FieldChecks.email(errors, "email", email);
            zips.check(errors, "zip", zip);
        }
    }

    /**
     * Applies the fields that differ; returns what changed (empty when nothing did).
     *
     * @throws IllegalArgumentException without a reason
     */
    @Transactional
    List<String> correct(MemberRecord before, Correction c, String username) {
        if (c.reason() == null || c.reason().isBlank()) {
            throw new IllegalArgumentException("reason");
        }
        List<String> changed = new ArrayList<>();
        diff(changed, "phone", before.phone(), c.phone());
        diff(changed, "email", before.email(), c.email());
        diff(changed, "address", before.addressLine1(), c.addressLine1());
        diff(changed, "address line 2", before.addressLine2(), c.addressLine2());
        diff(changed, "city", before.city(), c.city());
        diff(changed, "ZIP", before.zip(), c.zip());
        diff(changed, "spoken language", before.spokenLanguage(), c.spokenLanguage());
        diff(changed, "written language", before.writtenLanguage(), c.writtenLanguage());
        if (changed.isEmpty()) {
            return changed;
        }
        var geo = geocoder.geocode(new Address(c.addressLine1(), c.addressLine2(), c.city(), "CA", c.zip()));
        jdbc.sql("""
                update coverage.member set phone = ?, email = ?, address_line1 = ?, address_line2 = ?, city = ?,
                    zip = ?, spoken_language = ?, written_language = ?, latitude = ?, longitude = ?, spa = ?,
                    rcac_region = ?, updated_at = now()
                where member_id = ?""")
                .params(
                        blank(c.phone()),
                        blank(c.email()),
                        blank(c.addressLine1()),
                        blank(c.addressLine2()),
                        blank(c.city()),
                        blank(c.zip()),
                        blank(c.spokenLanguage()),
                        blank(c.writtenLanguage()),
                        geo.map(g -> g.point().latitude()).orElse(null),
                        geo.map(g -> g.point().longitude()).orElse(null),
                        geo.map(g -> g.spa()).orElse(null),
                        geo.map(g -> g.rcacRegion()).orElse(null),
                        before.memberId())
                .update();
        String summary = "corrected " + String.join(", ", changed);
        jdbc.sql("""
                insert into coverage.member_change (member_id, source, username, reason, summary)
                values (?, 'user', ?, ?, ?)""")
                .params(before.memberId(), username, c.reason().trim(), summary)
                .update();
        audit.record(AuditEntry.change(
                AuditAction.UPDATE,
                "member",
                before.memberId(),
                before.memberId(),
                c.reason().trim(),
                summary));
        return changed;
    }

    /** A member's own language preference (self-service). */
    @Transactional
    void setLanguage(String memberId, String language, String username) {
        jdbc.sql("update coverage.member set written_language = ?, spoken_language = ?, updated_at = now() "
                        + "where member_id = ?")
                .params(language, language, memberId)
                .update();
        jdbc.sql("""
                insert into coverage.member_change (member_id, source, username, reason, summary)
                values (?, 'member', ?, 'member self-service', ?)""")
                .params(memberId, username, "language preference set to " + language)
                .update();
        audit.record(AuditEntry.change(
                AuditAction.UPDATE, "member", memberId, memberId, "member self-service", "language preference"));
    }

    private static void diff(List<String> changed, String field, String before, String after) {
        if (!java.util.Objects.equals(blank(before), blank(after))) {
            changed.add(field);
        }
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
