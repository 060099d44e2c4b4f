package org.commonweal.grants.lifecycle;

import java.util.Set;

/** Where an application stands. Only the listed moves are allowed. */
public enum ApplicationStatus {
    DRAFT,
    SUBMITTED,
    SCREENED_OUT,
    IN_REVIEW,
    RECOMMENDED,
    APPROVED,
    DECLINED;

    public Set<ApplicationStatus> next() {
        return switch (this) {
            case DRAFT -> Set.of(SUBMITTED);
            case SUBMITTED -> Set.of(IN_REVIEW, SCREENED_OUT);
            case IN_REVIEW -> Set.of(RECOMMENDED, DECLINED);
            case RECOMMENDED -> Set.of(APPROVED, DECLINED);
            case SCREENED_OUT, APPROVED, DECLINED -> Set.of();
        };
    }

    public ApplicationStatus moveTo(ApplicationStatus target) {
        if (!next().contains(target)) {
            throw new GrantRuleViolation(
                    "An application that is " + label() + " cannot become " + target.label() + ".");
        }
        return target;
    }

    public boolean editableByApplicant() {
        return this == DRAFT;
    }

    public String label() {
        return name().toLowerCase().replace('_', ' ');
    }
}
