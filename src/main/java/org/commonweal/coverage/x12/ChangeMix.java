package org.commonweal.coverage.x12;

import java.time.LocalDate;
import java.util.List;
import java.util.Random;

/**
 * The mix of a daily DHCS change file against a membership of {@code population}: about 55 % changes (001, a new
 * address or PCP), 20 % adds (021, new members), 20 % terminations (024) and 5 % reinstatements (025).
 */
public final class ChangeMix {

    private final SyntheticMembers members;
    private final int population;
    private final LocalDate date;
    private final long seed;

    public ChangeMix(SyntheticMembers members, int population, LocalDate date, long seed) {
        this.members = members;
        this.population = population;
        this.date = date;
        this.seed = seed;
    }

    public MemberTransaction transaction(int n) {
        Random r = new Random(seed * 31 + n * 104_729L + date.toEpochDay());
        double kind = r.nextDouble();
        if (kind < 0.20) {
            long id = population + n;
            return members.member(id, SyntheticMembers.memberId(id), "021");
        }
        long i = 1 + r.nextInt(population);
        MemberTransaction m = members.member(i);
        if (kind < 0.75) {
            var c = m.coverages().get(0);
            var changed = new MemberTransaction.CoverageLine(
                    "001",
                    c.insuranceLine(),
                    c.planCode(),
                    c.planStatus(),
                    c.begin(),
                    c.end(),
                    c.aidCodes(),
                    c.pcpNpi(),
                    c.pcpName(),
                    c.pcpLocation());
            return new MemberTransaction(
                    0,
                    0,
                    null,
                    "001",
                    m.memberId(),
                    m.cin(),
                    m.mbi(),
                    m.medicaidId(),
                    m.countyCode(),
                    m.caseNumber(),
                    m.lastName(),
                    m.firstName(),
                    m.middleName(),
                    m.phone(),
                    m.email(),
                    (100 + r.nextInt(19900)) + " "
                            + m.addressLine1().substring(m.addressLine1().indexOf(' ') + 1),
                    "APT " + (1 + r.nextInt(40)),
                    m.city(),
                    m.state(),
                    m.zip(),
                    m.birthDate(),
                    m.sex(),
                    m.spokenLanguage(),
                    m.writtenLanguage(),
                    m.eligibilityBegin(),
                    null,
                    List.of(changed));
        }
        var c = m.coverages().get(0);
        if (kind < 0.95) {
            LocalDate end = date.withDayOfMonth(1).plusMonths(1).minusDays(1);
            var term = new MemberTransaction.CoverageLine(
                    "024", c.insuranceLine(), c.planCode(), c.planStatus(), null, end, List.of(), null, null, null);
            return new MemberTransaction(
                    0,
                    0,
                    null,
                    "024",
                    m.memberId(),
                    m.cin(),
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    end,
                    List.of(term));
        }
        var back = new MemberTransaction.CoverageLine(
                "025",
                c.insuranceLine(),
                c.planCode(),
                c.planStatus(),
                c.begin(),
                null,
                c.aidCodes(),
                c.pcpNpi(),
                c.pcpName(),
                c.pcpLocation());
        return new MemberTransaction(
                0,
                0,
                null,
                "025",
                m.memberId(),
                m.cin(),
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                c.begin(),
                null,
                List.of(back));
    }
}
