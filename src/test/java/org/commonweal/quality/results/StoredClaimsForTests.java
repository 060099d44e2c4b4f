package org.commonweal.quality.results;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.commonweal.coverage.MemberSummary;
import org.commonweal.quality.engine.EcqmEngine;
import org.commonweal.quality.engine.FhirRecords;
import org.commonweal.quality.engine.MemberRecord;
import org.hl7.fhir.r4.model.Resource;

/**
 * A member's claims, as a test outside this package has them, read into our engine's record and into FHIR as a
 * measure run reads stored claims ({@link ClaimRecords}, {@link ClaimResources}), with their clinical resources.
 */
public final class StoredClaimsForTests {

    /** One service line: number, dates, CPT/HCPCS code. */
    public record Line(int number, LocalDate from, LocalDate to, String code) {}

    /** One current claim: number, form (P or I), dates, ICD-10-CM diagnoses (no dot), ICD-10-PCS codes, lines. */
    public record Claim(
            String number,
            char form,
            LocalDate from,
            LocalDate to,
            List<String> diagnoses,
            List<String> icd10Procedures,
            List<Line> lines) {}

    private StoredClaimsForTests() {}

    public static MemberSummary member(String memberId, LocalDate birthDate, String sex) {
        return new MemberSummary(memberId, null, null, null, null, birthDate, sex, null, null, null, null, null, null);
    }

    /** Our engine's record of the member, as {@code OwnEngineRuns} fills it. */
    public static MemberRecord record(
            EcqmEngine engine, MemberSummary member, List<Claim> claims, List<? extends Resource> clinical) {
        var record = engine.record(member.memberId(), member.birthDate(), member.sex(), !clinical.isEmpty());
        ClaimRecords.fill(record, stored(claims));
        FhirRecords.add(record, clinical);
        return record;
    }

    /** The member's FHIR record, as the CQL engine's runs read it. */
    public static List<Resource> fhir(MemberSummary member, List<Claim> claims, List<? extends Resource> clinical) {
        var all = new ArrayList<Resource>(ClaimResources.of(member, stored(claims)));
        all.addAll(clinical);
        return all;
    }

    private static List<ClaimResources.StoredClaim> stored(List<Claim> claims) {
        return claims.stream()
                .map(c -> new ClaimResources.StoredClaim(
                        c.number(),
                        c.form(),
                        c.from(),
                        c.to(),
                        c.diagnoses(),
                        c.icd10Procedures(),
                        c.lines().stream()
                                .map(l -> new ClaimResources.StoredLine(l.number(), l.from(), l.to(), l.code()))
                                .toList()))
                .toList();
    }
}
