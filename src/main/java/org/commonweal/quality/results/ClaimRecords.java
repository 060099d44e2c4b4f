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
        var days = days(claim);
        record.claim(days[0], days[1], codes, from, to, claim.diagnoses(), claim.icd10Procedures());
    }

    /**
     * The claim's first and last service days, as {@link ClaimResources#first} and {@link ClaimResources#last} give
     * them, in one loop over the lines (no streams per claim: this runs for every claim of a measure run).
     */
    static LocalDate[] days(ClaimResources.StoredClaim claim) {
        LocalDate first = null, last = null;
        for (var line : claim.lines()) {
            if (line.from() != null && (first == null || line.from().isBefore(first))) first = line.from();
            var end = line.to() != null ? line.to() : line.from();
            if (end != null && (last == null || end.isAfter(last))) last = end;
        }
        if (first == null) first = claim.from();
        if (last == null) last = claim.to() != null ? claim.to() : first;
        return new LocalDate[] {first, last};
    }
}
