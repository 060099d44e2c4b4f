package org.commonweal.quality.claims;

import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The synthetic claims that put women 16–24 in CMS153 (Chlamydia Screening in Women): claims carry no orders or
 * medication requests, so what the measure's CQL can see of sexual activity on a claim is a diagnosis of its
 * "Diagnoses Used to Indicate Sexual Activity" or "Complications of Pregnancy, Childbirth and the Puerperium" value
 * sets, or a procedure of "Procedures Used to Indicate Sexual Activity", on a visit of its qualifying encounter sets.
 * Its numerator needs a laboratory result (an Observation with a value), which only a lab extract carries: the tested
 * women's chlamydia results come out in the lab CSV layout of {@code import-supplemental labs}.
 *
 * <p>Rates: {@value #SEXUALLY_ACTIVE} of women 16–24 identified as sexually active by their claims (Tao and Patel,
 * Sexually Transmitted Diseases 43(10), 2016: 57.1–59.8 % of Medicaid women 15–25 with a claim, 2010 MAX data), and
 * {@value #TESTED} of those tested for chlamydia in the year (HEDIS CHL for Medicaid plans: 54.6 % in 2014, CDC; the
 * Healthy People 2030 STI-01 baseline 54.9 % in 2018). The reasons' mix and the share of positive results
 * ({@value #POSITIVE}) are illustrative.
 */
final class SexualHealth {

    static final double SEXUALLY_ACTIVE = 0.57;
    static final double TESTED = 0.55;
    static final double POSITIVE = 0.07;

    static final String LAB_HEADER = "member_id,cin,loinc,value,unit,collected_on,performing_org\n";
    /** Chlamydia trachomatis rRNA [Presence] in Specimen by NAA with probe detection (in "Chlamydia Screening"). */
    static final String CHLAMYDIA_LOINC = "43304-5";
    /** Infectious agent detection by nucleic acid, Chlamydia trachomatis, amplified probe technique. */
    static final String CHLAMYDIA_CPT = "87491";

    /** Why the visit was made: its lines' CPT codes and its diagnoses (the first the principal). */
    private record Reason(double share, List<String> codes, List<String> diagnoses) {}

    /**
     * Contraceptive surveillance on the pill (Z79.3 in the sexual-activity diagnoses; Z30.41 in no value set), an IUD
     * inserted (58300 in the procedures set), prenatal care (Z34.90 in the pregnancy set), a delivery (59400 and Z37.0),
     * a pelvic or genital infection (N71.9, A63.0), a visit for sexually transmitted infection screening with
     * high-risk behaviour noted (Z11.3 in no set, Z72.51 in the diagnoses set).
     */
    private static final List<Reason> REASONS = List.of(
            new Reason(0.35, List.of(), List.of("Z3041", "Z793")),
            new Reason(0.10, List.of("58300"), List.of("Z30430")),
            new Reason(0.20, List.of(), List.of("Z3490")),
            new Reason(0.05, List.of("59400"), List.of("O800", "Z370")),
            new Reason(0.10, List.of(), List.of("N719")),
            new Reason(0.05, List.of(), List.of("A630")),
            new Reason(0.15, List.of(), List.of("Z113", "Z7251")));

    /** One woman's sexual-health visit: its lines' codes and diagnoses, and whether she was tested. */
    record Visit(List<String> codes, List<String> diagnoses, boolean tested) {}

    private final Random random;
    private final LocalDate asOf;

    SexualHealth(Random random, LocalDate asOf) {
        this.random = random;
        this.asOf = asOf;
    }

    /** The member's visit, or null: not a woman 16–24 at the year's end, or not identified as sexually active. */
    Visit visit(SyntheticClaims.Member member) {
        if (!"F".equals(member.sex()) || member.birthDate() == null) return null;
        int age = Period.between(member.birthDate(), asOf).getYears();
        if (age < 16 || age > 24 || random.nextDouble() >= SEXUALLY_ACTIVE) return null;
        var codes = new ArrayList<String>();
        // a problem visit or, for some, the annual preventive visit (both qualifying encounters of CMS153)
        codes.add(random.nextDouble() < 0.3 ? (age < 18 ? "99394" : "99395") : "9921" + (3 + random.nextInt(2)));
        double pick = random.nextDouble();
        var reason = REASONS.getLast();
        for (var r : REASONS) {
            if (pick < r.share()) {
                reason = r;
                break;
            }
            pick -= r.share();
        }
        codes.addAll(reason.codes());
        boolean tested = random.nextDouble() < TESTED;
        if (tested) codes.add(CHLAMYDIA_CPT);
        return new Visit(codes, reason.diagnoses(), tested);
    }

    /** The chlamydia result of a tested woman as a line of the lab CSV layout. */
    String result(SyntheticClaims.Member member, LocalDate day) {
        var value = random.nextDouble() < POSITIVE ? "Detected" : "Not detected";
        return member.memberId() + ",," + CHLAMYDIA_LOINC + "," + value + ",," + day + ",Synthetic Reference Lab\n";
    }
}
