package org.commonweal.shell;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.locks.LockSupport;
import org.commonweal.audit.AuditAction;
import org.commonweal.audit.AuditEntry;
import org.commonweal.audit.AuditTrail;
import org.commonweal.coverage.x12.ImportStatus;
import org.commonweal.identity.Role;
import org.commonweal.shell.PageScanIntegrationTests.Sample;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * The page scan's sample addresses for routes whose ids the demo data does not fix (a registration's code, an
 * import's id) or that nothing creates before the scan (upload jobs, measure runs): found in the database, one per
 * status where the page shows the status, or created here and {@linkplain #removeAll removed} after the scan. Also
 * writes the audit rows whose codes a page shows only when someone else wrote them (every action, the SYSTEM role
 * of jobs, an API client's scope), and names their page.
 */
final class PageScanSamples {

    /** The audit actor of the scan's own audit rows, and the filter of the audit page that shows them. */
    static final String AUDIT_ACTOR = "page-scan-audit";

    private final JdbcClient jdbc;
    private final AuditTrail audit;
    /** What {@link #create} added, as table and id, deleted in reverse order. */
    private final List<Created> added = new ArrayList<>();

    private record Created(String table, Object id) {}

    PageScanSamples(JdbcClient jdbc, AuditTrail audit) {
        this.jdbc = jdbc;
        this.audit = audit;
    }

    List<Sample> create() {
        List<Sample> samples = new ArrayList<>();
        auditRows(samples);
        centers(samples);
        coverageImports(samples);
        uploadJobs(samples);
        claimFiles(samples);
        grants(samples);
        housing(samples);
        network(samples);
        quality(samples);
        return samples;
    }

    /** Every audit action by a job (role SYSTEM) and by a person holding every role and an API scope. */
    private void auditRows(List<Sample> samples) {
        String run = "page scan " + UUID.randomUUID();
        for (AuditAction action : AuditAction.values()) {
            audit.recordAs(AUDIT_ACTOR, new AuditEntry(action, "page-scan", null, null, "page scan", run));
        }
        var all = new ArrayList<SimpleGrantedAuthority>();
        for (Role role : Role.values()) {
            all.add(new SimpleGrantedAuthority(role.authority()));
        }
        all.add(new SimpleGrantedAuthority("SCOPE_x12.270"));
        var previous = SecurityContextHolder.getContext().getAuthentication();
        SecurityContextHolder.getContext()
                .setAuthentication(UsernamePasswordAuthenticationToken.authenticated(AUDIT_ACTOR, null, all));
        try {
            audit.record(new AuditEntry(AuditAction.READ, "page-scan", null, null, "page scan", run));
        } finally {
            SecurityContextHolder.getContext().setAuthentication(previous);
        }
        // the trail writes on its own thread: the page is rendered once every row is there
        for (int i = 0; i < 200; i++) {
            int written = jdbc.sql("select count(*) from audit.audit_event where detail = :run")
                    .param("run", run)
                    .query(Integer.class)
                    .single();
            if (written > AuditAction.values().length) {
                break;
            }
            LockSupport.parkNanos(50_000_000L);
        }
        samples.add(new Sample("/admin/audit?user=" + AUDIT_ACTOR, "ADMIN"));
    }

    /** A registration of every status (seated, waitlisted, offered, cancelled …) and a class session. */
    private void centers(List<Sample> samples) {
        jdbc.sql("select distinct on (status) confirmation_code from centers.registration order by status, id")
                .query(String.class)
                .list()
                .forEach(code -> samples.add(new Sample("/centers/registrations/" + code, "public")));
        long session = jdbc.sql("select id from centers.class_session order by id limit 1")
                .query(Long.class)
                .single();
        samples.add(new Sample("/centers/sessions/" + session, "public"));
        samples.add(new Sample("/centers/staff/sessions/" + session, "CENTER_STAFF"));
    }

    /** An 834 import of every status, its page and its progress block. */
    private void coverageImports(List<Sample> samples) {
        for (ImportStatus status : ImportStatus.values()) {
            long id = jdbc.sql("insert into coverage.import_file (file_name, sha256, status, message, started_by,"
                            + " finished_at) values (:name, :sha, :status, :message, 'member-services',"
                            + " case when :status = 'running' then null else now() end) returning id")
                    .param("name", "page-scan-" + status.code() + ".834")
                    .param("sha", "page-scan-" + UUID.randomUUID())
                    .param("status", status.code())
                    .param("message", status.refusedOrFailed() ? "ISA segment missing" : null)
                    .query(Long.class)
                    .single();
            added.add(new Created("coverage.import_file", id));
            samples.add(new Sample("/coverage/imports/" + id, "MEMBER_SERVICES"));
            samples.add(new Sample("/coverage/imports/" + id + "/progress", "MEMBER_SERVICES"));
        }
    }

    /** A stored 837 file with one rejected claim, as any import leaves it. */
    private void claimFiles(List<Sample> samples) {
        long id = jdbc.sql("insert into quality.claim_file (file_name, sha256, sender_id, received_by, claims_accepted,"
                        + " claims_rejected, service_lines) values ('page-scan.837', :sha, 'CLINIC0001', 'admin', 1, 1,"
                        + " 2) returning id")
                .param("sha", "page-scan-" + UUID.randomUUID())
                .query(Long.class)
                .single();
        jdbc.sql("insert into quality.claim_reject (file_id, segment_number, segment_tag, loop_id,"
                        + " patient_control_number, reason) values (?, 12, 'CLM', '2300', 'PCN-1',"
                        + " 'CLM01 (patient control number) is empty')")
                .param(id)
                .update();
        added.add(new Created("quality.claim_file", id));
        samples.add(new Sample("/quality/claims/" + id, "ADMIN"));
    }

    /** Upload jobs (roster, HMIS, claims, labs) and the insights refresh's jobs in every state: queued, running, done with a report, refused, interrupted. */
    private void uploadJobs(List<Sample> samples) {
        String roster = "{\"file\":\"r.csv\",\"applied\":3,\"rejected\":1,"
                + "\"problems\":[{\"line\":4,\"field\":\"npi\",\"reason\":\"must be 10 digits\"}]}";
        String hmis = "{\"applied\":3,\"problems\":[\"Client.csv line 4, DOB: not a date\"],\"notes\":[]}";
        String claims = "{\"fileId\":1,\"fileName\":\"c.837\",\"accepted\":1,\"replaced\":0,\"voided\":0,"
                + "\"serviceLines\":2,\"npiUnlinked\":1,\"rejects\":[{\"segmentNumber\":12,\"segmentTag\":\"CLM\","
                + "\"loop\":\"2300\",\"patientControlNumber\":\"PCN-1\",\"reason\":\"CLM01 (patient control number)"
                + " is empty\"}],\"refusal\":null}";
        String labs = "{\"sourceId\":1,\"stored\":2,\"members\":1,\"rejects\":[{\"line\":3,\"field\":\"loinc\","
                + "\"reason\":\"loinc\",\"args\":[\"4548-5\"]}],"
                + "\"refusal\":null}";
        for (String[] kind : new String[][] {
            {"/network/roster/jobs/", "network-manager", "org.commonweal.network.imports.ImportReport", roster},
            {"/housing/hmis/import/", "admin", "org.commonweal.housing.hmis.HmisImport$Report", hmis},
            {"/quality/claims/jobs/", "admin", "org.commonweal.quality.claims.ClaimImportReport", claims},
            {"/quality/supplemental/jobs/", "admin", "org.commonweal.quality.supplemental.SupplementalCsv$Report", labs
            },
            // the insights refresh's job (#19): its result is whether it refreshed
            {"/insights/refresh/", "admin", "java.lang.Boolean", "true"}
        }) {
            for (String state : List.of("QUEUED", "RUNNING", "DONE", "FAILED", "INTERRUPTED")) {
                UUID id = UUID.randomUUID();
                boolean done = state.equals("DONE");
                jdbc.sql("insert into platform.upload_job (id, name, owner, state, interrupted, instance, result_type,"
                                + " result, problem, ended_at) values (:id, 'page scan', :owner, :state, :interrupted,"
                                + " 'page-scan', :type, cast(:result as jsonb), :problem,"
                                + " case when :state in ('DONE', 'FAILED') then now() end)")
                        .param("id", id)
                        .param("owner", kind[1])
                        .param("state", state.equals("INTERRUPTED") ? "FAILED" : state)
                        .param("interrupted", state.equals("INTERRUPTED"))
                        .param("type", done ? kind[2] : null)
                        .param("result", done ? kind[3] : null)
                        .param("problem", state.equals("FAILED") ? "line 1: missing columns NPI" : null)
                        .update();
                added.add(new Created("platform.upload_job", id));
                samples.add(new Sample(kind[0] + id, kind[1].equals("network-manager") ? "NETWORK_MANAGER" : "ADMIN"));
            }
        }
    }

    /** The demo grantee's application and award, a review of the demo reviewer, a tranche of every status. */
    private void grants(List<Sample> samples) {
        String org = "(select o.id from grants.organization o join identity.user_account u"
                + " on u.organization_ref = o.org_ref where u.username = 'grantee')";
        List<Long> applications = jdbc.sql("select distinct on (status) id from grants.application"
                        + " where organization_id = " + org + " order by status, id")
                .query(Long.class)
                .list();
        if (applications.isEmpty()) {
            // the demo grantee has applied to nothing yet: a draft in the newest cycle
            long id = jdbc.sql("insert into grants.application (cycle_id, organization_id, title, requested_amount,"
                            + " created_by) select max(c.id), " + org + ", 'Page scan draft', 25000, 'grantee'"
                            + " from grants.funding_cycle c returning id")
                    .query(Long.class)
                    .single();
            added.add(new Created("grants.application", id));
            applications = List.of(id);
        }
        applications.forEach(id -> samples.add(new Sample("/grants/my/applications/" + id, "GRANTEE")));
        jdbc.sql("select distinct on (status) id from grants.award where organization_id = " + org
                        + " order by status, id")
                .query(Long.class)
                .list()
                .forEach(id -> samples.add(new Sample("/grants/my/awards/" + id, "GRANTEE")));
        jdbc.sql("select distinct on (status) id from grants.review_assignment where reviewer = 'grant-reviewer'"
                        + " order by status, id")
                .query(Long.class)
                .list()
                .forEach(id -> samples.add(new Sample("/grants/reviews/" + id, "GRANT_REVIEWER")));
        jdbc.sql("select distinct on (status) award_id, id from grants.disbursement order by status, id")
                .query((rs, n) -> "/grants/staff/awards/" + rs.getLong(1) + "/tranches/" + rs.getLong(2) + "/pay")
                .list()
                .forEach(path -> samples.add(new Sample(path, "GRANTS_OFFICER")));
    }

    /** A service note of a client in the demo case manager's caseload (client 1, see HousingDemoData). */
    private void housing(List<Sample> samples) {
        jdbc.sql("select id from housing.service where client_id = 1 order by note is null, id limit 1")
                .query(Long.class)
                .list()
                .forEach(id -> samples.add(new Sample("/housing/services/" + id + "/note", "CASE_MANAGER")));
    }

    /** A verification campaign: the demo's newest, or one started here. */
    private void network(List<Sample> samples) {
        long id = jdbc.sql("select id from network.verification_campaign order by id desc limit 1")
                .query(Long.class)
                .optional()
                .orElseGet(() -> {
                    long created = jdbc.sql("insert into network.verification_campaign (started_on, cadence_days,"
                                    + " notice_days, started_by) values (current_date, 90, 30, 'page-scan')"
                                    + " returning id")
                            .query(Long.class)
                            .single();
                    added.add(new Created("network.verification_campaign", created));
                    return created;
                });
        samples.add(new Sample("/network/campaigns/" + id, "NETWORK_MANAGER"));
    }

    /** A finished measure run with results in two product lines. */
    private void quality(List<Sample> samples) {
        long run = jdbc.sql("insert into quality.measure_run (measure_id, measure_url, period_start, period_end,"
                        + " population_view, finished_at, members, started_by) values ('CMS130', 'urn:page-scan',"
                        + " date '2026-01-01', date '2026-12-31', 'ecqm', now(), 40, 'page-scan') returning id")
                .query(Long.class)
                .single();
        added.add(new Created("quality.measure_run", run));
        for (int i = 0; i < 40; i++) {
            jdbc.sql("insert into quality.measure_result (run_id, member_id, initial_population, denominator,"
                            + " denominator_exclusion, denominator_exception, numerator, product_line, sex)"
                            + " values (:run, :member, true, true, false, false, :met, :line, 'F')")
                    .param("run", run)
                    .param("member", "PAGE-SCAN-" + i)
                    .param("met", i % 3 == 0)
                    .param("line", i < 25 ? "MC" : "DSNP")
                    .update();
        }
        samples.add(new Sample("/quality/runs/" + run, "ANALYST"));
        // a clinical source's withdraw confirmation (no resources: the page counts none)
        long source = jdbc.sql("insert into quality.clinical_source (name, format, received_by) values"
                        + " ('page-scan.ndjson', 'ndjson', 'page-scan') returning id")
                .query(Long.class)
                .single();
        added.add(new Created("quality.clinical_source", source));
        samples.add(new Sample("/quality/supplemental/sources/" + source + "/withdraw", "ADMIN"));
    }

    /** Removes what {@link #create} added (the audit rows stay: the trail is append-only). */
    void removeAll() {
        for (Created row : added.reversed()) {
            jdbc.sql("delete from " + row.table() + " where id = :id")
                    .param("id", row.id())
                    .update();
        }
    }
}
