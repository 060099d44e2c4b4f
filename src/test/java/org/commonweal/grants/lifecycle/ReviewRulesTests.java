package org.commonweal.grants.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.commonweal.grants.lifecycle.ReviewRules.AssignmentStatus;
import org.commonweal.grants.lifecycle.ReviewRules.Criterion;
import org.commonweal.grants.lifecycle.ReviewRules.ReviewerScores;
import org.junit.jupiter.api.Test;

class ReviewRulesTests {

    private final List<Criterion> rubric = List.of(
            new Criterion("need", "Community need", 5, new BigDecimal("2")),
            new Criterion("plan", "Project plan", 5, BigDecimal.ONE));

    @Test
    void aDeclaredConflictRecusesTheReviewer() {
        assertThat(ReviewRules.declare(AssignmentStatus.ASSIGNED, true, "I sit on their board"))
                .isEqualTo(AssignmentStatus.RECUSED);
        assertThat(ReviewRules.declare(AssignmentStatus.ASSIGNED, false, null)).isEqualTo(AssignmentStatus.CLEARED);
    }

    @Test
    void aConflictNeedsAReasonAndCannotBeDeclaredTwice() {
        assertThatThrownBy(() -> ReviewRules.declare(AssignmentStatus.ASSIGNED, true, " "))
                .hasMessageContaining("Describe the conflict");
        assertThatThrownBy(() -> ReviewRules.declare(AssignmentStatus.RECUSED, false, null))
                .hasMessageContaining("already been made");
    }

    @Test
    void aRecusedOrUndeclaredReviewerCannotScore() {
        Map<String, Integer> scores = Map.of("need", 4, "plan", 3);
        assertThatThrownBy(() -> ReviewRules.requireScorable(AssignmentStatus.RECUSED, rubric, scores))
                .hasMessageContaining("recused");
        assertThatThrownBy(() -> ReviewRules.requireScorable(AssignmentStatus.ASSIGNED, rubric, scores))
                .hasMessageContaining("Declare");
        ReviewRules.requireScorable(AssignmentStatus.CLEARED, rubric, scores);
    }

    @Test
    void scoresMustCoverTheRubricWithinRange() {
        assertThatThrownBy(() -> ReviewRules.requireScorable(AssignmentStatus.CLEARED, rubric, Map.of("need", 4)))
                .hasMessageContaining("Score missing for 'Project plan'");
        assertThatThrownBy(() ->
                        ReviewRules.requireScorable(AssignmentStatus.CLEARED, rubric, Map.of("need", 6, "plan", 1)))
                .hasMessageContaining("between 0 and 5");
    }

    @Test
    void theSummaryLeavesOutRecusedReviewersAndTracksCompletion() {
        var summary = ReviewRules.summarize(
                rubric,
                List.of(
                        new ReviewerScores("ana", AssignmentStatus.COMPLETED, Map.of("need", 5, "plan", 4)),
                        new ReviewerScores("ben", AssignmentStatus.RECUSED, Map.of("need", 0, "plan", 0)),
                        new ReviewerScores("cy", AssignmentStatus.COMPLETED, Map.of("need", 3, "plan", 2))));
        assertThat(summary.meanWeightedScore()).isEqualByComparingTo("11.00");
        assertThat(summary.maxWeightedScore()).isEqualByComparingTo("15");
        assertThat(summary.recused()).isEqualTo(1);
        assertThat(summary.reviewComplete()).isTrue();
        var pending = ReviewRules.summarize(
                rubric,
                List.of(
                        new ReviewerScores("ana", AssignmentStatus.COMPLETED, Map.of("need", 5, "plan", 4)),
                        new ReviewerScores("dee", AssignmentStatus.CLEARED, Map.of())));
        assertThat(pending.reviewComplete()).isFalse();
    }
}
