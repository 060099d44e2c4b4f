package org.commonweal.audit;

import java.util.Objects;

/**
 * One audited action. Who, when and from where are taken from the current request by {@link AuditTrail}.
 *
 * @param entityType the kind of record, for example {@code member} or {@code grant-award}
 * @param entityId its identifier, if one record
 * @param memberId the member whose data this is, where relevant
 * @param purpose why it was done, for example {@code member services call} or {@code eligibility inquiry}
 * @param detail a short description without protected data
 */
public record AuditEntry(
        AuditAction action, String entityType, String entityId, String memberId, String purpose, String detail) {

    public AuditEntry {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(entityType, "entityType");
    }

    public static AuditEntry read(String entityType, String entityId, String memberId, String purpose) {
        return new AuditEntry(AuditAction.READ, entityType, entityId, memberId, purpose, null);
    }

    public static AuditEntry change(
            AuditAction action, String entityType, String entityId, String memberId, String purpose, String detail) {
        return new AuditEntry(action, entityType, entityId, memberId, purpose, detail);
    }
}
