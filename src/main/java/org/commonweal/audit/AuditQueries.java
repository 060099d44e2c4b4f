package org.commonweal.audit;

import java.time.Instant;
import java.util.List;

/** What the audit trail says about one member, for the people who look after that member's record. */
public interface AuditQueries {

    /** The latest reads and changes of the member's data, newest first. */
    List<MemberAccess> accessTo(String memberId, int limit);

    /** One read or change: who (user or API client, and roles), when, what and why. */
    record MemberAccess(Instant at, String username, String roles, String action, String entityType, String purpose) {}
}
