package org.commonweal.engagement.committee;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.commonweal.engagement.committee.RecommendationStage.*;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.commonweal.engagement.committee.RecommendationPath.Step;
import org.commonweal.engagement.committee.RecommendationPath.Tally;
import org.junit.jupiter.api.Test;

class RecommendationPathTests {

    static final LocalDate D = LocalDate.of(2026, 3, 1);
    /** "Today" where the plan is, as the caller passes it. */
    static final LocalDate TODAY = LocalDate.of(2026, 12, 5);

    @Test
    void anRcacRecommendationWalksTheWholePath() {
        List<Step> h = new ArrayList<>(List.of(new Step(PROPOSED, D, "chair")));
        step(h, ADOPTED, D, new Tally(12, 3, 1), null);
        step(h, FORWARDED_TO_ECAC, D.plusDays(2), null, null);
        step(h, PLACED_ON_BOARD_AGENDA, D.plusDays(30), null, null);
        step(h, BOARD_RESPONDED, D.plusDays(60), null, "The Board asked staff to extend hours.");
        step(h, CLOSED, D.plusDays(61), null, null);
        assertThat(h)
                .extracting(Step::stage)
                .containsExactly(PROPOSED, ADOPTED, FORWARDED_TO_ECAC, PLACED_ON_BOARD_AGENDA, BOARD_RESPONDED, CLOSED);
        assertThat(CLOSED.open()).isFalse();
    }

    @Test
    void anRcacCannotSkipTheEcac() {
        List<Step> h = List.of(new Step(PROPOSED, D, "a"), new Step(ADOPTED, D, "a"));
        assertThatThrownBy(
                        () -> RecommendationPath.checkStep(h, false, PLACED_ON_BOARD_AGENDA, D, "a", null, null, TODAY))
                .hasMessageContaining("cannot go from ADOPTED to PLACED_ON_BOARD_AGENDA");
        RecommendationPath.checkStep(h, true, PLACED_ON_BOARD_AGENDA, D, "a", null, null, TODAY);
    }

    @Test
    void adoptionNeedsAMajorityOfVotesCast() {
        List<Step> h = List.of(new Step(PROPOSED, D, "a"));
        assertThatThrownBy(
                        () -> RecommendationPath.checkStep(h, false, ADOPTED, D, "a", new Tally(5, 5, 2), null, TODAY))
                .hasMessageContaining("does not adopt");
        assertThatThrownBy(() -> RecommendationPath.checkStep(h, false, ADOPTED, D, "a", null, null, TODAY))
                .hasMessageContaining("tally");
        RecommendationPath.checkStep(h, false, NOT_ADOPTED, D, "a", new Tally(5, 5, 2), null, TODAY);
    }

    @Test
    void stepsNeverGoBackInTimeAndNameWhoTookThem() {
        List<Step> h = List.of(new Step(PROPOSED, D, "a"), new Step(ADOPTED, D, "a"));
        assertThatThrownBy(() -> RecommendationPath.checkStep(
                        h, false, FORWARDED_TO_ECAC, D.minusDays(1), "a", null, null, TODAY))
                .hasMessageContaining("before the last step");
        assertThatThrownBy(() -> RecommendationPath.checkStep(h, false, FORWARDED_TO_ECAC, D, " ", null, null, TODAY))
                .hasMessageContaining("who took the step");
    }

    @Test
    void aBoardResponseIsOverdueAfterTheConfiguredDays() {
        List<Step> h = List.of(
                new Step(PROPOSED, D, "a"),
                new Step(ADOPTED, D, "a"),
                new Step(FORWARDED_TO_ECAC, D, "a"),
                new Step(PLACED_ON_BOARD_AGENDA, D, "a"));
        assertThat(RecommendationPath.responseDue(h, 90)).isEqualTo(D.plusDays(90));
        assertThat(RecommendationPath.overdue(h, 90, D.plusDays(90))).isFalse();
        assertThat(RecommendationPath.overdue(h, 90, D.plusDays(91))).isTrue();
        List<Step> answered = new ArrayList<>(h);
        answered.add(new Step(BOARD_RESPONDED, D.plusDays(100), "board clerk"));
        assertThat(RecommendationPath.overdue(answered, 90, D.plusDays(120))).isFalse();
        assertThatThrownBy(() -> RecommendationPath.checkStep(h, false, BOARD_RESPONDED, D, "clerk", null, "", TODAY))
                .hasMessageContaining("response text");
    }

    @Test
    void stipendIsPaidForPresenceAndMileageOnlyInPerson() {
        var rule = new StipendRule(new BigDecimal("50.00"), new BigDecimal("0.700"));
        assertThat(rule.pay(AttendanceMode.IN_PERSON, new BigDecimal("12.5")).total())
                .isEqualByComparingTo("58.75");
        assertThat(rule.pay(AttendanceMode.REMOTE, new BigDecimal("12.5")).total())
                .isEqualByComparingTo("50.00");
        assertThat(rule.pay(AttendanceMode.EXCUSED, BigDecimal.TEN)).isNull();
    }

    private static void step(List<Step> h, RecommendationStage to, LocalDate on, Tally tally, String response) {
        RecommendationPath.checkStep(h, false, to, on, "staff", tally, response, TODAY);
        h.add(new Step(to, on, "staff"));
    }

    @Test
    void aStepDatedAfterThePlansTodayIsRefused() {
        List<Step> h = List.of(new Step(PROPOSED, D, "a"));
        RecommendationPath.checkStep(h, false, ADOPTED, TODAY, "a", new Tally(9, 1, 0), null, TODAY);
        assertThatThrownBy(() -> RecommendationPath.checkStep(
                        h, false, ADOPTED, TODAY.plusDays(1), "a", new Tally(9, 1, 0), null, TODAY))
                .hasMessageContaining("is in the future");
    }
}
