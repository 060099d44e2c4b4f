package org.commonweal.network.accuracy;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.commonweal.audit.AuditAction;
import org.commonweal.audit.AuditEntry;
import org.commonweal.audit.AuditTrail;
import org.commonweal.network.internal.LocationChanges;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Network managers' search and edits of practitioner entries, with their history; every edit is audited. */
@Service
public class DirectoryEdits {

    private final JdbcClient jdbc;
    private final AuditTrail audit;
    private final LocationChanges locationChanges;

    public DirectoryEdits(JdbcClient jdbc, AuditTrail audit, LocationChanges locationChanges) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.locationChanges = locationChanges;
    }

    public record PractitionerEntry(
            String id,
            String npi,
            String family,
            String given,
            String suffix,
            String gender,
            String languages,
            String licenseNumber,
            boolean active,
            boolean suppressed,
            int version,
            java.time.LocalDate verifiedOn,
            String verifiedBy,
            String source) {}

    public record PractitionerChange(
            String family,
            String given,
            String suffix,
            String gender,
            String languages,
            String licenseNumber,
            boolean active) {}

    public record HistoryEntry(int version, Instant changedAt, String changedBy, String source, String change) {}

    /** By NPI, or by the start of the surname or given name. */
    public List<PractitionerEntry> search(String text) {
        String t = text == null ? "" : text.strip().toLowerCase();
        return jdbc.sql("select id, npi, family, given, suffix, gender, array_to_string(languages, ', ') languages,"
                        + " license_number, active, suppressed, version, verified_on, verified_by, source"
                        + " from network.practitioner where npi = ? or lower(family) like ? or lower(given) like ?"
                        + " order by family, given, id limit 50")
                .params(t, t + "%", t + "%")
                .query(PractitionerEntry.class)
                .list();
    }

    public Optional<PractitionerEntry> find(String id) {
        return jdbc.sql("select id, npi, family, given, suffix, gender, array_to_string(languages, ', ') languages,"
                        + " license_number, active, suppressed, version, verified_on, verified_by, source"
                        + " from network.practitioner where id = ?")
                .param(id)
                .query(PractitionerEntry.class)
                .optional();
    }

    /** Saves a manager's correction as a new version; counts as verification by the plan. */
    @Transactional
    public void update(String id, PractitionerChange change, String actor) {
        if (change.family() == null
                || change.family().isBlank()
                || change.given() == null
                || change.given().isBlank()) {
            throw new IllegalArgumentException("family and given names are required");
        }
        String[] languages = change.languages() == null
                ? new String[] {"en"}
                : java.util.Arrays.stream(change.languages().split("[,;\\s]+"))
                        .filter(s -> !s.isBlank())
                        .map(String::toLowerCase)
                        .toArray(String[]::new);
        // making a practitioner inactive (or active again) changes what is listed at their locations
        var locations = locationChanges.practitioners(List.of(id));
        int n = jdbc.sql(
                        "update network.practitioner set family = ?, given = ?, suffix = ?, gender = ?, languages = ?,"
                                + " license_number = ?, active = ?, version = version + 1, last_updated = now(),"
                                + " verified_on = current_date, verified_by = 'network manager', source = 'manual' where id = ?")
                .params(
                        change.family().strip(),
                        change.given().strip(),
                        blank(change.suffix()),
                        blank(change.gender()),
                        languages,
                        blank(change.licenseNumber()),
                        change.active(),
                        id)
                .update();
        if (n == 0) {
            throw new IllegalArgumentException("no practitioner " + id);
        }
        jdbc.sql("insert into network.entry_history (resource_type, resource_id, version, changed_by, source, change,"
                        + " snapshot) select 'Practitioner', id, version, ?, 'manual', 'updated', to_jsonb(p)"
                        + " from network.practitioner p where id = ?")
                .params(actor, id)
                .update();
        locations.publishChanges();
        audit.record(AuditEntry.change(
                AuditAction.UPDATE, "practitioner", id, null, "directory maintenance", "edited by network manager"));
    }

    public List<HistoryEntry> history(String type, String id) {
        return jdbc.sql("select version, changed_at, changed_by, source, change from network.entry_history"
                        + " where resource_type = ? and resource_id = ? order by id desc")
                .params(type, id)
                .query(HistoryEntry.class)
                .list();
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
