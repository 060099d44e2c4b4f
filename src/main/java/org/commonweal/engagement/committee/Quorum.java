package org.commonweal.engagement.committee;

/**
 * Quorum of a meeting: more than {@code percent} per cent of the members seated on the meeting date, counting those
 * present in person or remotely (excused members are not present).
 */
public record Quorum(int seated, int present, int required) {

    public static Quorum of(int seated, int present, int percent) {
        if (seated < 0 || present < 0 || percent < 0 || percent >= 100) {
            throw new IllegalArgumentException("seated, present and percent must be >= 0 and percent < 100");
        }
        int required = seated == 0 ? 1 : (int) Math.floor(seated * percent / 100.0) + 1;
        return new Quorum(seated, present, required);
    }

    public boolean met() {
        return present >= required;
    }
}
