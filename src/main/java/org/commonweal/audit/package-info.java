/**
 * The audit trail of protected data: every read and change, who, whose, why, when and from where. Append-only,
 * enforced by the database.
 */
@org.springframework.modulith.ApplicationModule(
        displayName = "Audit",
        allowedDependencies = {"platform", "identity", "shell"})
package org.commonweal.audit;
