package org.commonweal.coverage.x12;

import org.commonweal.audit.AuditEntry;
import org.commonweal.audit.AuditTrail;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Writes audit records to the audit table from a JVM without the application (crash test, benchmark). */
public final class CrashImportMainAudit implements AuditTrail {

    private final JdbcClient jdbc;

    public CrashImportMainAudit(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void record(AuditEntry entry) {
        recordAs("standalone-importer", entry);
    }

    @Override
    public void recordAs(String actor, AuditEntry e) {
        jdbc.sql("""
                insert into audit.audit_event (username, action, entity_type, entity_id, member_id, purpose, detail)
                values (?, ?, ?, ?, ?, ?, ?)""")
                .params(actor, e.action().name(), e.entityType(), e.entityId(), e.memberId(), e.purpose(), e.detail())
                .update();
    }
}
