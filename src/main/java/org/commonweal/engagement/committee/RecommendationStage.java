package org.commonweal.engagement.committee;

import java.util.List;

/** Where a motion or recommendation is on its way from a committee to the Board of Governors. */
public enum RecommendationStage {
    PROPOSED,
    ADOPTED,
    NOT_ADOPTED,
    FORWARDED_TO_ECAC,
    PLACED_ON_BOARD_AGENDA,
    BOARD_RESPONDED,
    CLOSED,
    WITHDRAWN;

    /**
     * The stages that may follow this one. An RCAC's recommendation goes through the ECAC; the ECAC's own goes to
     * the Board agenda directly.
     */
    public List<RecommendationStage> next(boolean fromEcac) {
        return switch (this) {
            case PROPOSED -> List.of(ADOPTED, NOT_ADOPTED, WITHDRAWN);
            case ADOPTED -> fromEcac ? List.of(PLACED_ON_BOARD_AGENDA, CLOSED) : List.of(FORWARDED_TO_ECAC, CLOSED);
            case FORWARDED_TO_ECAC -> List.of(PLACED_ON_BOARD_AGENDA, CLOSED);
            case PLACED_ON_BOARD_AGENDA -> List.of(BOARD_RESPONDED);
            case BOARD_RESPONDED -> List.of(CLOSED);
            case NOT_ADOPTED, CLOSED, WITHDRAWN -> List.of();
        };
    }

    public boolean open() {
        return next(false).size() > 0;
    }
}
