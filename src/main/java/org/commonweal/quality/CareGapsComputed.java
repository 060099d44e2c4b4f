package org.commonweal.quality;

import java.time.LocalDate;

/** A measure run finished: {@code openGaps} members are due for {@code measureId} by {@code dueBy}. */
public record CareGapsComputed(long runId, String measureId, LocalDate dueBy, int openGaps) {}
