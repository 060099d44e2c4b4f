package org.commonweal.quality.claims;

import java.time.OffsetDateTime;

/**
 * One received 837 file as listed on the upload page: its status ({@code importing}, {@code imported},
 * {@code withdrawn}), who or what sent it (a user, {@code inbox:837}, {@code command:import-837}) and its counts.
 */
public record ClaimFileRow(
        long id,
        String fileName,
        String status,
        OffsetDateTime receivedAt,
        String receivedBy,
        int claims,
        int rejected,
        int serviceLines) {}
