package org.commonweal.grants.internal;

import org.commonweal.audit.AuditAction;
import org.commonweal.audit.AuditEntry;
import org.commonweal.audit.AuditTrail;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/** Every grants decision and money movement goes through here into the audit trail, in the same transaction. */
@Component
class GrantsAudit {

    private final AuditTrail trail;

    GrantsAudit(AuditTrail trail) {
        this.trail = trail;
    }

    void decision(String actor, String entityType, Object id, String detail) {
        write(
                actor,
                AuditEntry.change(
                        AuditAction.DECISION, entityType, String.valueOf(id), null, "grant decision", detail));
    }

    void payment(String actor, Object awardId, String detail) {
        write(
                actor,
                AuditEntry.change(
                        AuditAction.PAYMENT, "grant-award", String.valueOf(awardId), null, "grant payment", detail));
    }

    void change(String actor, AuditAction action, String entityType, Object id, String detail) {
        write(actor, AuditEntry.change(action, entityType, String.valueOf(id), null, "grants administration", detail));
    }

    void read(String entityType, Object id, String purpose) {
        trail.record(AuditEntry.read(entityType, String.valueOf(id), null, purpose));
    }

    private void write(String actor, AuditEntry entry) {
        var auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth != null && auth.getName().equals(actor)) {
            trail.record(entry);
        } else {
            trail.recordAs(actor, entry);
        }
    }
}
