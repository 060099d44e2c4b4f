package org.commonweal.quality.supplemental;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.commonweal.audit.AuditAction;
import org.commonweal.audit.AuditEntry;
import org.commonweal.audit.AuditTrail;
import org.commonweal.quality.clinical.ClinicalImport;
import org.commonweal.quality.results.MemberRecompute;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Clinical data from providers in and out, with the members it touches recomputed (#21): a FHIR Bundle or Bulk NDJSON
 * is stored by {@link ClinicalImport} in its own transaction, then each member with a resource stored is evaluated
 * again in each measure's latest finished run through the one recompute path ({@link MemberRecompute}, each member
 * once, in batches), as a supplemental CSV is; withdrawing any clinical source (a FHIR import, a CSV extract, a center
 * screening) recomputes its members the same way. Every caller of the FHIR import goes through here: the {@code
 * import-clinical} and {@code withdraw-clinical} commands, {@code POST /fhir} and the demo's data.
 */
@Service
public class ClinicalSources {

    static final String PURPOSE = "quality: clinical data from providers";

    private final ClinicalImport clinical;
    private final MemberRecompute recompute;
    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final AuditTrail audit;

    ClinicalSources(
            ClinicalImport clinical,
            MemberRecompute recompute,
            JdbcClient jdbc,
            TransactionTemplate transactions,
            AuditTrail audit) {
        this.clinical = clinical;
        this.recompute = recompute;
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.audit = audit;
    }

    /** A transaction or collection Bundle, stored; then its members recomputed. */
    public ClinicalImport.Report importBundle(InputStream in, String name, String by) throws IOException {
        return recomputed(clinical.importBundle(in, name, by));
    }

    /** Bulk Data NDJSON (one resource a line), stored; then its members recomputed. */
    public ClinicalImport.Report importNdjson(InputStream in, String name, String by) throws IOException {
        return recomputed(clinical.importNdjson(in, name, by));
    }

    /**
     * A transaction or batch Bundle received over FHIR, stored (all or nothing when {@code atomic}); then its members
     * recomputed.
     */
    public ClinicalImport.Report importTransaction(
            org.hl7.fhir.r4.model.Bundle bundle, String name, String by, boolean atomic) {
        return recomputed(clinical.importTransaction(bundle, name, by, atomic));
    }

    private ClinicalImport.Report recomputed(ClinicalImport.Report report) {
        // after the import's transaction: the recompute reads what it stored (nothing when it was refused)
        recompute.recompute(report.members());
        return report;
    }

    /** A clinical source as the quality pages list it: who sent what, when, and whether it still counts. */
    public record Source(
            long id,
            String name,
            String format,
            java.time.Instant receivedAt,
            String receivedBy,
            int resources,
            int rejected,
            String status) {

        public boolean imported() {
            return status.equals("imported");
        }
    }

    private static final String SOURCE_COLUMNS =
            "select id, name, format, received_at, received_by, resources, rejected, status from quality.clinical_source";

    private static Source source(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        return new Source(
                rs.getLong(1),
                rs.getString(2),
                rs.getString(3),
                rs.getTimestamp(4).toInstant(),
                rs.getString(5),
                rs.getInt(6),
                rs.getInt(7),
                rs.getString(8));
    }

    /** The latest clinical sources of every kind (FHIR, CSV, center screening), newest first. */
    public List<Source> recent(int limit) {
        return jdbc.sql(SOURCE_COLUMNS + " order by id desc limit ?")
                .param(limit)
                .query(ClinicalSources::source)
                .list();
    }

    public java.util.Optional<Source> find(long sourceId) {
        return jdbc.sql(SOURCE_COLUMNS + " where id = ?")
                .param(sourceId)
                .query(ClinicalSources::source)
                .optional();
    }

    /** How many members have resources in the source (those a withdrawal recomputes). */
    public int members(long sourceId) {
        return jdbc.sql("select count(distinct member_id) from quality.clinical_resource where source_id = ?")
                .param(sourceId)
                .query(Integer.class)
                .single();
    }

    /** Whether the id names a clinical source that is imported (not withdrawn). */
    public boolean imported(long sourceId) {
        return jdbc.sql("select exists (select 1 from quality.clinical_source where id = ? and status = 'imported')")
                .param(sourceId)
                .query(Boolean.class)
                .single();
    }

    /**
     * Withdraws a clinical source as a whole (a FHIR import, a CSV extract, a center screening): its records stop
     * counting, and its members are recomputed. Returns the members recomputed; 0 for a source that is unknown or
     * withdrawn already.
     */
    public int withdraw(long sourceId, String by) {
        var members = transactions.execute(status -> {
            int changed = jdbc.sql("update quality.clinical_source set status = 'withdrawn' where id = ?"
                            + " and status = 'imported'")
                    .param(sourceId)
                    .update();
            if (changed == 0) return List.<String>of();
            audit.record(AuditEntry.change(
                    AuditAction.UPDATE,
                    "clinical-source",
                    Long.toString(sourceId),
                    null,
                    PURPOSE,
                    "withdrawn by " + by));
            return jdbc.sql("select distinct member_id from quality.clinical_resource where source_id = ?")
                    .param(sourceId)
                    .query(String.class)
                    .list();
        });
        recompute.recompute(members);
        return members.size();
    }
}
