package org.commonweal.quality.results;

import java.time.LocalDate;
import java.util.List;
import org.commonweal.quality.engine.MemberRecord;

/** A member's stored claims into our engine's record, with the same dates and codes {@link ClaimResources} gives FHIR. */
final class ClaimRecords {

    private ClaimRecords() {}

    static void fill(MemberRecord record, List<ClaimResources.StoredClaim> claims) {
        for (var claim : claims) add(record, claim);
    }

    static void add(MemberRecord record, ClaimResources.StoredClaim claim) {
        int n = claim.lines().size();
        var codes = new String[n];
        var from = new LocalDate[n];
        var to = new LocalDate[n];
        for (int i = 0; i < n; i++) {
            var line = claim.lines().get(i);
            codes[i] = line.procedureCode();
            from[i] = line.from();
            to[i] = line.to();
        }
        record.claim(
                ClaimResources.first(claim),
                ClaimResources.last(claim),
                codes,
                from,
                to,
                claim.diagnoses(),
                claim.icd10Procedures());
    }
}
