package org.commonweal.engagement.committee;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.commonweal.engagement.committee.CompositionCheck.Issue;
import org.commonweal.engagement.committee.CompositionCheck.RegionalChair;
import org.commonweal.engagement.committee.CompositionCheck.Seated;
import org.junit.jupiter.api.Test;

class CompositionCheckTests {

    static final CompositionRule RCAC = new CompositionRule(35, true, 0, false);
    static final CompositionRule ECAC = new CompositionRule(35, true, 2, true);

    static List<Seated> roster(int consumers, int others) {
        List<Seated> roster = new ArrayList<>();
        for (int i = 0; i < consumers; i++) {
            roster.add(new Seated(UUID.randomUUID(), i == 0 ? Seat.CHAIR : Seat.MEMBER, i % 2 == 0, i % 2 == 1, null));
        }
        for (int i = 0; i < others; i++) {
            roster.add(new Seated(UUID.randomUUID(), Seat.MEMBER, false, false, null));
        }
        return roster;
    }

    static List<String> codes(List<Issue> issues) {
        return issues.stream().map(Issue::code).toList();
    }

    @Test
    void acceptsAFullCommitteeWithAConsumerMajority() {
        assertThat(CompositionCheck.check(RCAC, roster(18, 17), List.of())).isEmpty();
    }

    @Test
    void warnsOnTheThirtySixthMember() {
        assertThat(codes(CompositionCheck.check(RCAC, roster(20, 16), List.of())))
                .containsExactly("too-many");
    }

    @Test
    void halfConsumersIsNotAMajority() {
        assertThat(codes(CompositionCheck.check(RCAC, roster(10, 10), List.of())))
                .containsExactly("no-consumer-majority");
        assertThat(CompositionCheck.check(RCAC, roster(11, 10), List.of())).isEmpty();
    }

    @Test
    void ecacNeedsEveryRegionalChairAndTwoAtLargeMembers() {
        List<RegionalChair> chairs = new ArrayList<>();
        List<Seated> ecac = new ArrayList<>();
        for (int i = 1; i <= 11; i++) {
            UUID person = UUID.randomUUID();
            chairs.add(new RegionalChair("RCAC-" + i, person));
            ecac.add(new Seated(person, i == 1 ? Seat.CHAIR : Seat.MEMBER, true, false, "RCAC-" + i));
        }
        ecac.add(new Seated(UUID.randomUUID(), Seat.AT_LARGE, true, false, null));
        ecac.add(new Seated(UUID.randomUUID(), Seat.AT_LARGE, false, true, null));
        assertThat(CompositionCheck.check(ECAC, ecac, chairs)).isEmpty();

        List<Seated> missingOne = new ArrayList<>(ecac.subList(1, ecac.size() - 1));
        assertThat(codes(CompositionCheck.check(ECAC, missingOne, chairs)))
                .containsExactlyInAnyOrder("chair-missing", "at-large-count");
    }

    @Test
    void ecacFlagsASeatHeldBySomeoneWhoIsNoLongerAChair() {
        UUID chair = UUID.randomUUID();
        List<Seated> ecac = List.of(
                new Seated(UUID.randomUUID(), Seat.MEMBER, true, false, "RCAC-4"),
                new Seated(UUID.randomUUID(), Seat.AT_LARGE, true, false, null),
                new Seated(UUID.randomUUID(), Seat.AT_LARGE, true, false, null));
        var issues = CompositionCheck.check(ECAC, ecac, List.of(new RegionalChair("RCAC-4", chair)));
        assertThat(codes(issues)).containsExactlyInAnyOrder("chair-missing", "not-a-chair");
    }
}
