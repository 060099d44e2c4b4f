package org.commonweal.engagement.committee;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.function.Consumer;
import org.commonweal.audit.AuditAction;
import org.commonweal.audit.AuditEntry;
import org.commonweal.audit.AuditTrail;
import org.commonweal.platform.PlanIdentity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Stipend and mileage lines, their payment status, and the finance export. */
@Service
public class Stipends {

    public record Line(
            long id,
            String committeeCode,
            long meetingId,
            LocalDate meetingDay,
            long membershipId,
            String fullName,
            String memberId,
            BigDecimal stipend,
            BigDecimal miles,
            BigDecimal mileage,
            String status,
            LocalDate statusOn) {

        public BigDecimal total() {
            return stipend.add(mileage);
        }
    }

    static final List<String> STATUSES = List.of("PENDING", "APPROVED", "PAID", "VOID");

    private final JdbcClient jdbc;
    private final AuditTrail audit;

    /** The plan's time zone id: a meeting's date is its day there. */
    private final String zone;

    Stipends(JdbcClient jdbc, AuditTrail audit, PlanIdentity plan) {
        this.zone = plan.timeZone().getId();
        this.jdbc = jdbc;
        this.audit = audit;
    }

    public List<Line> list(String status, String committeeCode, int limit) {
        return jdbc.sql(SELECT + " limit :limit")
                .param("zone", zone)
                .param("status", status)
                .param("code", committeeCode)
                .param("limit", limit)
                .query((rs, n) -> line(rs))
                .list();
    }

    public void stream(String status, String committeeCode, Consumer<Line> each) {
        // the stream holds a connection until closed
        try (var lines = jdbc
                .sql(SELECT)
                .param("zone", zone)
                .param("status", status)
                .param("code", committeeCode)
                .query((rs, n) -> line(rs))
                .stream()) {
            lines.forEach(each);
        }
    }

    @Transactional
    public void setStatus(long id, String status, LocalDate on) {
        if (!STATUSES.contains(status)) {
            throw new IllegalArgumentException("status must be one of " + STATUSES);
        }
        String current = jdbc.sql("select status from engagement.stipend where id = ? for update")
                .param(id)
                .query(String.class)
                .optional()
                .orElseThrow(() -> new java.util.NoSuchElementException("stipend " + id));
        boolean allowed = switch (current) {
            case "PENDING" -> status.equals("APPROVED") || status.equals("VOID");
            case "APPROVED" -> status.equals("PAID") || status.equals("VOID") || status.equals("PENDING");
            default -> false;
        };
        if (!allowed) {
            throw new IllegalArgumentException("a " + current + " stipend cannot become " + status);
        }
        jdbc.sql("update engagement.stipend set status = ?, status_on = ? where id = ?")
                .params(status, on, id)
                .update();
        audit.record(AuditEntry.change(
                AuditAction.PAYMENT,
                "engagement-stipend",
                String.valueOf(id),
                null,
                "stipend payment",
                current + " -> " + status));
    }

    private static final String SELECT = """
            select s.id, c.code, mt.id, (mt.starts_at at time zone cast(:zone as text))::date, s.membership_id,
                   ms.full_name, ms.member_id, s.stipend_amount, s.miles, s.mileage_amount, s.status, s.status_on
            from engagement.stipend s
            join engagement.meeting mt on mt.id = s.meeting_id
            join engagement.committee c on c.id = mt.committee_id
            join engagement.membership ms on ms.id = s.membership_id
            where (cast(:status as text) is null or s.status = :status)
              and (cast(:code as text) is null or c.code = :code)
            order by mt.starts_at desc, c.id, ms.full_name""";

    private static Line line(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Line(
                rs.getLong(1),
                rs.getString(2),
                rs.getLong(3),
                rs.getObject(4, LocalDate.class),
                rs.getLong(5),
                rs.getString(6),
                rs.getString(7),
                rs.getBigDecimal(8),
                rs.getBigDecimal(9),
                rs.getBigDecimal(10),
                rs.getString(11),
                rs.getObject(12, LocalDate.class));
    }
}
