package org.commonweal.coverage.x12;

import java.time.LocalDate;
import java.util.List;
import java.util.Random;
import org.commonweal.demo.DemoPeople;
import org.commonweal.demo.DemoPerson;

/**
 * Member number {@code i} of a synthetic membership, always the same for the same seed: the demo data, generated 834
 * files and benchmarks all describe the same people.
 */
public final class SyntheticMembers {

    private static final String[][] PLANS = {
        {"LA1", "MCLA"}, {"LA2", "MCLA"}, {"LA3", "MCLA"}, {"CC2", "LACC"}, {"MP1", "MCP"}, {"PS1", "PASC"}
    };
    private static final double[] PLAN_WEIGHTS = {58, 22, 8, 5, 3, 4};
    private static final String[] PCP_SURNAMES = {
        "Nguyen",
        "Garcia",
        "Patel",
        "Kim",
        "Hernandez",
        "Cohen",
        "Lopez",
        "Chen",
        "Okafor",
        "Martinez",
        "Avakian",
        "Rahimi",
        "Santos",
        "Park",
        "Williams",
        "Reyes"
    };
    private static final String[] PCP_FIRST = {
        "Ana", "David", "Priya", "Min", "Jorge", "Rachel", "Luis", "Wei", "Chidi", "Elena", "Aram", "Sara", "Jose",
        "Grace", "James", "Rosa"
    };
    private static final String[] CLINICS = {
        "St. John's Community Health",
        "T.H.E. Clinic",
        "AltaMed Medical Group",
        "Northeast Valley Health Corporation",
        "Eisner Health",
        "JWCH Institute",
        "Venice Family Clinic",
        "South Central Family Health Center",
        "Antelope Valley Community Clinic",
        "Harbor Community Clinic"
    };

    private final DemoPeople people;
    private final long seed;
    private final LocalDate today;
    // the group of the member just generated, so raceEthnicity(i) right after member(i) costs nothing (one thread)
    private long lastIndex = -1;
    private String lastGroup;

    public SyntheticMembers(DemoPeople people, long seed, LocalDate today) {
        this.people = people;
        this.seed = seed;
        this.today = today;
    }

    public static String memberId(long i) {
        return String.format("LA%09d", i);
    }

    public static String cin(long i) {
        return String.format("9%07d%c", i % 10_000_000, (char) ('A' + (i / 10_000_000) % 26));
    }

    /**
     * The self-reported race/ethnicity of member {@code i} ({@code hispanic}, {@code white}, {@code asian},
     * {@code black}, {@code other}), or null for the about 35 % who did not report it. 834 files do not carry it.
     */
    public String raceEthnicity(long i) {
        if (i != lastIndex) {
            member(i);
        }
        String group = lastGroup;
        return Math.floorMod(i * 2_654_435_761L, 100) < 65 ? group : null;
    }

    /** The enrolment of member {@code i} as an 834 audit (030) transaction. */
    public MemberTransaction member(long i) {
        return member(i, memberId(i), "030");
    }

    public MemberTransaction member(long i, String memberId, String maintenanceType) {
        Random r = new Random(seed * 1_000_003L + i * 7919L);
        DemoPerson p = people.person(r);
        int plan = DemoPeople.pick(r, PLAN_WEIGHTS);
        String planCode = PLANS[plan][0];
        String line = PLANS[plan][1];
        if (line.equals("MCP") && p.birthDate().isAfter(today.minusYears(65))) {
            p = people.person(r, 65 + r.nextInt(25));
        }
        lastIndex = i;
        lastGroup = p.raceEthnicity();
        LocalDate begin = today.minusMonths(1 + r.nextInt(72)).withDayOfMonth(1);
        LocalDate end = r.nextDouble() < 0.06
                ? today.minusMonths(r.nextInt(6)).withDayOfMonth(1).minusDays(1)
                : null;
        if (end != null && end.isBefore(begin)) {
            end = null;
        }
        int age = today.getYear() - p.birthDate().getYear();
        String aid = switch (line) {
            case "MCLA" ->
                age < 19 ? (r.nextBoolean() ? "P5" : "7X") : age >= 65 ? "10" : r.nextDouble() < 0.7 ? "1H" : "M3";
            case "MCP" -> "81";
            default -> null;
        };
        int pcp = r.nextInt(4000);
        String pcpNpi = String.format("1%09d", 100_000_000 + pcp * 7);
        String pcpName = PCP_FIRST[pcp % PCP_FIRST.length] + " " + PCP_SURNAMES[(pcp / 16) % PCP_SURNAMES.length];
        String pcpLocation = CLINICS[pcp % CLINICS.length];
        var coverage = new MemberTransaction.CoverageLine(
                maintenanceType,
                "HLT",
                planCode,
                "01",
                begin,
                end,
                aid == null ? List.of() : List.of(aid),
                pcpNpi,
                pcpName,
                pcpLocation);
        String phone = String.format("%s%07d", r.nextBoolean() ? "323" : "213", r.nextInt(10_000_000));
        String written = p.language();
        return new MemberTransaction(
                0,
                0,
                null,
                maintenanceType,
                memberId,
                line.equals("MCLA") || line.equals("MCP") ? cin(i) : null,
                line.equals("MCP")
                        ? String.format("%dEG%dTE%dMK%d", 1 + i % 9, i % 10, (i / 10) % 10, (i / 100) % 100)
                        : null,
                null,
                "19",
                String.format("%08d", i),
                p.lastName(),
                p.firstName(),
                null,
                phone,
                null,
                p.street(),
                null,
                p.zip().city(),
                "CA",
                p.zip().zip(),
                p.birthDate(),
                p.sex(),
                p.language(),
                written,
                begin,
                end,
                List.of(coverage));
    }
}
