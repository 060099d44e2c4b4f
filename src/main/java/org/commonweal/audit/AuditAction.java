package org.commonweal.audit;

/** What was done to the data. */
public enum AuditAction {
    READ,
    SEARCH,
    CREATE,
    UPDATE,
    DELETE,
    EXPORT,
    IMPORT,
    DECISION,
    PAYMENT,
    LOGIN,
    LOGIN_FAILED
}
