package org.commonweal.engagement.committee;

/** A seat on a committee. */
public enum Seat {
    CHAIR,
    VICE_CHAIR,
    MEMBER,
    AT_LARGE
}
