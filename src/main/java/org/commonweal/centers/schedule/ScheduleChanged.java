package org.commonweal.centers.schedule;

/** Sessions were added, cancelled, moved or re-sized (inside the centers module; the calendar cache listens). */
public record ScheduleChanged(long seriesId, long sessionId) {}
