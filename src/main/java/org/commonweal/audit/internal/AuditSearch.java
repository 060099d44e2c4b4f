package org.commonweal.audit.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.commonweal.platform.PlanIdentity;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Finds audit records by user, member, entity and date range, newest first, a page at a time (keyset). */
@Component
class AuditSearch implements org.commonweal.audit.AuditQueries {

    static final int PAGE_SIZE = 50;

    private final JdbcClient jdbc;

    private final ZoneId zone;

    AuditSearch(JdbcClient jdbc, PlanIdentity plan) {
        this.zone = plan.timeZone();
        this.jdbc = jdbc;
    }

    /** Bound from the request parameters of the audit page and its CSV export. */
    record Filter(
            String user,
            String member,
            String entity,
            String entityId,
            @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
            Long before) {

        boolean isEmpty() {
            return blank(user) && blank(member) && blank(entity) && blank(entityId) && from == null && to == null;
        }
    }

    record Row(
            long id,
            Instant occurredAt,
            String username,
            String roles,
            String action,
            String entityType,
            String entityId,
            String memberId,
            String purpose,
            String ip,
            String requestId,
            String detail) {}

    record Page(List<Row> rows, Long nextBefore) {}

    Page page(Filter filter) {
        List<Row> rows = new ArrayList<>();
        query(filter, PAGE_SIZE + 1, rows::add);
        Long next = null;
        if (rows.size() > PAGE_SIZE) {
            rows.removeLast();
            next = rows.getLast().id();
        }
        return new Page(rows, next);
    }

    void stream(Filter filter, Consumer<Row> sink) {
        query(filter, Integer.MAX_VALUE, sink);
    }

    private void query(Filter filter, int limit, Consumer<Row> sink) {
        StringBuilder sql = new StringBuilder("""
                select id, occurred_at, username, roles, action, entity_type, entity_id, member_id, purpose, ip,
                       request_id, detail
                from audit.audit_event where true""");
        Map<String, Object> params = new LinkedHashMap<>();
        if (!blank(filter.user())) {
            sql.append(" and lower(username) = lower(:user)");
            params.put("user", filter.user().trim());
        }
        if (!blank(filter.member())) {
            sql.append(" and member_id = :member");
            params.put("member", filter.member().trim());
        }
        if (!blank(filter.entity())) {
            sql.append(" and entity_type = :entity");
            params.put("entity", filter.entity().trim());
        }
        if (!blank(filter.entityId())) {
            sql.append(" and entity_id = :entityId");
            params.put("entityId", filter.entityId().trim());
        }
        if (filter.from() != null) {
            sql.append(" and occurred_at >= :from");
            params.put("from", filter.from().atStartOfDay(zone).toOffsetDateTime());
        }
        if (filter.to() != null) {
            sql.append(" and occurred_at < :to");
            params.put("to", filter.to().plusDays(1).atStartOfDay(zone).toOffsetDateTime());
        }
        if (filter.before() != null) {
            sql.append(" and id < :before");
            params.put("before", filter.before());
        }
        sql.append(" order by id desc");
        if (limit != Integer.MAX_VALUE) {
            sql.append(" limit ").append(limit);
        }
        jdbc.sql(sql.toString()).params(params).query(rs -> {
            sink.accept(new Row(
                    rs.getLong("id"),
                    rs.getTimestamp("occurred_at").toInstant(),
                    rs.getString("username"),
                    rs.getString("roles"),
                    rs.getString("action"),
                    rs.getString("entity_type"),
                    rs.getString("entity_id"),
                    rs.getString("member_id"),
                    rs.getString("purpose"),
                    rs.getString("ip"),
                    rs.getString("request_id"),
                    rs.getString("detail")));
        });
    }

    @Override
    public List<MemberAccess> accessTo(String memberId, int limit) {
        return jdbc.sql("""
                select occurred_at, username, roles, action, entity_type, purpose from audit.audit_event
                where member_id = ? order by occurred_at desc, id desc limit ?""")
                .params(memberId, Math.max(1, Math.min(limit, 500)))
                .query((rs, n) -> new MemberAccess(
                        rs.getTimestamp(1).toInstant(),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getString(5),
                        rs.getString(6)))
                .list();
    }

    List<String> entityTypes() {
        return jdbc.sql("select distinct entity_type from audit.audit_event order by 1")
                .query(String.class)
                .list();
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
