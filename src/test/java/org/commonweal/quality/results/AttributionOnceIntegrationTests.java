package org.commonweal.quality.results;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.commonweal.IntegrationTest;
import org.commonweal.network.NetworkDirectory;
import org.commonweal.quality.CareGapsComputed;
import org.commonweal.quality.engine.EcqmEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A run of all seven measures with our engine attributes each member once, as its rows are written: every run's rows
 * carry the same attribution as the set-wise listener path computes for them, coverage is read once for the whole
 * run (the members' stream, no per-member look-up audited for attribution), and nothing is left for the listener.
 * A member recomputed after their PCP changed in coverage is attributed to the new PCP (a recompute of one and of a
 * batch). Claims are hand-written: a member whose span names a listed PCP, one with no PCP on the span who
 * saw a listed primary-care practitioner on two days.
 */
@IntegrationTest
class AttributionOnceIntegrationTests {

    private static final LocalDate START = LocalDate.of(2026, 1, 1), END = LocalDate.of(2026, 12, 31);
    private static final String COLUMNS = "product_line, pcp_npi, pcp_name, clinic, medical_group, attribution";

    @Autowired
    JdbcClient jdbc;

    @Autowired
    OwnEngineRuns ours;

    @Autowired
    MemberRecompute recompute;

    @Autowired
    ResultAttribution listener;

    @Autowired
    MemberAttribution attribution;

    @Autowired
    NetworkDirectory directory;

    private final String tag = UUID.randomUUID().toString().substring(0, 8);
    private long fileId;
    private int segment;
    private final List<String[]> spansBefore = new ArrayList<>();
    private final List<Long> runs = new ArrayList<>();

    @BeforeEach
    void claimFile() {
        fileId =
                jdbc.sql("""
                insert into quality.claim_file (file_name, sha256, received_by) values ('once.x12', ?, 'test')
                returning id""").param("attribution-once-" + tag).query(Long.class).single();
    }

    @AfterEach
    void restore() {
        for (var s : spansBefore) {
            jdbc.sql("update coverage.enrollment_span set pcp_npi = ?, pcp_name = ? where id = ?")
                    .params(s[1], s[2], Long.valueOf(s[0]))
                    .update();
        }
        jdbc.sql("delete from quality.claim_file where id = ?").param(fileId).update();
        if (!runs.isEmpty())
            jdbc.sql("delete from quality.measure_run where id = any(?)")
                    .param(runs.toArray(Long[]::new))
                    .update();
    }

    /** Three covered members with one open span each since before the period (their PCPs restored afterwards). */
    private List<String> members() {
        var rows = jdbc.sql("""
                select s.id, s.member_id, s.pcp_npi, s.pcp_name from coverage.enrollment_span s
                 where s.end_date is null and s.status = 'active' and s.begin_date <= ? and not exists (select 1
                   from coverage.enrollment_span t where t.member_id = s.member_id and t.id <> s.id)
                 order by md5(s.member_id || ?) limit 3""")
                .params(START, tag)
                .query((rs, n) -> new String[] {rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)})
                .list();
        assertThat(rows).hasSize(3);
        rows.forEach(r -> spansBefore.add(new String[] {r[0], r[2], r[3]}));
        return rows.stream().map(r -> r[1]).toList();
    }

    private void assign(String member, String npi, String name) {
        jdbc.sql("update coverage.enrollment_span set pcp_npi = ?, pcp_name = ? where member_id = ?")
                .params(npi, name, member)
                .update();
    }

    /** Listed primary-care practitioners, as the directory's facade sees them. */
    private List<NetworkDirectory.ListedPractitioner> primaryCare(int how) {
        var npis = jdbc.sql("""
                select distinct p.npi from network.practitioner p
                  join network.practitioner_role r on r.practitioner_id = p.id
                 where p.npi is not null and p.active and not p.suppressed and r.active and not r.suppressed
                 order by p.npi limit 400""").query(String.class).list();
        return directory.listedPractitionersByNpi(npis).values().stream()
                .filter(NetworkDirectory.ListedPractitioner::primaryCare)
                .sorted(java.util.Comparator.comparing(NetworkDirectory.ListedPractitioner::npi))
                .limit(how)
                .toList();
    }

    /** An office visit (99213) rendered by the practitioner, linked as the 837 import links it. */
    private void visit(String member, NetworkDirectory.ListedPractitioner p, LocalDate day) {
        segment++;
        jdbc.sql("""
                with c as (
                  insert into quality.claim (file_id, segment_number, patient_control_number, form, frequency_code,
                    status, member_id, billing_npi, rendering_npi, rendering_provider, npi_unlinked)
                  values (?, ?, ?, 'P', '1', 'current', ?, '1234567893', ?, ?, false) returning id, member_id)
                insert into quality.service_line (claim_id, member_id, line_number, service_from, service_to,
                  procedure_code)
                select id, member_id, 1, ?, ?, '99213' from c""")
                .params(
                        fileId,
                        segment,
                        "PCN" + segment,
                        member,
                        p.npi(),
                        "Practitioner/" + p.contact().practitionerId(),
                        day,
                        day)
                .update();
    }

    private List<String> attribution(long runId, String member) {
        return jdbc.sql("select " + COLUMNS + " from quality.measure_result where run_id = ? and member_id = ?")
                .params(runId, member)
                .query((rs, n) -> {
                    var row = new ArrayList<String>();
                    for (int i = 1; i <= 6; i++) row.add(rs.getString(i));
                    return row;
                })
                .single();
    }

    /** What a member's row should hold: their span's product line, the practitioner as the directory lists them. */
    private List<String> expected(String member, NetworkDirectory.ListedPractitioner p, String name, String method) {
        var productLine = jdbc.sql("select product_line from coverage.enrollment_span where member_id = ?")
                .param(member)
                .query(String.class)
                .single();
        return java.util.Arrays.asList(
                productLine,
                p.npi(),
                blankToNull(name),
                blankToNull(p.contact().locationName()),
                blankToNull(p.contact().medicalGroup()),
                method);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private Map<String, List<String>> attributions(long runId) {
        var out = new java.util.HashMap<String, List<String>>();
        jdbc.sql("select member_id, " + COLUMNS + " from quality.measure_result where run_id = ?")
                .param(runId)
                .query(rs -> {
                    var row = new ArrayList<String>();
                    for (int i = 2; i <= 7; i++) row.add(rs.getString(i));
                    out.put(rs.getString(1), row);
                });
        return out;
    }

    private int audited(Instant since, String purpose) {
        return jdbc.sql("select count(*) from audit.audit_event where occurred_at >= ? and purpose = ?")
                .params(java.sql.Timestamp.from(since), purpose)
                .query(Integer.class)
                .single();
    }

    @Test
    void aRunOfSevenMeasuresAttributesEachMemberOnceAndARecomputeFollowsAPcpChange() {
        org.commonweal.quality.measure.PublishedMeasureContent.folder(); // skipped without ../shared/quality
        var pcps = primaryCare(3);
        assertThat(pcps).hasSize(3);
        var p1 = pcps.get(0);
        var p2 = pcps.get(1);
        var p3 = pcps.get(2);
        var members = members();
        String assigned = members.get(0), byClaims = members.get(1), changing = members.get(2);
        assign(assigned, p3.npi(), "Assigned PCP");
        assign(byClaims, null, null);
        assign(changing, p3.npi(), "Assigned PCP");
        visit(assigned, p1, LocalDate.of(2026, 3, 2));
        visit(byClaims, p1, LocalDate.of(2026, 3, 2));
        visit(byClaims, p1, LocalDate.of(2026, 5, 4));
        visit(byClaims, p2, LocalDate.of(2026, 6, 8));
        visit(changing, p1, LocalDate.of(2026, 4, 1));

        var started = Instant.now();
        // every evaluated member's row written (not only the initial populations'): each run's attribution is checked
        ours.informativeOnly(false);
        List<MeasureRuns.RunSummary> summaries;
        try {
            summaries = ours.run(EcqmEngine.MEASURES, START, END, "test");
        } finally {
            ours.informativeOnly(true);
        }
        summaries.forEach(s -> runs.add(s.runId()));
        assertThat(runs).hasSize(7);

        // every run: the assigned member with P3 (and P3's clinic and group), the other with P1 by claims (two days
        // against P2's one), each with their span's product line
        for (long run : runs) {
            assertThat(attribution(run, assigned))
                    .as("run %d", run)
                    .isEqualTo(expected(assigned, p3, "Assigned PCP", "assigned-pcp"));
            assertThat(attribution(run, byClaims))
                    .as("run %d", run)
                    .isEqualTo(expected(byClaims, p1, p1.contact().name(), "claims-plurality"));
        }
        // the same attribution in every run, member by member, and the runs marked attributed
        var first = attributions(runs.get(0));
        assertThat(first).containsKeys(assigned, byClaims, changing);
        for (long run : runs) assertThat(attributions(run)).as("run %d", run).isEqualTo(first);
        assertThat(jdbc.sql("select count(*) from quality.measure_run where id = any(?) and attributed")
                        .param(runs.toArray(Long[]::new))
                        .query(Integer.class)
                        .single())
                .isEqualTo(7);
        // coverage read once for the seven measures (the stream of members with their spans); no look-up audited
        // for attribution: before, the listener audited one eligibility read per member in each of the seven runs
        assertThat(audited(started, MemberAttribution.PURPOSE)).isZero();
        assertThat(jdbc.sql("""
                        select count(*) from audit.audit_event where occurred_at >= ? and purpose = ?
                          and detail like 'residences and enrollment spans (PCP) of members active on%'""")
                        .params(java.sql.Timestamp.from(started), MeasureRuns.PURPOSE)
                        .query(Integer.class)
                        .single())
                .isEqualTo(1);

        // the set-wise listener path (runs written without attribution) gives the same answer from coverage's reads
        long run = runs.get(0);
        jdbc.sql("update quality.measure_result set product_line = null, pcp_npi = null, pcp_name = null,"
                        + " clinic = null, medical_group = null, attribution = null where run_id = ?")
                .param(run)
                .update();
        jdbc.sql("update quality.measure_run set attributed = false where id = ?")
                .param(run)
                .update();
        listener.on(new CareGapsComputed(run, "CMS122", END, 0));
        assertThat(attributions(run)).isEqualTo(first);
        // a run already attributed is left alone
        jdbc.sql("update quality.measure_result set pcp_name = 'kept' where run_id = ? and member_id = ?")
                .params(run, assigned)
                .update();
        listener.on(new CareGapsComputed(run, "CMS122", END, 0));
        assertThat(attribution(run, assigned).get(2)).isEqualTo("kept");

        // the member's PCP changes in coverage: a recompute attributes them to the new PCP in every latest run
        assign(changing, p2.npi(), "New PCP");
        var recomputed = recompute.recompute(changing);
        assertThat(recomputed).isNotEmpty();
        for (long r : runs) {
            assertThat(attribution(r, changing)).as("run %d", r).containsSubsequence(p2.npi(), "New PCP");
            assertThat(attribution(r, changing).get(5)).isEqualTo("assigned-pcp");
        }
        // and a batch recompute (supplemental data) too
        assign(changing, null, null);
        assertThat(recompute.recompute(List.of(changing))).isGreaterThan(0);
        for (long r : runs) {
            assertThat(attribution(r, changing)).as("run %d", r).containsSubsequence(p1.npi());
            assertThat(attribution(r, changing).get(5)).isEqualTo("claims-plurality");
        }
    }

    @Test
    void aPeriodAsksTheDirectoryOnlyAboutNpisItHasNotSeen() {
        var members = members();
        var pcp = primaryCare(1).getFirst();
        for (var m : members) assign(m, pcp.npi(), "Assigned PCP");
        var period = attribution.period(START, END);
        var one = period.attribute(members.subList(0, 2));
        var two = period.attribute(members.subList(2, 3));
        assertThat(one.keySet()).containsExactlyInAnyOrderElementsOf(members.subList(0, 2));
        assertThat(two.get(members.get(2)).pcpNpi()).isEqualTo(pcp.npi());
        // two batches: two coverage reads, one directory look-up (the second batch's NPI was seen), no claims query
        var tally = period.tally();
        assertThat(tally.batches()).isEqualTo(2);
        assertThat(tally.coverageReads()).isEqualTo(2);
        assertThat(tally.directoryLookUps()).isEqualTo(1);
        assertThat(tally.claimsQueries()).isZero();
        assertThat(tally.members()).isEqualTo(3);
    }
}
