package org.commonweal.quality.supplemental;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.Locale;
import org.commonweal.IntegrationTest;
import org.commonweal.centers.services.WalkIns;
import org.commonweal.coverage.Coverage;
import org.commonweal.quality.CareGaps;
import org.commonweal.quality.DueCare;
import org.commonweal.quality.claims.ClaimImport;
import org.commonweal.quality.measure.PublishedMeasureContent;
import org.commonweal.quality.results.MeasureRuns;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The care-gap loop: a member with hypertension and no controlled reading has an open CMS165 gap with its reason and
 * due date; a blood pressure taken at a Community Resource Center arrives as centers' {@code ScreeningRecorded}, is
 * kept as supplemental data, and the member's measures are recomputed: a reading of 150/95 leaves the gap open, one
 * of 128/82 the same day closes it (the lowest reading of the latest day counts).
 */
@IntegrationTest
class GapLoopIntegrationTests {

    private static final LocalDate START = LocalDate.of(2026, 1, 1);
    private static final LocalDate END = LocalDate.of(2026, 12, 31);

    @Autowired
    ClaimImport claims;

    @Autowired
    MeasureRuns runs;

    @Autowired
    Coverage coverage;

    @Autowired
    CareGaps gaps;

    @Autowired
    WalkIns walkIns;

    @Autowired
    ClinicalSources sources;

    @Autowired
    JdbcClient jdbc;

    @TempDir
    Path dir;

    @Test
    void aCenterBloodPressureUnder140Over90ClosesTheControllingHighBloodPressureGap() throws Exception {
        PublishedMeasureContent.folder();
        var member = hypertensiveMember();

        long runId = runs.run("CMS165", START, END, "test").runId();
        assertThat(result(runId, member, "denominator")).isTrue();
        assertThat(result(runId, member, "numerator")).isFalse();
        var due = gaps.dueCare(member, Locale.ENGLISH, "test");
        assertThat(due)
                .filteredOn(g -> g.measureId().equals("CMS165"))
                .singleElement()
                .satisfies(g -> {
                    assertThat(g.reason())
                            .isEqualTo("No blood pressure reading under 140/90 in 2026: the latest one counts");
                    assertThat(g.dueBy()).isEqualTo(END);
                    assertThat(g.runId()).isEqualTo(runId);
                    assertThat(g.measureTitle()).containsIgnoringCase("blood pressure");
                });
        assertThat(gaps.dueCare(member, Locale.forLanguageTag("es"), "test"))
                .extracting(DueCare::reason)
                .contains("No hay lectura de presión arterial menor de 140/90 en 2026: cuenta la más reciente");
        assertThat(jdbc.sql("select count(*) from audit.audit_event where entity_type = 'member-care-gaps'"
                                + " and member_id = ?")
                        .param(member)
                        .query(Long.class)
                        .single())
                .isGreaterThanOrEqualTo(2);

        var center = jdbc.sql("select code from centers.center order by id limit 1")
                .query(String.class)
                .single();
        var high = walkIns.screen(
                new WalkIns.NewScreening(center, member, "lacare", 150, 95, null, null, null, null), "staff");
        awaitSupplemental(high.id());
        assertThat(open(member)).as("150/95 is not controlled").contains("CMS165");
        assertThat(result(runId, member, "numerator")).isFalse();

        var low = walkIns.screen(
                new WalkIns.NewScreening(center, member, "lacare", 128, 82, null, null, null, null), "staff");
        awaitSupplemental(low.id());
        assertThat(result(runId, member, "numerator"))
                .as("recomputed in the latest run")
                .isTrue();
        assertThat(open(member)).doesNotContain("CMS165");

        // provenance: the reading is kept under its own source, named by the screening, with the center
        assertThat(jdbc.sql("""
                select s.received_by || ' ' || r.resource_type from quality.clinical_source s
                join quality.clinical_resource r on r.source_id = s.id where s.name = ?""")
                        .param("center-screening:" + low.id())
                        .query(String.class)
                        .single())
                .isEqualTo("centers:" + center + " Observation");

        // withdrawn as a whole, the reading no longer counts: the member is recomputed and the gap is open again
        long source = jdbc.sql("select id from quality.clinical_source where name = ?")
                .param("center-screening:" + low.id())
                .query(Long.class)
                .single();
        assertThat(sources.withdraw(source, "test")).isEqualTo(1);
        assertThat(open(member)).contains("CMS165");
    }

    @Test
    void aScreeningWithoutBloodPressureOrForSomeoneNotAMemberStoresNothing() throws Exception {
        var center = jdbc.sql("select code from centers.center order by id limit 1")
                .query(String.class)
                .single();
        var glucose = walkIns.screen(
                new WalkIns.NewScreening(center, hypertensiveMember(), "lacare", null, null, 110, true, null, null),
                "staff");
        var stranger = walkIns.screen(
                new WalkIns.NewScreening(center, "NOT-A-MEMBER", "lacare", 120, 80, null, null, null, null), "staff");
        Thread.sleep(2_000);
        assertThat(jdbc.sql("select count(*) from quality.clinical_source where name in (?, ?)")
                        .params("center-screening:" + glucose.id(), "center-screening:" + stranger.id())
                        .query(Long.class)
                        .single())
                .isZero();
    }

    private java.util.List<String> open(String member) {
        return gaps.openGaps(member, "test").stream().map(g -> g.measureId()).toList();
    }

    /** A member aged 30–60 with no data yet, with a hypertension office visit in April of the period. */
    private String hypertensiveMember() throws IOException {
        var used = jdbc.sql("select distinct member_id from quality.claim union select member_id"
                        + " from quality.clinical_resource")
                .query(String.class)
                .set();
        var found = new ArrayList<String>();
        coverage.forEachActiveMember(LocalDate.now(), "test", m -> {
            if (found.isEmpty()
                    && m.birthDate() != null
                    && Period.between(m.birthDate(), END).getYears() >= 30
                    && Period.between(m.birthDate(), END).getYears() <= 60
                    && !used.contains(m.memberId())
                    && m.memberId().length() <= 20
                    && !m.memberId().startsWith("DEMO-")) {
                found.add(m.memberId());
            }
        });
        var member = found.get(0);
        var file = org.commonweal.quality.claims.OfficeVisitClaims.write(dir, member, "I10", LocalDate.of(2026, 4, 15));
        assertThat(claims.importFile(file, "test").accepted()).isEqualTo(1);
        return member;
    }

    private void awaitSupplemental(long screeningId) throws InterruptedException {
        for (int i = 0; i < 600; i++) {
            if (jdbc.sql("select count(*) from quality.clinical_source where name = ?")
                            .param("center-screening:" + screeningId)
                            .query(Long.class)
                            .single()
                    > 0) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("screening " + screeningId + " never reached quality");
    }

    private boolean result(long runId, String memberId, String column) {
        return jdbc.sql("select " + column + " from quality.measure_result where run_id = ? and member_id = ?")
                .params(runId, memberId)
                .query(Boolean.class)
                .single();
    }
}
