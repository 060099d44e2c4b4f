package org.commonweal.audit.internal;

import java.util.stream.Collectors;

import jakarta.servlet.http.HttpServletRequest;
import org.commonweal.audit.AuditEntry;
import org.commonweal.audit.AuditTrail;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

@Service
class JdbcAuditTrail implements AuditTrail {

    private final JdbcClient jdbc;

    JdbcAuditTrail(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void record(AuditEntry entry) {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        String user = auth == null ? null : auth.getName();
        String roles = auth == null ? null : auth.getAuthorities().stream().map(GrantedAuthority::getAuthority)
                .filter(a -> a.startsWith("ROLE_")).map(a -> a.substring(5)).sorted()
                .collect(Collectors.joining(","));
        insert(user, roles, entry);
    }

    @Override
    public void recordAs(String actor, AuditEntry entry) {
        insert(actor, "SYSTEM", entry);
    }

    private void insert(String user, String roles, AuditEntry entry) {
        String ip = null;
        String requestId = null;
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
            HttpServletRequest request = attributes.getRequest();
            ip = request.getRemoteAddr();
            Object id = request.getAttribute(RequestIdFilter.ATTRIBUTE);
            requestId = id == null ? null : id.toString();
        }
        jdbc.sql("""
                insert into audit.audit_event
                    (username, roles, action, entity_type, entity_id, member_id, purpose, ip, request_id, detail)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(user, roles, entry.action().name(), entry.entityType(), entry.entityId(), entry.memberId(),
                        entry.purpose(), ip, requestId, entry.detail())
                .update();
    }
}
