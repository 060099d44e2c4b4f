package org.commonweal.quality.results;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.commonweal.IntegrationTest;
import org.commonweal.SignedInClient;
import org.commonweal.coverage.Coverage;
import org.commonweal.coverage.EligibilityInquiry;
import org.commonweal.network.NetworkDirectory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Attribution by the claims' NPI links, on hand-written claims: a member with an assigned PCP the directory lists
 * stays with them whatever their claims say; one without goes to the listed primary-care practitioner they saw on
 * the most distinct days for an outpatient/E&amp;M visit in the period (a tie to the latest visit); an NPI the
 * directory does not hold, a listed specialist, a visit outside the period, a lab line or a voided claim never
 * attributes; a member with no qualifying visit stays unknown. The method shows in the rates by PCP and in the
 * provider's gap list.
 */
@IntegrationTest
class ClaimAttributionIntegrationTests {

    private static final LocalDate START = LocalDate.of(2026, 1, 1), END = LocalDate.of(2026, 12, 31);

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ResultAttribution attribution;

    @Autowired
    Coverage coverage;

    @Autowired
    NetworkDirectory directory;

    private final String tag = UUID.randomUUID().toString().substring(0, 8);
    private long fileId;
    private Long run;
    private int segment;
    private String[] withPcpBefore;

    /** A practitioner the directory lists: NPI and directory id. */
    record Listed(String npi, String id) {}

    @BeforeEach
    void claimFile() {
        fileId = jdbc.sql("""
                insert into quality.claim_file (file_name, sha256, received_by) values ('attribution.x12', ?, 'test')
                returning id""").param("attribution-" + tag).query(Long.class).single();
    }

    @AfterEach
    void remove() {
        if (withPcpBefore != null)
            jdbc.sql("update coverage.enrollment_span set pcp_npi = ?, pcp_name = ? where member_id = ?"
                            + " and end_date is null")
                    .params(withPcpBefore[1], withPcpBefore[2], withPcpBefore[0])
                    .update();
        jdbc.sql("delete from quality.claim_file where id = ?").param(fileId).update();
        if (run != null)
            jdbc.sql("delete from quality.measure_run where id = ?").param(run).update();
    }

    /** Listed practitioners whose roles are (or are not) primary care, as the facade sees them. */
    private List<Listed> listed(boolean primaryCare, int how) {
        var candidates = jdbc.sql("""
                select distinct p.npi, p.id from network.practitioner p
                  join network.practitioner_role r on r.practitioner_id = p.id
                 where p.npi is not null and p.active and not p.suppressed and r.active and not r.suppressed
                 order by p.npi limit 400""")
                .query((rs, n) -> new Listed(rs.getString(1), rs.getString(2)))
                .list();
        var found = directory.listedPractitionersByNpi(
                candidates.stream().map(Listed::npi).toList());
        return candidates.stream()
                .filter(c -> found.containsKey(c.npi()) && found.get(c.npi()).primaryCare() == primaryCare)
                .limit(how)
                .toList();
    }

    /** One current (or voided) claim of one line with the rendering NPI linked as the 837 import links it. */
    private void visit(String member, String npi, String providerId, LocalDate day, String code, String status) {
        long claim = jdbc.sql("""
                insert into quality.claim (file_id, segment_number, patient_control_number, form, frequency_code,
                  status, member_id, billing_npi, rendering_npi, rendering_provider, npi_unlinked)
                values (?, ?, ?, 'P', '1', ?, ?, '1234567893', ?, ?, ?) returning id""")
                .params(
                        fileId,
                        ++segment,
                        "PCN" + segment,
                        status,
                        member,
                        npi,
                        providerId == null ? null : "Practitioner/" + providerId,
                        providerId == null)
                .query(Long.class)
                .single();
        jdbc.sql("""
                insert into quality.service_line (claim_id, member_id, line_number, service_from, service_to,
                  procedure_code)
                select id, member_id, 1, ?, ?, ? from quality.claim where id = ?""").params(day, day, code, claim).update();
    }

    private void visit(String member, Listed p, LocalDate day) {
        visit(member, p.npi(), p.id(), day, "99213", "current");
    }

    private void result(String member, boolean gap) {
        jdbc.sql("""
                insert into quality.measure_result (run_id, member_id, initial_population, denominator,
                  denominator_exclusion, denominator_exception, numerator) values (?, ?, true, true, false, false, ?)""").params(run, member, !gap).update();
    }

    private String[] stored(String member) {
        return jdbc.sql("""
                select pcp_npi, attribution, clinic from quality.measure_result where run_id = ? and member_id = ?""")
                .params(run, member)
                .query((rs, n) -> new String[] {rs.getString(1), rs.getString(2), rs.getString(3)})
                .single();
    }

    private static LocalDate day(int month, int day) {
        return LocalDate.of(2026, month, day);
    }

    @Test
    void anAssignedPcpStaysAndOthersGoToThePrimaryCareProviderTheySawOnTheMostDays() throws Exception {
        var pcps = listed(true, 3);
        var specialist = listed(false, 1);
        assertThat(pcps).hasSize(3);
        var p1 = pcps.get(0);
        var p2 = pcps.get(1);
        String unknownNpi = "1999999990";
        assertThat(directory.providersByNpi(List.of(unknownNpi))).isEmpty();

        // a covered member whose assigned PCP (P3) the directory lists
        var p3 = pcps.get(2);
        withPcpBefore = jdbc.sql("""
                select member_id, pcp_npi, pcp_name from coverage.enrollment_span s
                 where end_date is null and status = 'active' and begin_date <= ? and not exists (select 1
                   from coverage.enrollment_span t where t.member_id = s.member_id and t.id <> s.id)
                 order by member_id limit 1""")
                .param(START)
                .query((rs, n) -> new String[] {rs.getString(1), rs.getString(2), rs.getString(3)})
                .single();
        String withPcp = withPcpBefore[0];
        jdbc.sql("update coverage.enrollment_span set pcp_npi = ? where member_id = ? and end_date is null")
                .params(p3.npi(), withPcp)
                .update();
        assertThat(coverage.eligibility(List.of(new EligibilityInquiry(withPcp, END)), "test")
                        .getFirst()
                        .orElseThrow()
                        .span()
                        .pcpNpi())
                .isEqualTo(p3.npi());
        String most = "ATTR-" + tag + "-MOST",
                tie = "ATTR-" + tag + "-TIE",
                unlisted = "ATTR-" + tag + "-NPI",
                none = "ATTR-" + tag + "-NONE";

        // the assigned member saw P1 three times: stays with the assigned PCP
        for (int m = 2; m <= 4; m++) visit(withPcp, p1, day(m, 10));
        // P1 on 3 distinct days; P2 on 2 days with four lines, plus what never counts: a day before the period, a
        // colonoscopy line, a voided claim, and a listed specialist on five days
        visit(most, p1, day(2, 1));
        visit(most, p1, day(3, 1));
        visit(most, p1, day(4, 1));
        visit(most, p2, day(5, 1));
        visit(most, p2, day(5, 1));
        visit(most, p2, day(6, 1));
        visit(most, p2, day(6, 1));
        visit(most, p2.npi(), p2.id(), LocalDate.of(2025, 12, 30), "99213", "current");
        visit(most, p2.npi(), p2.id(), day(7, 1), "45378", "current");
        visit(most, p2.npi(), p2.id(), day(8, 1), "99214", "voided");
        if (!specialist.isEmpty()) {
            for (int m = 1; m <= 5; m++) visit(most, specialist.getFirst(), day(m, 20));
        }
        // two days each: the latest visit (P2 on 9 November) wins
        visit(tie, p1, day(3, 3));
        visit(tie, p1, day(10, 3));
        visit(tie, p2, day(2, 9));
        visit(tie, p2, day(11, 9));
        // five visits to an NPI the directory does not hold
        for (int m = 1; m <= 5; m++) visit(unlisted, unknownNpi, null, day(m, 5), "99213", "current");

        run = jdbc.sql("""
                insert into quality.measure_run (measure_id, measure_url, period_start, period_end, population_view,
                  finished_at, members, started_by) values ('CMS125', 'urn:test', ?, ?, 'ecqm', now(), 5, 'test')
                returning id""").params(START, END).query(Long.class).single();
        result(withPcp, false);
        result(most, true);
        result(tie, false);
        result(unlisted, false);
        result(none, false);

        attribution.attribute(run);

        assertThat(stored(withPcp)).startsWith(p3.npi(), "assigned-pcp");
        assertThat(stored(most)[0]).isEqualTo(p1.npi());
        assertThat(stored(most)[1]).isEqualTo("claims-plurality");
        assertThat(stored(most)[2])
                .isEqualTo(directory
                        .listedPractitionersByNpi(List.of(p1.npi()))
                        .get(p1.npi())
                        .contact()
                        .locationName());
        assertThat(stored(tie)).startsWith(p2.npi(), "claims-plurality");
        assertThat(stored(unlisted)).containsExactly(null, null, null);
        assertThat(stored(none)).containsExactly(null, null, null);

        // the rates by PCP say how each PCP's members were attributed, in the reader's language
        var analyst = new SignedInClient(port, "analyst", "demo-password");
        assertThat(analyst.page("/quality/runs/" + run + "?by=pcp&lang=en"))
                .contains("Attributed by")
                .contains("(NPI " + p1.npi() + ")")
                .contains("claims plurality");
        assertThat(analyst.page("/quality/runs/" + run + "?by=attribution&lang=es"))
                .contains("mayoría de visitas en reclamaciones")
                .contains("PCP asignado");
        var csv = analyst.page("/quality/runs/" + run + "/rates.csv?by=pcp");
        assertThat(csv).contains("attributed_by").contains("claims-plurality");

        // P1's gap list holds the member attributed to P1 by claims
        var memberServices = new SignedInClient(port, "member-services", "demo-password");
        assertThat(memberServices.page("/care-gaps?measure=CMS125&pcp=" + p1.npi() + "&lang=en"))
                .contains(most)
                .contains("claims plurality");
        assertThat(memberServices.page("/care-gaps.csv?measure=CMS125&pcp=" + p1.npi()))
                .contains(most + ",")
                .contains("claims-plurality");
        assertThat(memberServices.page("/care-gaps?measure=CMS125&pcp=" + p2.npi() + "&lang=es"))
                .doesNotContain(most);
    }
}
