package org.commonweal.quality.clinical;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.UUID;
import org.commonweal.IntegrationTest;
import org.commonweal.coverage.Coverage;
import org.commonweal.quality.claims.ClaimImport;
import org.commonweal.quality.measure.PublishedMeasureContent;
import org.commonweal.quality.results.MeasureRuns;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A lab result sent as FHIR closes a gap the claims left open: with a diabetes visit and no HbA1c, CMS122 (glycemic
 * status > 9 %, an inverse measure) counts the member in its numerator; an HbA1c of 7.2 % takes them out.
 */
@IntegrationTest
class ClinicalImportIntegrationTests {

    private static final LocalDate START = LocalDate.of(2026, 1, 1);
    private static final LocalDate END = LocalDate.of(2026, 12, 31);

    @Autowired
    ClinicalImport clinical;

    @Autowired
    ClaimImport claims;

    @Autowired
    MeasureRuns runs;

    @Autowired
    Coverage coverage;

    @Autowired
    JdbcClient jdbc;

    @TempDir
    Path dir;

    @Test
    void anHba1cResultMatchedToTheMemberTakesThemOutOfThePoorControlNumerator() throws IOException {
        PublishedMeasureContent.folder();
        // a member with no clinical data yet: earlier runs of this test left an HbA1c for the one they took
        var withData = jdbc.sql("select distinct member_id from quality.clinical_resource")
                .query(String.class)
                .set();
        var found = new ArrayList<String>();
        coverage.forEachActiveMember(LocalDate.now(), "test", m -> {
            if (found.size() < 1
                    && m.birthDate() != null
                    && Period.between(m.birthDate(), END).getYears() >= 30
                    && Period.between(m.birthDate(), END).getYears() <= 40
                    && !withData.contains(m.memberId())) {
                found.add(m.memberId());
            }
        });
        var member = found.get(0);
        var run = UUID.randomUUID().toString().substring(0, 8);
        var claim = """
                ISA*00*          *00*          *ZZ*CLINIC0004     *ZZ*COMMONWEAL     *261205*1000*^*00501*000000501*0*T*:~
                GS*HC*CLINIC0004*COMMONWEAL*20261205*1000*501*X*005010X222A1~
                ST*837*0501*005010X222A1~
                BHT*0019*00*500001*20261205*1000*CH~
                HL*1**20*1~
                NM1*85*2*DIABETES CLINIC*****XX*1234567893~
                HL*2*1*22*0~
                NM1*IL*1*MEMBER*DIABETIC****MI*%s~
                CLM*%sDM-1*90***11:B:1*Y*A*Y*I~
                HI*ABK:E119~
                LX*1~
                SV1*HC:99214*90*UN*1***1~
                DTP*472*D8*20260415~
                SE*12*0501~
                GE*1*501~
                IEA*1*000000501~
                """.formatted(member, run);
        var file = dir.resolve("837p-diabetes.x12");
        Files.writeString(file, claim);
        assertThat(claims.importFile(file, "test").accepted()).isEqualTo(1);
        assertThat(numerator(runs.run("CMS122", START, END, "test").runId(), member))
                .as("no HbA1c on record: counted as poor control")
                .isTrue();

        var bundle = new String(
                        getClass()
                                .getResourceAsStream("/quality/clinical/hba1c-bundle.json")
                                .readAllBytes(),
                        StandardCharsets.UTF_8)
                .replace("{MEMBER}", member)
                .replace("{RUN}", run);
        var report = clinical.importBundle(
                new ByteArrayInputStream(bundle.getBytes(StandardCharsets.UTF_8)), "hba1c-bundle.json", "test");
        assertThat(report.refusal()).isNull();
        assertThat(report.stored()).isEqualTo(1);
        assertThat(report.patientsMatched()).isEqualTo(1);
        assertThat(report.rejects()).singleElement().asString().contains("Practitioner");
        assertThat(jdbc.sql("select resource_json from quality.clinical_resource where resource_id = ?")
                        .param("hba1c-" + run)
                        .query(String.class)
                        .single())
                .contains("Patient/" + member);

        assertThat(numerator(runs.run("CMS122", START, END, "test").runId(), member))
                .as("HbA1c 7.2 %%: not in poor control")
                .isFalse();
    }

    @Test
    void unmatchedPatientsAndUnreadableLinesAreRejectedWithTheirLine() throws IOException {
        var report = clinical.importNdjson(
                getClass().getResourceAsStream("/quality/clinical/unknown-patient.ndjson"),
                "unknown-patient.ndjson",
                "test");

        assertThat(report.stored()).isZero();
        assertThat(report.rejects()).hasSize(3);
        assertThat(report.rejects().get(0)).startsWith("line 3: not a FHIR R4 resource");
        assertThat(report.rejects().get(1)).startsWith("1 (Patient/stranger)").contains("NOT-A-MEMBER-77");
        assertThat(report.rejects().get(2)).startsWith("2 (Immunization/imm-1)");
    }

    private boolean numerator(long runId, String memberId) {
        return jdbc.sql("select numerator from quality.measure_result where run_id = ? and member_id = ?")
                .params(runId, memberId)
                .query(Boolean.class)
                .single();
    }
}
