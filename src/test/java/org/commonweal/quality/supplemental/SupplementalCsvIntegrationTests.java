package org.commonweal.quality.supplemental;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.commonweal.IntegrationTest;
import org.commonweal.coverage.Coverage;
import org.commonweal.platform.CommandArgs;
import org.commonweal.quality.CareGap;
import org.commonweal.quality.CareGaps;
import org.commonweal.quality.DueCare;
import org.commonweal.quality.claims.ClaimImport;
import org.commonweal.quality.measure.PublishedMeasureContent;
import org.commonweal.quality.results.MeasureRuns;
import org.commonweal.quality.results.MemberRecompute;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Lab results and immunization registry extracts as CSV: a member with diabetes and no HbA1c is counted in CMS122's
 * numerator (poor control), which for this inverse measure is the open gap; a lab extract with an HbA1c of 7.2 %
 * closes it at the member's recompute, withdrawing the extract opens it again; so does an HbA1c sent as a FHIR Bundle
 * through {@code import-clinical} (#21: stored and nothing recomputed before), withdrawn by {@code withdraw-clinical}.
 * Bad lines are rejected with line,
 * field and reason, the rest is kept; a file without the layout's header is refused whole.
 */
@IntegrationTest
class SupplementalCsvIntegrationTests {

    private static final LocalDate START = LocalDate.of(2026, 1, 1);
    private static final LocalDate END = LocalDate.of(2026, 12, 31);

    @Autowired
    SupplementalCsv supplemental;

    @Autowired
    ClinicalSources sources;

    @Autowired
    ImportClinicalCommand importClinical;

    @Autowired
    WithdrawClinicalCommand withdrawClinical;

    @Autowired
    ClaimImport claims;

    @Autowired
    MeasureRuns runs;

    @Autowired
    Coverage coverage;

    @Autowired
    CareGaps gaps;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MessageSource messages;

    @Autowired
    MemberRecompute recompute;

    private List<String> english(List<SupplementalCsv.LineReason> reasons) {
        return reasons.stream().map(r -> r.text(messages, Locale.ENGLISH)).toList();
    }

    @TempDir
    Path dir;

    @Test
    void anHba1cFromALabExtractClosesTheInverseGapAndWithdrawingItReopensIt() throws IOException {
        PublishedMeasureContent.folder();
        var member = diabeticMember();
        long runId = runs.run("CMS122", START, END, "test").runId();
        assertThat(numerator(runId, member)).as("no HbA1c: poor control").isTrue();
        assertThat(runs.openGaps(runId))
                .as("the gap of an inverse measure is its numerator")
                .contains(member);
        assertThat(gaps.dueCare(member, Locale.ENGLISH, "test"))
                .filteredOn(g -> g.measureId().equals("CMS122"))
                .extracting(DueCare::reason)
                .containsExactly("No HbA1c (glycemic status) result of 9% or lower in 2026: the latest one counts");

        var report = supplemental.importLabs(fixture("labs.csv", member), "labs.csv", "Quest Diagnostics");
        assertThat(report.refusal()).isNull();
        assertThat(report.stored()).isEqualTo(2);
        assertThat(report.members()).isEqualTo(1);
        assertThat(english(report.rejects()))
                .containsExactly(
                        "line 3: member_id: no plan member has this member id",
                        "line 4: loinc: not a LOINC code (NNNNN-N with its check digit): '4548-5'",
                        "line 5: unit: a number needs its UCUM unit (%, mg/dL …)",
                        "line 6: collected_on: not a date (YYYY-MM-DD): '2026-13-01'",
                        "line 7: member_id: a member id or a CIN is needed",
                        "line 9: 7 fields expected, 5 found");
        assertThat(jdbc.sql("select count(*) from quality.clinical_reject where source_id = ?")
                        .param(report.sourceId())
                        .query(Long.class)
                        .single())
                .isEqualTo(6);
        // provenance: file, sender, line; the quoted value with a comma comes back whole
        assertThat(jdbc.sql("""
                select s.name || '|' || s.received_by || '|' || r.line_number from quality.clinical_source s
                join quality.clinical_resource r on r.source_id = s.id where s.id = ? order by r.line_number""").param(report.sourceId()).query(String.class).list())
                .containsExactly("labs.csv|Quest Diagnostics|2", "labs.csv|Quest Diagnostics|8");
        assertThat(jdbc.sql(
                                "select resource_json from quality.clinical_resource where source_id = ? and line_number = 8")
                        .param(report.sourceId())
                        .query(String.class)
                        .single())
                .contains("\"valueString\":\"Negative, no organism detected\"")
                .contains("LabCorp, Van Nuys");

        assertThat(numerator(runId, member))
                .as("HbA1c 7.2 %%, recomputed in the latest run")
                .isFalse();
        assertThat(gaps.openGaps(member, "test")).extracting(CareGap::measureId).doesNotContain("CMS122");

        assertThat(sources.withdraw(report.sourceId(), "test")).isEqualTo(1);
        assertThat(numerator(runId, member)).isTrue();
        assertThat(gaps.openGaps(member, "test")).extracting(CareGap::measureId).contains("CMS122");
        assertThat(sources.withdraw(report.sourceId(), "test")).as("once").isZero();
    }

    @Test
    void aFhirBundleImportedByTheCommandClosesTheGapAndWithdrawingTheSourceReopensIt() throws Exception {
        PublishedMeasureContent.folder();
        var member = diabeticMember();
        long runId = runs.run("CMS122", START, END, "test").runId();
        assertThat(numerator(runId, member)).as("no HbA1c: poor control").isTrue();
        assertThat(gaps.openGaps(member, "test")).extracting(CareGap::measureId).contains("CMS122");

        var bundle = dir.resolve("hba1c-bundle.json");
        Files.writeString(
                bundle,
                new String(
                                getClass()
                                        .getResourceAsStream("/quality/clinical/hba1c-bundle.json")
                                        .readAllBytes(),
                                StandardCharsets.UTF_8)
                        .replace("{MEMBER}", member)
                        .replace("{RUN}", member));
        assertThat(importClinical.run(words("bundle", bundle.toString())))
                .as("stored, its Practitioner entry rejected")
                .isEqualTo(3);
        long source = jdbc.sql("select id from quality.clinical_source where name = 'hba1c-bundle.json'"
                        + " and received_by = 'command:import-clinical' order by id desc limit 1")
                .query(Long.class)
                .single();
        assertThat(numerator(runId, member))
                .as("HbA1c 7.2 %%: recomputed in the latest run, no new run")
                .isFalse();
        assertThat(gaps.openGaps(member, "test")).extracting(CareGap::measureId).doesNotContain("CMS122");

        assertThat(withdrawClinical.run(words(Long.toString(source)))).isZero();
        assertThat(numerator(runId, member))
                .as("the source withdrawn: poor control again")
                .isTrue();
        assertThat(gaps.openGaps(member, "test")).extracting(CareGap::measureId).contains("CMS122");
        assertThat(withdrawClinical.run(words(Long.toString(source))))
                .as("withdrawn before: nothing done")
                .isEqualTo(4);
    }

    private static CommandArgs words(String... words) {
        return CommandArgs.parse(List.of(words), Set.of(), Set.of());
    }

    @Test
    void aFileForSeveralMembersRecomputesEachOnceAfterTheFile() throws IOException {
        PublishedMeasureContent.folder();
        var first = diabeticMember();
        var second = diabeticMember();
        long runId = runs.run("CMS122", START, END, "test").runId();
        assertThat(numerator(runId, first)).isTrue();
        assertThat(numerator(runId, second)).isTrue();
        long latestRuns = jdbc.sql(
                        "select count(distinct measure_id) from quality.measure_run" + " where finished_at is not null")
                .query(Long.class)
                .single();

        var report = supplemental.importLabs(
                new StringReader(String.join(
                        "\n",
                        "member_id,cin,loinc,value,unit,collected_on,performing_org",
                        first + ",,4548-4,7.2,%,2026-05-02,Quest Diagnostics",
                        second + ",,4548-4,6.1,%,2026-05-03,Quest Diagnostics",
                        first + ",,4548-4,7.0,%,2026-09-01,Quest Diagnostics",
                        "")),
                "two-members.csv",
                "Quest Diagnostics");
        assertThat(report.stored()).isEqualTo(3);
        assertThat(report.members()).isEqualTo(2);
        assertThat(numerator(runId, first)).as("closed at the batch recompute").isFalse();
        assertThat(numerator(runId, second)).isFalse();
        assertThat(recompute.recompute(List.of(first, second, first, "NO-SUCH-MEMBER")))
                .as("each known member once, in each measure's latest run")
                .isEqualTo(2 * (int) latestRuns);
        assertThat(jdbc.sql("select count(*) from quality.measure_result where run_id = ? and member_id in (?, ?)")
                        .params(runId, first, second)
                        .query(Long.class)
                        .single())
                .as("one row each, replaced in place")
                .isEqualTo(2);
    }

    @Test
    void immunizationExtractsAndRefusedFiles() throws IOException {
        var member = coverage.findMember(someMember(), "test").orElseThrow().memberId();
        var report = supplemental.importImmunizations(fixture("immunizations.csv", member), "cair2.csv", "CAIR2");
        assertThat(report.stored()).isEqualTo(1);
        assertThat(english(report.rejects()))
                .containsExactly(
                        "line 3: cvx: not a CVX vaccine code (1 to 3 digits): 'ABC'",
                        "line 4: given_on: a date in the future");
        assertThat(jdbc.sql("select resource_json from quality.clinical_resource where source_id = ?")
                        .param(report.sourceId())
                        .query(String.class)
                        .single())
                .contains("\"system\":\"http://hl7.org/fhir/sid/cvx\",\"code\":\"20\"")
                .contains("AB123")
                .contains("\"reference\":\"Patient/" + member + "\"");

        long sources = jdbc.sql("select count(*) from quality.clinical_source")
                .query(Long.class)
                .single();
        var wrong = supplemental.importLabs(new StringReader("member,loinc,value\nX,4548-4,7\n"), "wrong.csv", "x");
        assertThat(wrong.refusal().text(messages, Locale.ENGLISH))
                .startsWith("line 1: the header must be member_id,cin,loinc,value,unit");
        var open = supplemental.importLabs(
                new StringReader("member_id,cin,loinc,value,unit,collected_on,performing_org\n\"unclosed,,4548-4\n"),
                "open.csv",
                "x");
        assertThat(open.refusal().text(messages, Locale.ENGLISH))
                .contains("line 2")
                .contains("not valid CSV");
        assertThat(jdbc.sql("select count(*) from quality.clinical_source")
                        .query(Long.class)
                        .single())
                .as("nothing stored for a refused file")
                .isEqualTo(sources);
    }

    private StringReader fixture(String name, String member) throws IOException {
        return new StringReader(new String(
                        getClass()
                                .getResourceAsStream("/quality/supplemental/" + name)
                                .readAllBytes(),
                        StandardCharsets.UTF_8)
                .replace("{MEMBER}", member));
    }

    private String someMember() {
        var found = new ArrayList<String>();
        coverage.forEachActiveMember(LocalDate.now(), "test", m -> {
            if (found.isEmpty() && !m.memberId().startsWith("DEMO-")) found.add(m.memberId());
        });
        return found.get(0);
    }

    /** A member aged 30–60 with no data yet, with a diabetes office visit in April of the period. */
    private String diabeticMember() throws IOException {
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
                    && !m.memberId().startsWith("DEMO-")) {
                found.add(m.memberId());
            }
        });
        var member = found.get(0);
        var file =
                org.commonweal.quality.claims.OfficeVisitClaims.write(dir, member, "E119", LocalDate.of(2026, 4, 15));
        assertThat(claims.importFile(file, "test").accepted()).isEqualTo(1);
        return member;
    }

    private boolean numerator(long runId, String memberId) {
        return jdbc.sql("select numerator from quality.measure_result where run_id = ? and member_id = ?")
                .params(runId, memberId)
                .query(Boolean.class)
                .single();
    }
}
