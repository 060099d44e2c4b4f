package org.commonweal.engagement.committee;

/** How a member attended a meeting. */
public enum AttendanceMode {
    IN_PERSON,
    REMOTE,
    EXCUSED,
    ABSENT;

    public boolean present() {
        return this == IN_PERSON || this == REMOTE;
    }
}
