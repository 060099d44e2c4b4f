package org.commonweal.centers;

import java.time.Instant;

/**
 * A health screening of a plan member was recorded at a Community Resource Center (published within the recording
 * transaction, Spring Modulith event publication; only for screenings linked to a member id). Measures left out are
 * null. Quality keeps the blood pressure as supplemental data for the measures that accept it.
 *
 * @param screeningId the row in {@code centers.screening}, the screening's provenance
 * @param glucose     mg/dL, {@code fasting} when the person had not eaten
 */
public record ScreeningRecorded(
        long screeningId,
        String centerCode,
        String memberId,
        Instant measuredAt,
        Integer systolic,
        Integer diastolic,
        Integer glucose,
        Boolean fasting,
        Double heightCm,
        Double weightKg) {}
