package org.commonweal.audit;

/**
 * Records audited actions. Called inside a transaction, the record commits or rolls back with the change it audits.
 */
public interface AuditTrail {

    void record(AuditEntry entry);

    /** Records several actions of the current user at once (for example one read per inquiry of a batch). */
    default void recordAll(java.util.List<AuditEntry> entries) {
        entries.forEach(this::record);
    }

    /** Records an action by a named actor outside any web request (imports, scheduled jobs, commands). */
    void recordAs(String actor, AuditEntry entry);
}
