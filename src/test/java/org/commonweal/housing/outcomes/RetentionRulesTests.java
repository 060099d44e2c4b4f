package org.commonweal.housing.outcomes;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import org.commonweal.housing.outcomes.RetentionRules.Retention;
import org.commonweal.housing.outcomes.RetentionRules.Stay;
import org.junit.jupiter.api.Test;

class RetentionRulesTests {

    static final LocalDate MOVE_IN = LocalDate.of(2024, 3, 15);
    static final LocalDate AS_OF = LocalDate.of(2026, 1, 1);

    @Test
    void stillHousedAtTheCheckpointIsRetained() {
        assertThat(RetentionRules.atMonths(MOVE_IN, null, null, 12, AS_OF)).isEqualTo(Retention.RETAINED);
        assertThat(RetentionRules.atMonths(MOVE_IN, LocalDate.of(2025, 3, 15), 116, 12, AS_OF))
                .as("leaving on the checkpoint day still counts as housed for the whole period")
                .isEqualTo(Retention.RETAINED);
    }

    @Test
    void leavingForTheStreetBeforeTheCheckpointIsNotRetained() {
        assertThat(RetentionRules.atMonths(MOVE_IN, LocalDate.of(2024, 8, 1), 116, 6, AS_OF))
                .isEqualTo(Retention.NOT_RETAINED);
        assertThat(RetentionRules.atMonths(MOVE_IN, LocalDate.of(2024, 8, 1), 207, 6, AS_OF))
                .as("jail is institutional, not housing")
                .isEqualTo(Retention.NOT_RETAINED);
        assertThat(RetentionRules.atMonths(MOVE_IN, LocalDate.of(2024, 8, 1), 312, 6, AS_OF))
                .as("staying with family temporarily is not permanent")
                .isEqualTo(Retention.NOT_RETAINED);
    }

    @Test
    void leavingForOtherPermanentHousingIsRetained() {
        assertThat(RetentionRules.atMonths(MOVE_IN, LocalDate.of(2024, 5, 1), 435, 6, AS_OF))
                .isEqualTo(Retention.RETAINED);
        assertThat(RetentionRules.atMonths(MOVE_IN, LocalDate.of(2024, 5, 1), 422, 12, AS_OF))
                .isEqualTo(Retention.RETAINED);
    }

    @Test
    void deathBeforeTheCheckpointLeavesTheDenominator() {
        assertThat(RetentionRules.atMonths(MOVE_IN, LocalDate.of(2024, 6, 1), 24, 12, AS_OF))
                .isEqualTo(Retention.EXCLUDED);
    }

    @Test
    void checkpointInTheFutureIsNotYetDueAndNoMoveInIsNotHoused() {
        assertThat(RetentionRules.atMonths(LocalDate.of(2025, 9, 1), null, null, 6, AS_OF))
                .isEqualTo(Retention.NOT_DUE);
        assertThat(RetentionRules.atMonths(LocalDate.of(2025, 7, 1), null, null, 6, AS_OF))
                .as("the checkpoint on the as-of day is due")
                .isEqualTo(Retention.RETAINED);
        assertThat(RetentionRules.atMonths(null, null, null, 6, AS_OF)).isEqualTo(Retention.NOT_HOUSED);
    }

    @Test
    void returnToHomelessnessIsANewHomelessStayWithinTheWindowAfterAPermanentExit() {
        LocalDate exit = LocalDate.of(2024, 6, 1);
        var outreachLater = List.of(new Stay(LocalDate.of(2025, 2, 1), 4));
        assertThat(RetentionRules.returnedToHomelessness(exit, 435, outreachLater, 12))
                .isTrue();
        assertThat(RetentionRules.returnedToHomelessness(exit, 435, List.of(new Stay(LocalDate.of(2025, 7, 1), 4)), 12))
                .as("after the window")
                .isFalse();
        assertThat(RetentionRules.returnedToHomelessness(exit, 435, List.of(new Stay(LocalDate.of(2025, 2, 1), 3)), 12))
                .as("a new PSH stay is not homelessness")
                .isFalse();
        assertThat(RetentionRules.returnedToHomelessness(exit, 116, outreachLater, 12))
                .as("only exits to permanent destinations can return")
                .isFalse();
        assertThat(RetentionRules.returnedToHomelessness(exit, 435, List.of(new Stay(LocalDate.of(2024, 1, 1), 4)), 12))
                .as("an earlier stay is not a return")
                .isFalse();
    }

    @Test
    void daysToMoveInCountsFromProjectStart() {
        assertThat(RetentionRules.daysToMoveIn(LocalDate.of(2024, 1, 1), LocalDate.of(2024, 3, 1)))
                .isEqualTo(60);
        assertThat(RetentionRules.daysToMoveIn(LocalDate.of(2024, 1, 1), null)).isEqualTo(-1);
    }

    @Test
    void outcomeRowsCountRetentionExitsAndReturnsPerProgram() {
        LocalDate asOf = LocalDate.of(2026, 1, 1);
        var stays = List.of(
                new OutcomeReport.Stay2(
                        1, "PSH A", 3, 4, LocalDate.of(2024, 1, 1), LocalDate.of(2024, 2, 1), null, null),
                new OutcomeReport.Stay2(
                        2,
                        "PSH A",
                        3,
                        4,
                        LocalDate.of(2024, 1, 1),
                        LocalDate.of(2024, 2, 1),
                        LocalDate.of(2024, 4, 1),
                        116),
                new OutcomeReport.Stay2(
                        3,
                        "PSH A",
                        3,
                        6,
                        LocalDate.of(2024, 1, 1),
                        LocalDate.of(2024, 3, 1),
                        LocalDate.of(2024, 5, 1),
                        435),
                new OutcomeReport.Stay2(3, "Outreach", 4, 6, LocalDate.of(2024, 9, 1), null, null, null),
                new OutcomeReport.Stay2(4, "RRH B", 13, 6, LocalDate.of(2025, 11, 1), null, null, null));
        var rows = OutcomeReport.compute(stays, OutcomeReport.GroupBy.PROGRAM, asOf);
        assertThat(rows).extracting(OutcomeReport.Row::group).containsExactly("PSH A", "RRH B", "Total");
        var psh = rows.get(0);
        assertThat(psh.housed()).isEqualTo(3);
        assertThat(psh.due6()).isEqualTo(3);
        assertThat(psh.retained6())
                .as("client 1 housed, client 3 left for permanent housing")
                .isEqualTo(2);
        assertThat(psh.exits().get(org.commonweal.housing.HudCodes.DestinationClass.HOMELESS))
                .isEqualTo(1);
        assertThat(psh.exitsToPermanentDue()).isEqualTo(1);
        assertThat(psh.returned())
                .as("client 3 back in outreach within 12 months")
                .isEqualTo(1);
        assertThat(psh.medianDaysToMoveIn()).isEqualTo(31);
        assertThat(rows.get(1).housed()).isZero();
        assertThat(rows.get(2).enrolled()).isEqualTo(4);
    }
}
