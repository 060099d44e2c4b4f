package org.commonweal.grants.lifecycle;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Map;

/**
 * Conflict-of-interest declaration, recusal and scoring. A reviewer must declare before seeing scores; a declared
 * conflict recuses them for good, and a recused reviewer's scores never count.
 */
public final class ReviewRules {

    public enum AssignmentStatus {
        ASSIGNED,
        CLEARED,
        RECUSED,
        COMPLETED
    }

    public record Criterion(String code, String label, int maxScore, BigDecimal weight) {}

    public record ReviewerScores(String reviewer, AssignmentStatus status, Map<String, Integer> scores) {}

    /** Per application: how many reviewers were assigned, recused and done, and the weighted mean of completed ones. */
    public record ScoreSummary(
            int assigned, int recused, int completed, BigDecimal meanWeightedScore, BigDecimal maxWeightedScore) {

        public boolean reviewComplete() {
            return completed > 0 && completed + recused == assigned;
        }
    }

    private ReviewRules() {}

    /** The status after a declaration; a conflict needs a reason and recuses the reviewer. */
    public static AssignmentStatus declare(AssignmentStatus current, boolean conflicted, String reason) {
        if (current != AssignmentStatus.ASSIGNED) {
            throw new GrantRuleViolation("A conflict-of-interest declaration has already been made for this review.");
        }
        if (conflicted) {
            if (reason == null || reason.isBlank()) {
                throw new GrantRuleViolation(
                        "Describe the conflict of interest (for example a board seat or a family tie).");
            }
            return AssignmentStatus.RECUSED;
        }
        return AssignmentStatus.CLEARED;
    }

    /** Checks that a cleared reviewer scored every criterion within its range. */
    public static void requireScorable(AssignmentStatus status, List<Criterion> rubric, Map<String, Integer> scores) {
        switch (status) {
            case ASSIGNED -> throw new GrantRuleViolation("Declare any conflict of interest before scoring.");
            case RECUSED -> throw new GrantRuleViolation("You are recused from this application and cannot score it.");
            case COMPLETED -> throw new GrantRuleViolation("This review is already complete.");
            case CLEARED -> {}
        }
        for (Criterion c : rubric) {
            Integer score = scores.get(c.code());
            if (score == null) {
                throw new GrantRuleViolation("Score missing for '" + c.label() + "'.");
            }
            if (score < 0 || score > c.maxScore()) {
                throw new GrantRuleViolation(
                        "Score for '" + c.label() + "' must be between 0 and " + c.maxScore() + ".");
            }
        }
        for (String code : scores.keySet()) {
            if (rubric.stream().noneMatch(c -> c.code().equals(code))) {
                throw new GrantRuleViolation("'" + code + "' is not a criterion of this cycle's rubric.");
            }
        }
    }

    public static BigDecimal weightedTotal(List<Criterion> rubric, Map<String, Integer> scores) {
        BigDecimal total = BigDecimal.ZERO;
        for (Criterion c : rubric) {
            total = total.add(c.weight().multiply(BigDecimal.valueOf(scores.getOrDefault(c.code(), 0))));
        }
        return total;
    }

    public static ScoreSummary summarize(List<Criterion> rubric, List<ReviewerScores> reviews) {
        BigDecimal max = BigDecimal.ZERO;
        for (Criterion c : rubric) {
            max = max.add(c.weight().multiply(BigDecimal.valueOf(c.maxScore())));
        }
        int recused = 0;
        int completed = 0;
        BigDecimal sum = BigDecimal.ZERO;
        for (ReviewerScores r : reviews) {
            if (r.status() == AssignmentStatus.RECUSED) {
                recused++;
            } else if (r.status() == AssignmentStatus.COMPLETED) {
                completed++;
                sum = sum.add(weightedTotal(rubric, r.scores()));
            }
        }
        BigDecimal mean = completed == 0 ? null : sum.divide(BigDecimal.valueOf(completed), 2, RoundingMode.HALF_UP);
        return new ScoreSummary(reviews.size(), recused, completed, mean, max);
    }
}
