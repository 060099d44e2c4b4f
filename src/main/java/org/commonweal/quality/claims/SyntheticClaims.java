package org.commonweal.quality.claims;

import java.io.IOException;
import java.io.Writer;
import java.time.LocalDate;
import java.time.Period;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Writes a synthetic 837P for a Medi-Cal population: claims spread over the members by how often people of their
 * age and sex see a doctor (children about 3 visits a year, adults 18–44 about 2.5 for men and 4 for women, 45–64
 * about 6, 65 and over about 9), each an office or preventive visit with the diagnoses and the screenings their age
 * and sex call for (mammography, cervical cytology, colonoscopy or FIT, HbA1c for people with diabetes, childhood
 * vaccines). Rates are rough figures for a Medicaid population, for load and demos, not for research.
 *
 * <p>Women 16–24 (at the year's end) also get the claims that identify sexual activity for CMS153 ({@link
 * SexualHealth}): {@value SexualHealth#SEXUALLY_ACTIVE} of them one visit with a contraceptive, pregnancy or
 * sexually-transmitted-infection diagnosis or procedure, and {@value SexualHealth#TESTED} of those a chlamydia test
 * (CPT 87491 on the claim, its result in a lab CSV).
 */
final class SyntheticClaims {

    /** A member as the generator needs them. */
    record Member(String memberId, LocalDate birthDate, String sex) {}

    private static final DateTimeFormatter D8 = DateTimeFormatter.BASIC_ISO_DATE;
    private static final int CLAIMS_PER_SET = 5000;

    private final Random random;
    private final long seed;
    private final int year;
    /** The last day a generated date may fall on: the period's end, or today when the period has not ended. */
    private final LocalDate lastDay;

    private final List<String> npis = new ArrayList<>();

    /** Claims of {@code year} up to today (or the year's end, whichever is earlier). */
    SyntheticClaims(long seed, int year) {
        this(seed, year, LocalDate.now());
    }

    /** Claims of {@code year} dated no later than {@code today} nor the year's end. */
    SyntheticClaims(long seed, int year, LocalDate today) {
        this.random = new Random(seed);
        this.seed = seed;
        this.year = year;
        var end = LocalDate.of(year, 12, 31);
        this.lastDay = today.isBefore(end) ? today : end;
        if (lastDay.getYear() < year) throw new IllegalArgumentException("the year " + year + " has not begun");
        while (npis.size() < 200) {
            var candidate = String.valueOf(1_000_000_000L + random.nextInt(900_000_000));
            for (int check = 0; check <= 9; check++) {
                var npi = candidate.substring(0, 9) + check;
                if (Npi.valid(npi)) {
                    npis.add(npi);
                    break;
                }
            }
        }
    }

    static double visitsPerYear(Member m, LocalDate asOf) {
        int age =
                m.birthDate() == null ? 40 : Period.between(m.birthDate(), asOf).getYears();
        boolean female = "F".equals(m.sex());
        if (age < 18) return 3.0;
        if (age < 45) return female ? 4.0 : 2.5;
        if (age < 65) return 6.0;
        return 9.0;
    }

    /**
     * Which claims to write: office visits, CMS153's sexual-health visits, the members' screenings, chronic care and
     * childhood vaccines ({@link SyntheticCare}), or all three.
     */
    enum Kind {
        VISITS,
        SEXUAL_HEALTH,
        CARE,
        ALL
    }

    /** The last day a date of this generator may fall on. */
    LocalDate lastDay() {
        return lastDay;
    }

    /**
     * Writes exactly {@code claims} office visits over {@code members} (no sexual-health claims: a file of a known
     * number of claims, as the crash drill and the import benchmark need); returns the lines written.
     */
    long write(List<Member> members, int claims, Writer out) throws IOException {
        return write(members, claims, Kind.VISITS, out, SyntheticCare.Sinks.NONE);
    }

    /**
     * Writes {@code claims} office visits over {@code members} (unless {@code kind} is {@link Kind#SEXUAL_HEALTH}),
     * then, unless it is {@link Kind#VISITS}, the sexual-health claims of the women 16–24 among them, with their
     * chlamydia results in the lab CSV layout to {@code labs} when given; returns the service lines written.
     */
    long write(List<Member> members, int claims, Kind kind, Writer out, Writer labs) throws IOException {
        return write(members, claims, kind, out, new SyntheticCare.Sinks(labs, null, null));
    }

    /**
     * Writes the claims of {@code kind} as {@link #write(List, int, Kind, Writer, Writer)} does and, for {@link
     * Kind#CARE} and {@link Kind#ALL}, each member's care ({@link SyntheticCare}): its claims to {@code out}, its lab
     * results, immunizations and FHIR Observations to the {@code sinks} given; returns the service lines written.
     */
    long write(List<Member> members, int claims, Kind kind, Writer out, SyntheticCare.Sinks sinks) throws IOException {
        var labs = sinks.labs();
        var asOf = LocalDate.of(year, 12, 31);
        var cumulative = new double[members.size()];
        double sum = 0;
        for (int i = 0; i < members.size(); i++) {
            sum += visitsPerYear(members.get(i), asOf);
            cumulative[i] = sum;
        }
        var x12 = new SegmentWriter(out, lastDay);
        x12.segment(
                "ISA",
                "00",
                "          ",
                "00",
                "          ",
                "ZZ",
                pad("SYNTHETIC"),
                "ZZ",
                pad("COMMONWEAL"),
                lastDay.format(DateTimeFormatter.ofPattern("yyMMdd")),
                "1200",
                "^",
                "00501",
                "000000001",
                "0",
                "T",
                ":");
        x12.segment("GS", "HC", "SYNTHETIC", "COMMONWEAL", lastDay.format(D8), "1200", "1", "X", "005010X222A1");
        long lines = 0;
        int sets = 0;
        boolean visits = kind == Kind.VISITS || kind == Kind.ALL;
        boolean sexual = kind == Kind.SEXUAL_HEALTH || kind == Kind.ALL;
        boolean care = kind == Kind.CARE || kind == Kind.ALL;
        for (int written = 0; visits && written < claims; ) {
            int inSet = Math.min(CLAIMS_PER_SET, claims - written);
            sets++;
            x12.startSet(sets);
            for (int c = 0; c < inSet; c++) {
                double pick = random.nextDouble() * sum;
                int index = java.util.Arrays.binarySearch(cumulative, pick);
                var member = members.get(index < 0 ? Math.min(-index - 1, members.size() - 1) : index);
                lines += claim(x12, member, written + c + 1, asOf);
            }
            x12.endSet(sets);
            written += inSet;
        }
        if (labs != null && (sexual || care)) labs.write(SexualHealth.LAB_HEADER);
        if (sexual) {
            var sexualHealth = new SexualHealth(random, asOf);
            int inSet = 0;
            int number = 0;
            for (var member : members) {
                var visit = sexualHealth.visit(member);
                if (visit == null) continue;
                if (inSet == 0) x12.startSet(++sets);
                var day = day();
                var npi = npis.get(random.nextInt(npis.size()));
                // SYC: their own claim numbers, so a file of them loads beside the visits' (SYN) of the same NPIs
                x12.claim(random, member, "SYC" + ++number, npi, day, visit.codes(), visit.diagnoses());
                lines += visit.codes().size();
                if (labs != null && visit.tested()) labs.write(sexualHealth.result(member, day));
                if (++inSet == CLAIMS_PER_SET) {
                    x12.endSet(sets);
                    inSet = 0;
                }
            }
            if (inSet > 0) x12.endSet(sets);
        }
        if (care) {
            var immunizations = sinks.immunizations();
            if (immunizations != null) immunizations.write(SyntheticCare.IMMUNIZATION_HEADER);
            var generator = new SyntheticCare(random, seed, year, lastDay);
            int inSet = 0;
            int number = 0;
            for (var member : members) {
                for (var visit : generator.care(member, sinks).visits()) {
                    if (inSet == 0) x12.startSet(++sets);
                    var npi = npis.get(random.nextInt(npis.size()));
                    // SYK: the care claims' own numbers, beside the visits' (SYN) and sexual-health claims' (SYC)
                    x12.claim(random, member, "SYK" + ++number, npi, visit.day(), visit.codes(), visit.diagnoses());
                    lines += visit.codes().size();
                    if (++inSet == CLAIMS_PER_SET) {
                        x12.endSet(sets);
                        inSet = 0;
                    }
                }
            }
            if (inSet > 0) x12.endSet(sets);
            if (immunizations != null) immunizations.flush();
            if (sinks.fhir() != null) sinks.fhir().flush();
        }
        if (labs != null) labs.flush();
        x12.segment("GE", String.valueOf(sets), "1");
        x12.segment("IEA", "1", "000000001");
        out.flush();
        return lines;
    }

    private int claim(SegmentWriter x12, Member member, int number, LocalDate asOf) throws IOException {
        int age = member.birthDate() == null
                ? 40
                : Period.between(member.birthDate(), asOf).getYears();
        boolean female = "F".equals(member.sex());
        var day = day();
        var npi = npis.get(random.nextInt(npis.size()));
        var codes = new ArrayList<String>();
        var diagnoses = new ArrayList<String>();
        boolean preventive = random.nextDouble() < 0.3;
        codes.add(preventive ? preventiveVisit(age) : "9921" + (2 + random.nextInt(3)));
        diagnoses.add(preventive ? (age < 18 ? "Z00129" : "Z0000") : common(age));
        // the member's own chronic conditions (the same in their care, SyntheticCare), on their problem visits
        var conditions = SyntheticCare.conditions(seed, member, asOf);
        if (conditions.hypertension() && !preventive && !diagnoses.contains("I10")) diagnoses.add("I10");
        if (conditions.diabetes()) {
            diagnoses.add("E119");
            if (random.nextDouble() < 0.5) codes.add("83036");
        }
        if (female && age >= 50 && age <= 74 && random.nextDouble() < 0.12) codes.add("77067");
        if (female && age >= 21 && age <= 64 && random.nextDouble() < 0.08) codes.add("88142");
        // a FIT kit billed (its result, if any, comes from the lab); colonoscopies are the member's care
        // (SyntheticCare)
        if (age >= 45 && age <= 75 && random.nextDouble() < 0.02) codes.add("82274");
        if (age < 3 && random.nextDouble() < 0.5) {
            codes.add("90700");
            diagnoses.add("Z23");
        }
        x12.claim(random, member, "SYN" + number, npi, day, codes, diagnoses);
        return codes.size();
    }

    /** A day of the year up to {@link #lastDay}. */
    private LocalDate day() {
        var first = LocalDate.of(year, 1, 1);
        return first.plusDays(random.nextInt((int) java.time.temporal.ChronoUnit.DAYS.between(first, lastDay) + 1));
    }

    private static String preventiveVisit(int age) {
        if (age < 1) return "99391";
        if (age < 5) return "99392";
        if (age < 12) return "99393";
        if (age < 18) return "99394";
        if (age < 40) return "99395";
        if (age < 65) return "99396";
        return "99397";
    }

    private String common(int age) {
        // hypertension is the member's (SyntheticCare.conditions), not a visit's chance
        var adult = new String[] {"J069", "M545", "E785", "F329", "K219", "R51"};
        var child = new String[] {"J069", "H6690", "J029", "L209"};
        var list = age < 18 ? child : adult;
        return list[random.nextInt(list.length)];
    }

    private static String pad(String id) {
        return String.format("%-15s", id);
    }

    /** Writes segments with {@code *} and {@code ~}, counting each set's segments for its SE. */
    static final class SegmentWriter {

        private final Writer out;
        private int inSet;
        private final LocalDate created;
        private int hl;

        SegmentWriter(Writer out, LocalDate created) {
            this.out = out;
            this.created = created;
        }

        int nextHl() {
            return ++hl;
        }

        /** One claim: billing provider, subscriber, CLM with random charges, diagnoses, one line per code. */
        void claim(
                Random random,
                Member member,
                String number,
                String npi,
                LocalDate day,
                List<String> codes,
                List<String> diagnoses)
                throws IOException {
            segment("HL", String.valueOf(nextHl()), "", "20", "1");
            segment("NM1", "85", "2", "SYNTHETIC CLINIC " + npi.substring(6), "", "", "", "", "XX", npi);
            int parent = hl;
            segment("HL", String.valueOf(nextHl()), String.valueOf(parent), "22", "0");
            segment("SBR", "P", "18", "", "", "", "", "", "", "MC");
            segment("NM1", "IL", "1", "MEMBER", "SYNTHETIC", "", "", "", "MI", member.memberId());
            double charge = 0;
            var charges = new ArrayList<Integer>();
            for (int i = 0; i < codes.size(); i++) {
                int c = 40 + random.nextInt(160);
                charges.add(c);
                charge += c;
            }
            segment("CLM", number, String.valueOf((int) charge), "", "", "11:B:1", "Y", "A", "Y", "I");
            var hi = new ArrayList<String>();
            for (int i = 0; i < diagnoses.size(); i++) hi.add((i == 0 ? "ABK:" : "ABF:") + diagnoses.get(i));
            segment("HI", hi.toArray(String[]::new));
            for (int i = 0; i < codes.size(); i++) {
                segment("LX", String.valueOf(i + 1));
                segment("SV1", "HC:" + codes.get(i), String.valueOf(charges.get(i)), "UN", "1", "", "", "1");
                segment("DTP", "472", "D8", day.format(D8));
            }
        }

        void startSet(int number) throws IOException {
            inSet = 0;
            hl = 0;
            segment("ST", "837", String.format("%04d", number), "005010X222A1");
            segment("BHT", "0019", "00", "SYN" + number, created.format(D8), "1200", "CH");
            segment("NM1", "41", "2", "SYNTHETIC SUBMITTER", "", "", "", "", "46", "SYNTHETIC");
            segment("NM1", "40", "2", "COMMONWEAL HEALTH PLAN", "", "", "", "", "46", "COMMONWEAL");
        }

        void endSet(int number) throws IOException {
            segment("SE", String.valueOf(inSet + 1), String.format("%04d", number));
        }

        void segment(String tag, String... elements) throws IOException {
            out.write(tag);
            int last = elements.length;
            while (last > 0 && elements[last - 1].isEmpty()) last--;
            for (int i = 0; i < last; i++) {
                out.write('*');
                out.write(elements[i]);
            }
            out.write("~\n");
            inSet++;
        }
    }
}
