package org.commonweal.quality.results;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.commonweal.IntegrationTest;
import org.commonweal.coverage.Coverage;
import org.commonweal.quality.claims.ClaimImport;
import org.commonweal.quality.measure.PublishedMeasureContent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A run with our engine over the claims in PostgreSQL gives every member the populations the CQL reference engine
 * gives them over the same claims, and the same trend by month (our month masks against the reference engine's
 * answers as of each month end); one member is recomputed in the latest runs, mask included.
 */
@IntegrationTest
class OwnEngineRunsIntegrationTests {

    private static final LocalDate START = LocalDate.of(2026, 1, 1);
    private static final LocalDate END = LocalDate.of(2026, 12, 31);

    @Autowired
    ClaimImport claims;

    @Autowired
    MeasureRuns reference;

    @Autowired
    OwnEngineRuns ours;

    @Autowired
    MemberRecompute recompute;

    @Autowired
    Coverage coverage;

    @Autowired
    JdbcClient jdbc;

    @TempDir
    Path dir;

    @Test
    void ourRunAgreesWithTheReferenceRunMemberByMemberAndOneMemberIsRecomputed() throws Exception {
        PublishedMeasureContent.folder();
        // two women of 55 to 70 covered at the period's end: a colonoscopy for one, an office visit for the other;
        // the last two in member order (other tests of the shared database take the first members of that age)
        var all = new ArrayList<String>();
        var active = new java.util.HashSet<String>();
        coverage.forEachActiveMember(END, "test", m -> {
            active.add(m.memberId());
            if ("F".equals(m.sex())
                    && m.birthDate() != null
                    && Period.between(m.birthDate(), END).getYears() >= 55
                    && Period.between(m.birthDate(), END).getYears() <= 70) {
                all.add(m.memberId());
            }
        });
        var women = all.subList(all.size() - 2, all.size());
        var tag = UUID.randomUUID().toString().substring(0, 8);
        var x12 = new String(getClass()
                        .getResourceAsStream("/quality/claims/837p-colorectal.x12")
                        .readAllBytes())
                .replace("{MEMBER_A}", women.get(0))
                .replace("{MEMBER_B}", women.get(1))
                .replace("CLM*", "CLM*" + tag);
        Files.writeString(dir.resolve("claims.x12"), x12);
        assertThat(claims.importFile(dir.resolve("claims.x12"), "test").accepted())
                .isEqualTo(3);

        // CMS153 too: since session 8 our engine answers it in runs (EcqmEngine.MEASURES)
        var measures = List.of("CMS125", "CMS130", "CMS153");
        var runs = ours.run(measures, START, END, "test");
        long cql130 = 0;
        for (var run : runs) {
            var cql = reference.run(run.measureId(), START, END, "test");
            if (run.measureId().equals("CMS130")) cql130 = cql.runId();
            assertThat(cql.errors()).isZero();
            assertThat(run.errors()).isZero();
            // every row of our run is the reference run's row for the member, month mask included (our run writes
            // the rows that carry information: members in the initial population or with an error)
            var differences = jdbc.sql("""
                    select r.member_id from quality.measure_result r join quality.measure_result o
                      on o.member_id = r.member_id and o.run_id = ?
                    where r.run_id = ? and (r.initial_population, r.denominator, r.denominator_exclusion,
                      r.denominator_exception, r.numerator, r.month_mask) is distinct from (o.initial_population,
                      o.denominator, o.denominator_exclusion, o.denominator_exception, o.numerator, o.month_mask)""")
                    .params(run.runId(), cql.runId())
                    .query(String.class)
                    .list();
            assertThat(differences).as(run.measureId()).isEmpty();
            // and every member the reference run has in the initial population (and still covered at the period's
            // end: our run streams those) has a row in ours
            var missing = jdbc.sql("""
                    select r.member_id from quality.measure_result r
                    where r.run_id = ? and r.initial_population and not exists (select 1 from quality.measure_result o
                      where o.run_id = ? and o.member_id = r.member_id)""").params(cql.runId(), run.runId()).query(String.class).list().stream()
                    .filter(active::contains)
                    .toList();
            assertThat(missing).as(run.measureId()).isEmpty();
            int compared = jdbc.sql("""
                    select count(*) from quality.measure_result r join quality.measure_result o
                      on o.member_id = r.member_id and o.run_id = ? where r.run_id = ?""")
                    .params(run.runId(), cql.runId())
                    .query(Integer.class)
                    .single();
            // the two women are in CMS125's and CMS130's initial populations; not in CMS153's (women 16 to 24): the
            // reference run evaluated them and found them out of it, so our run wrote no row for them
            if (run.measureId().equals("CMS153")) {
                assertThat(jdbc.sql(
                                        "select count(*) from quality.measure_result where run_id = ? and member_id in (?, ?)")
                                .params(run.runId(), women.get(0), women.get(1))
                                .query(Integer.class)
                                .single())
                        .isZero();
                assertThat(jdbc.sql(
                                        "select count(*) from quality.measure_result where run_id = ? and member_id in (?, ?)"
                                                + " and not initial_population")
                                .params(cql.runId(), women.get(0), women.get(1))
                                .query(Integer.class)
                                .single())
                        .isEqualTo(2);
            } else {
                assertThat(compared).as(run.measureId()).isGreaterThanOrEqualTo(2);
            }
        }
        var cms130 = runs.get(1).runId();
        assertThat(numerator(cms130, women.get(0))).isTrue();
        assertThat(numerator(cms130, women.get(1))).isFalse();
        // the colonoscopy is dated 5 March: not met at the end of January and February, met from March on
        assertThat(Integer.toBinaryString(mask(cms130, women.get(0)))).isEqualTo("111111111100");
        assertThat(mask(cms130, women.get(1))).isZero();

        // recompute (a batch of one): the member's rows in each measure's latest run (here the reference run just
        // made), rewritten as a run writes them, month mask included
        long latest = jdbc.sql("select max(id) from quality.measure_run where measure_id = 'CMS130'"
                        + " and finished_at is not null")
                .query(Long.class)
                .single();
        assertThat(latest).isEqualTo(cql130);
        jdbc.sql("""
                update quality.measure_result set numerator = false, month_mask = null where run_id = ?
                  and member_id = ?""").params(latest, women.get(0)).update();
        recompute.recompute(women.get(0)); // warm
        long t0 = System.nanoTime();
        var again = recompute.recompute(women.get(0));
        long micros = (System.nanoTime() - t0) / 1000;
        System.out.printf("recompute of one member in %d latest runs: %.1f ms%n", again.size(), micros / 1000.0);
        assertThat(again.get("CMS130").in("numerator")).isTrue();
        assertThat(numerator(latest, women.get(0))).isTrue();
        assertThat(Integer.toBinaryString(mask(latest, women.get(0)))).isEqualTo("111111111100");

        // the plan view: exactly the members of the eCQM run continuously enrolled through the year
        var plan = ours.run(List.of("CMS130"), START, END, "test", OwnEngineRuns.View.PLAN)
                .get(0);
        var ecqmMembers = members(cms130);
        var planMembers = members(plan.runId());
        assertThat(ecqmMembers).containsAll(planMembers);
        for (var member : ecqmMembers) {
            assertThat(planMembers.contains(member))
                    .as(member)
                    .isEqualTo(PlanPopulation.continuouslyEnrolled(coverage.spans(member, "test"), START, END));
        }
        assertThat(jdbc.sql("select population_view from quality.measure_run where id = ?")
                        .param(plan.runId())
                        .query(String.class)
                        .single())
                .isEqualTo("plan");

        // a recompute after the plan-view run writes into it only members continuously enrolled through the period
        var notEnrolled =
                ecqmMembers.stream().filter(m -> !planMembers.contains(m)).findFirst();
        recompute.recompute(women.get(0));
        assertThat(members(plan.runId()).contains(women.get(0))).isEqualTo(planMembers.contains(women.get(0)));
        notEnrolled.ifPresent(m -> {
            recompute.recompute(m);
            assertThat(members(plan.runId())).as(m).doesNotContain(m);
        });
    }

    private Integer mask(long runId, String memberId) {
        return jdbc.sql("select month_mask from quality.measure_result where run_id = ? and member_id = ?")
                .params(runId, memberId)
                .query(Integer.class)
                .single();
    }

    private List<String> members(long runId) {
        return jdbc.sql("select member_id from quality.measure_result where run_id = ?")
                .param(runId)
                .query(String.class)
                .list();
    }

    private boolean numerator(long runId, String memberId) {
        return jdbc.sql("select numerator from quality.measure_result where run_id = ? and member_id = ?")
                .params(runId, memberId)
                .query(Boolean.class)
                .single();
    }
}
