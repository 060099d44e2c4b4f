package org.commonweal.engagement.committee;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** Checks a committee's active roster against its {@link CompositionRule}. Warnings, never a block: staff decide. */
public final class CompositionCheck {

    /** One active seat as the check sees it. */
    public record Seated(UUID personId, Seat seat, boolean consumer, boolean advocate, String representsCommittee) {}

    /** A regional committee's current chair, for the ECAC check. */
    public record RegionalChair(String committeeCode, UUID personId) {}

    /**
     * A broken rule: {@code code} is a message key suffix, {@code args} fill it in.
     */
    public record Issue(String code, Object... args) {}

    private CompositionCheck() {}

    public static List<Issue> check(CompositionRule rule, List<Seated> roster, List<RegionalChair> regionalChairs) {
        List<Issue> issues = new ArrayList<>();
        if (roster.size() > rule.maxMembers()) {
            issues.add(new Issue("too-many", roster.size(), rule.maxMembers()));
        }
        if (rule.consumerMajority()) {
            long consumers =
                    roster.stream().filter(s -> s.consumer() || s.advocate()).count();
            if (consumers * 2 <= roster.size()) {
                issues.add(new Issue("no-consumer-majority", consumers, roster.size()));
            }
        }
        if (rule.atLargeSeats() > 0 || rule.chairsOfRegionals()) {
            long atLarge =
                    roster.stream().filter(s -> s.seat() == Seat.AT_LARGE).count();
            if (atLarge != rule.atLargeSeats()) {
                issues.add(new Issue("at-large-count", atLarge, rule.atLargeSeats()));
            }
        }
        if (rule.chairsOfRegionals()) {
            checkChairs(roster, regionalChairs, issues);
        }
        long chairs = roster.stream().filter(s -> s.seat() == Seat.CHAIR).count();
        if (chairs > 1) {
            issues.add(new Issue("two-chairs", chairs));
        }
        return issues;
    }

    private static void checkChairs(List<Seated> roster, List<RegionalChair> regionalChairs, List<Issue> issues) {
        Set<UUID> chairPeople = new HashSet<>();
        for (RegionalChair chair : regionalChairs) {
            chairPeople.add(chair.personId());
            boolean seated = roster.stream().anyMatch(s -> s.personId().equals(chair.personId()));
            if (!seated) {
                issues.add(new Issue("chair-missing", chair.committeeCode()));
            }
        }
        for (Seated s : roster) {
            if (s.seat() != Seat.AT_LARGE && !chairPeople.contains(s.personId())) {
                issues.add(new Issue("not-a-chair", s.representsCommittee() == null ? "?" : s.representsCommittee()));
            }
        }
    }
}
