package org.commonweal.audit;

/**
 * Records audited actions. Called inside a transaction, the record commits or rolls back with the change it audits.
 */
public interface AuditTrail {

    void record(AuditEntry entry);

    /** Records an action by a named actor outside any web request (imports, scheduled jobs, commands). */
    void recordAs(String actor, AuditEntry entry);
}
