package org.commonweal.quality.clinical;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import org.commonweal.coverage.Coverage;
import org.commonweal.quality.claims.ClaimImport;
import org.commonweal.quality.claims.OfficeVisitClaims;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The fixture of the tests where a lab result closes CMS122's gap: a member of an age band with no clinical data yet
 * (earlier runs of the tests leave an HbA1c for the one they took), a diabetes office visit claimed for them (E11.9,
 * 99214 on 2026-04-15), and the HbA1c Bundle ({@code hba1c-bundle.json}: their Patient, an HbA1c of 7.2 %, a
 * Practitioner the import does not take).
 */
public final class DiabetesVisits {

    public static final LocalDate START = LocalDate.of(2026, 1, 1);
    public static final LocalDate END = LocalDate.of(2026, 12, 31);

    private DiabetesVisits() {}

    /** An active member aged {@code from} to {@code to} at the period's end with no clinical data. */
    public static String memberWithoutClinicalData(Coverage coverage, JdbcClient jdbc, int from, int to) {
        var withData = jdbc.sql("select distinct member_id from quality.clinical_resource")
                .query(String.class)
                .set();
        var found = new ArrayList<String>();
        coverage.forEachActiveMember(LocalDate.now(), "test", m -> {
            if (found.isEmpty()
                    && m.birthDate() != null
                    && Period.between(m.birthDate(), END).getYears() >= from
                    && Period.between(m.birthDate(), END).getYears() <= to
                    && !withData.contains(m.memberId())) {
                found.add(m.memberId());
            }
        });
        return found.getFirst();
    }

    /** Claims a diabetes office visit (E11.9, 99214 on 2026-04-15) for the member. */
    public static void claim(ClaimImport claims, Path dir, String member) throws IOException {
        var file = OfficeVisitClaims.write(dir, member, "E119", LocalDate.of(2026, 4, 15));
        assertThat(claims.importFile(file, "test").accepted()).isEqualTo(1);
    }

    /** The HbA1c Bundle (a transaction) for the member, its Observation's id made unique by {@code run}. */
    public static String hba1cBundle(String member, String run) throws IOException {
        try (var in = DiabetesVisits.class.getResourceAsStream("/quality/clinical/hba1c-bundle.json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .replace("{MEMBER}", member)
                    .replace("{RUN}", run);
        }
    }

    /** Whether the member is in the run's numerator. */
    public static boolean numerator(JdbcClient jdbc, long runId, String memberId) {
        return jdbc.sql("select numerator from quality.measure_result where run_id = ? and member_id = ?")
                .params(runId, memberId)
                .query(Boolean.class)
                .single();
    }

    /** The latest finished CMS122 run (the one a recompute updates). */
    public static long latestCms122Run(JdbcClient jdbc) {
        return jdbc.sql(
                        "select max(id) from quality.measure_run where measure_id = 'CMS122' and finished_at is not null")
                .query(Long.class)
                .single();
    }
}
