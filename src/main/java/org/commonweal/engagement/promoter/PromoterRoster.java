package org.commonweal.engagement.promoter;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.commonweal.engagement.promoter.CertificationPolicy.Hours;
import org.commonweal.engagement.promoter.CertificationPolicy.State;
import org.commonweal.engagement.promoter.CertificationPolicy.Status;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The Health Promoters, their training and where their certification stands. */
@Repository
public class PromoterRoster {

    public record Promoter(
            long id,
            String memberId,
            String fullName,
            List<String> languages,
            int spa,
            String supervisor,
            String status,
            LocalDate startDate,
            String pathway,
            LocalDate certifiedOn,
            String username) {}

    public record WithCertification(Promoter promoter, Status certification, double workHoursInWindow) {}

    public record Completion(
            String code, String title, String topic, BigDecimal hours, boolean continuingEd, LocalDate completedOn) {}

    private static final String SELECT = """
            select id, member_id, full_name, languages, spa, supervisor, status, start_date, pathway, certified_on,
                   username from engagement.promoter""";

    private final JdbcClient jdbc;
    private final CertificationPolicy policy = CertificationPolicy.CALIFORNIA;

    PromoterRoster(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public CertificationPolicy policy() {
        return policy;
    }

    public List<WithCertification> all(LocalDate today) {
        List<Promoter> promoters = jdbc.sql(SELECT + " order by full_name")
                .query((rs, n) -> promoter(rs))
                .list();
        Map<Long, List<Hours>> ce = new HashMap<>();
        jdbc.sql("""
                select cc.promoter_id, cc.completed_on, c.hours from engagement.course_completion cc
                join engagement.course c on c.id = cc.course_id where c.continuing_ed""")
                .query((rs, n) -> ce.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>())
                        .add(new Hours(rs.getObject(2, LocalDate.class), rs.getDouble(3))))
                .list();
        Map<Long, Double> work = new HashMap<>();
        jdbc.sql("select promoter_id, sum(hours) from engagement.work_hours where month > ? group by promoter_id")
                .param(today.minusYears(policy.workYears()))
                .query((rs, n) -> work.put(rs.getLong(1), rs.getDouble(2)))
                .list();
        return promoters.stream()
                .map(p -> new WithCertification(
                        p,
                        policy.status(p.certifiedOn(), ce.getOrDefault(p.id(), List.of()), today),
                        work.getOrDefault(p.id(), 0.0)))
                .toList();
    }

    /** Promoters whose certification expires within the alert window without enough continuing education, or lapsed. */
    public List<WithCertification> alerts(LocalDate today) {
        return all(today).stream()
                .filter(p -> p.certification().state() == State.EXPIRING
                        || p.certification().state() == State.EXPIRED)
                .toList();
    }

    public Optional<WithCertification> find(long id, LocalDate today) {
        return all(today).stream().filter(p -> p.promoter().id() == id).findFirst();
    }

    public Optional<Promoter> byUsername(String username) {
        return jdbc.sql(SELECT + " where username = ?")
                .param(username)
                .query((rs, n) -> promoter(rs))
                .optional();
    }

    public List<Promoter> active() {
        return jdbc.sql(SELECT + " where status = 'ACTIVE' order by full_name")
                .query((rs, n) -> promoter(rs))
                .list();
    }

    public List<Completion> completions(long promoterId) {
        return jdbc.sql("""
                select c.code, c.title, c.topic, c.hours, c.continuing_ed, cc.completed_on
                from engagement.course_completion cc join engagement.course c on c.id = cc.course_id
                where cc.promoter_id = ? order by cc.completed_on desc""")
                .param(promoterId)
                .query((rs, n) -> new Completion(
                        rs.getString(1),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getBigDecimal(4),
                        rs.getBoolean(5),
                        rs.getObject(6, LocalDate.class)))
                .list();
    }

    public record Course(long id, String code, String title, BigDecimal hours, boolean continuingEd) {}

    public List<Course> courses() {
        return jdbc.sql("select id, code, title, hours, continuing_ed from engagement.course order by code")
                .query((rs, n) -> new Course(
                        rs.getLong(1), rs.getString(2), rs.getString(3), rs.getBigDecimal(4), rs.getBoolean(5)))
                .list();
    }

    /**
     * Records a completed course. Completing the certificate course certifies a promoter who is not yet certified
     * (certificate pathway).
     */
    @org.springframework.transaction.annotation.Transactional
    public void complete(long promoterId, long courseId, LocalDate on, LocalDate today) {
        if (on == null || on.isAfter(today)) {
            throw new IllegalArgumentException("date: required and not in the future");
        }
        boolean certificate = jdbc.sql("select certificate from engagement.course where id = ?")
                .param(courseId)
                .query(Boolean.class)
                .optional()
                .orElseThrow(() -> new java.util.NoSuchElementException("course " + courseId));
        jdbc.sql("""
                insert into engagement.course_completion (promoter_id, course_id, completed_on) values (?, ?, ?)
                on conflict do nothing""").params(promoterId, courseId, on).update();
        if (certificate) {
            jdbc.sql("""
                    update engagement.promoter set pathway = 'CERTIFICATE', certified_on = ?
                    where id = ? and certified_on is null""").params(on, promoterId).update();
        }
    }

    /**
     * Logs a month's work hours; on the work-experience pathway the promoter is certified on the month the hours
     * reach the policy's threshold.
     */
    @org.springframework.transaction.annotation.Transactional
    public void logHours(long promoterId, LocalDate month, double hours, LocalDate today) {
        if (month == null || month.isAfter(today)) {
            throw new IllegalArgumentException("month: required and not in the future");
        }
        if (hours <= 0 || hours > 400) {
            throw new IllegalArgumentException("hours: between 0 and 400 a month");
        }
        jdbc.sql("""
                insert into engagement.work_hours (promoter_id, month, hours) values (?, ?, ?)
                on conflict (promoter_id, month) do update set hours = excluded.hours""").params(promoterId, month.withDayOfMonth(1), hours).update();
        List<Hours> logged = jdbc.sql("select month, hours from engagement.work_hours where promoter_id = ?")
                .param(promoterId)
                .query((rs, n) -> new Hours(rs.getObject(1, LocalDate.class), rs.getDouble(2)))
                .list();
        LocalDate qualifies = policy.workExperienceQualifiesOn(logged);
        if (qualifies != null) {
            jdbc.sql("""
                    update engagement.promoter set pathway = 'WORK_EXPERIENCE', certified_on = ?
                    where id = ? and certified_on is null""").params(qualifies, promoterId).update();
        }
    }

    private static Promoter promoter(java.sql.ResultSet rs) throws java.sql.SQLException {
        java.sql.Array langs = rs.getArray(4);
        return new Promoter(
                rs.getLong(1),
                rs.getString(2),
                rs.getString(3),
                langs == null ? List.of() : List.of((String[]) langs.getArray()),
                rs.getInt(5),
                rs.getString(6),
                rs.getString(7),
                rs.getObject(8, LocalDate.class),
                rs.getString(9),
                rs.getObject(10, LocalDate.class),
                rs.getString(11));
    }
}
