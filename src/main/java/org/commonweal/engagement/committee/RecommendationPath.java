package org.commonweal.engagement.committee;

import java.time.LocalDate;
import java.util.List;

/**
 * The rules of moving a recommendation along: only to an allowed next stage, never back in time, adoption only by a
 * majority of votes cast, a Board response only with its text; and when a Board response is overdue.
 */
public final class RecommendationPath {

    /** A step already taken. */
    public record Step(RecommendationStage stage, LocalDate on, String by) {}

    /** The vote on the motion, if taken. */
    public record Tally(Integer yes, Integer no, Integer abstain) {}

    private RecommendationPath() {}

    /** Throws {@link IllegalArgumentException} naming the reason when the step is not allowed. */
    public static void checkStep(
            List<Step> history,
            boolean fromEcac,
            RecommendationStage to,
            LocalDate on,
            String by,
            Tally tally,
            String boardResponse,
            LocalDate today) {
        if (history.isEmpty()) {
            throw new IllegalArgumentException("the recommendation has no history");
        }
        Step last = history.getLast();
        if (!last.stage().next(fromEcac).contains(to)) {
            throw new IllegalArgumentException("cannot go from " + last.stage() + " to " + to);
        }
        if (on != null && on.isAfter(today)) {
            throw new IllegalArgumentException("date " + on + " is in the future");
        }
        if (on == null || on.isBefore(last.on())) {
            throw new IllegalArgumentException("date " + on + " is before the last step (" + last.on() + ")");
        }
        if (by == null || by.isBlank()) {
            throw new IllegalArgumentException("who took the step is required");
        }
        if (to == RecommendationStage.ADOPTED || to == RecommendationStage.NOT_ADOPTED) {
            if (tally == null || tally.yes() == null || tally.no() == null) {
                throw new IllegalArgumentException("the vote tally (yes and no) is required to record a vote");
            }
            boolean passed = tally.yes() > tally.no();
            if (passed != (to == RecommendationStage.ADOPTED)) {
                throw new IllegalArgumentException("a vote of " + tally.yes() + "–" + tally.no()
                        + (passed ? " adopts the motion" : " does not adopt the motion"));
            }
        }
        if (to == RecommendationStage.BOARD_RESPONDED && (boardResponse == null || boardResponse.isBlank())) {
            throw new IllegalArgumentException("the Board's response text is required");
        }
    }

    /** Throws {@link IllegalArgumentException} when more votes are cast than there are voters, or a count is negative. */
    public static void checkVotes(Tally tally, int voters) {
        if (tally == null) {
            return;
        }
        int cast = 0;
        for (Integer count : new Integer[] {tally.yes(), tally.no(), tally.abstain()}) {
            if (count != null && count < 0) {
                throw new IllegalArgumentException("a vote count cannot be negative");
            }
            cast += count == null ? 0 : count;
        }
        if (cast > voters) {
            throw new IllegalArgumentException(cast + " votes cast but only " + voters + " members could vote");
        }
    }

    /** The date the Board's response is due, or null when not on the Board agenda awaiting one. */
    public static LocalDate responseDue(List<Step> history, int responseDays) {
        if (history.isEmpty() || history.getLast().stage() != RecommendationStage.PLACED_ON_BOARD_AGENDA) {
            return null;
        }
        return history.getLast().on().plusDays(responseDays);
    }

    public static boolean overdue(List<Step> history, int responseDays, LocalDate today) {
        LocalDate due = responseDue(history, responseDays);
        return due != null && today.isAfter(due);
    }
}
