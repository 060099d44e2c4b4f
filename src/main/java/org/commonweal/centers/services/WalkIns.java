package org.commonweal.centers.services;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import org.commonweal.audit.AuditAction;
import org.commonweal.audit.AuditEntry;
import org.commonweal.audit.AuditTrail;
import org.commonweal.centers.RegistrationException;
import org.commonweal.centers.schedule.SessionQueries;
import org.commonweal.platform.PlanIdentity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Walk-in services logged by staff, and screenings (protected: every write and read is audited). */
@Component
public class WalkIns {

    public static final List<String> SERVICES = List.of(
            "enrolment",
            "renewal",
            "id-card",
            "pcp-change",
            "member-services",
            "telehealth-room",
            "wifi",
            "social-services-referral",
            "food-pantry");
    private static final Set<String> PLANS = Set.of("lacare", "bsp", "community");

    private final JdbcClient jdbc;
    private final AuditTrail audit;

    private final ZoneId zone;

    private final org.springframework.context.ApplicationEventPublisher events;

    WalkIns(
            JdbcClient jdbc,
            AuditTrail audit,
            PlanIdentity plan,
            org.springframework.context.ApplicationEventPublisher events) {
        this.events = events;
        this.zone = plan.timeZone();
        this.jdbc = jdbc;
        this.audit = audit;
    }

    /** A walk-in at the desk; lengths match the columns' checks (V2026.12.05.418). */
    public record NewVisit(
            @NotBlank @Size(max = 40) String centerCode,
            @NotBlank @Size(max = 40) String service,
            @NotBlank @Size(max = 20) String plan,
            @Size(max = 20) String memberId,
            @Size(max = 20) String language,
            @Size(max = 10) String zip,
            @Size(max = 500) String note) {}

    public record Visit(
            long id, Instant at, String service, String plan, String memberId, String language, String staff) {}

    @Transactional
    public long log(NewVisit v, String staff) {
        if (!SERVICES.contains(v.service())) {
            throw new RegistrationException("service", "must be one of " + SERVICES);
        }
        if (!PLANS.contains(v.plan())) {
            throw new RegistrationException("plan", "must be lacare, bsp or community");
        }
        String memberId = blank(v.memberId());
        if (memberId != null && !v.plan().equals("lacare")) {
            throw new RegistrationException("memberId", "only the plan's own members (lacare) are linked by member id");
        }
        long id = jdbc.sql("""
                insert into centers.visit (center_id, visited_at, service, member_id, plan, language, spa, staff, note)
                select c.id, now(), ?, ?, ?, ?, coalesce((select spa from geography.zip_area where zip = ?), c.spa), ?, ?
                from centers.center c where c.code = ? returning id""")
                .params(
                        v.service(),
                        memberId,
                        v.plan(),
                        v.language() == null ? "en" : v.language(),
                        blank(v.zip()),
                        staff,
                        blank(v.note()),
                        v.centerCode())
                .query(Long.class)
                .optional()
                .orElseThrow(() -> new RegistrationException("center", "no center " + v.centerCode()));
        audit.record(AuditEntry.change(
                AuditAction.CREATE, "center-visit", String.valueOf(id), memberId, "walk-in service", v.service()));
        return id;
    }

    public List<Visit> today(String centerCode) {
        var from = java.time.LocalDate.now(zone).atStartOfDay(zone).toOffsetDateTime();
        return jdbc.sql("""
                select v.id, v.visited_at, v.service, v.plan, v.member_id, v.language, v.staff from centers.visit v
                join centers.center c on c.id = v.center_id where c.code = ? and v.visited_at >= ? and v.service <> 'class'
                order by v.visited_at desc limit 100""")
                .params(centerCode, from)
                .query((rs, n) -> new Visit(
                        rs.getLong(1),
                        SessionQueries.instant(rs, 2),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getString(5),
                        rs.getString(6),
                        rs.getString(7)))
                .list();
    }

    /** The measures, within what can be measured (the same bounds as the columns' checks). */
    public record NewScreening(
            @NotBlank @Size(max = 40) String centerCode,
            @Size(max = 20) String memberId,
            @Size(max = 20) String plan,
            @Min(50) @Max(300) Integer systolic,
            @Min(20) @Max(200) Integer diastolic,
            @Min(10) @Max(1000) Integer glucose,
            Boolean fasting,
            @DecimalMin("40") @DecimalMax("250") Double heightCm,
            @DecimalMin("2") @DecimalMax("400") Double weightKg) {}

    public record Screening(
            long id,
            Instant at,
            String memberId,
            Integer systolic,
            Integer diastolic,
            Integer glucose,
            Boolean fasting,
            BigDecimal bmi,
            List<String> flags,
            String referral)
            implements java.io.Serializable {}

    @Transactional
    public Screening screen(NewScreening s, String staff) {
        if (s.systolic() == null && s.glucose() == null && s.heightCm() == null) {
            throw new RegistrationException("measures", "enter at least one measure");
        }
        if ((s.systolic() == null) != (s.diastolic() == null)) {
            throw new RegistrationException("diastolic", "blood pressure needs both numbers");
        }
        if ((s.heightCm() == null) != (s.weightKg() == null)) {
            throw new RegistrationException("weightKg", "BMI needs height and weight");
        }
        var result = ScreeningRanges.assess(
                s.systolic(), s.diastolic(), s.glucose(), s.fasting(), s.heightCm(), s.weightKg());
        String referral = result.needsFollowUp() ? "primary care follow-up" : null;
        String memberId = blank(s.memberId());
        long id;
        try {
            id = jdbc.sql("""
                    insert into centers.screening (center_id, member_id, measured_at, systolic, diastolic, glucose_mg_dl,
                      fasting, height_cm, weight_kg, bmi, flags, referral, staff)
                    select id, ?, now(), ?, ?, ?, ?, ?, ?, ?, ?, ?, ? from centers.center where code = ? returning id""")
                    .params(
                            memberId,
                            s.systolic(),
                            s.diastolic(),
                            s.glucose(),
                            s.fasting(),
                            s.heightCm(),
                            s.weightKg(),
                            result.bmi(),
                            result.flags().toArray(String[]::new),
                            referral,
                            staff,
                            s.centerCode())
                    .query(Long.class)
                    .optional()
                    .orElseThrow(() -> new RegistrationException("center", "no center " + s.centerCode()));
        } catch (org.springframework.dao.DataIntegrityViolationException e) {
            throw new RegistrationException("measures", "a value is outside what can be measured");
        }
        jdbc.sql("""
                insert into centers.visit (center_id, visited_at, service, member_id, plan, language, spa, staff)
                select id, now(), 'screening', ?, ?, 'en', spa, ? from centers.center where code = ?""")
                .params(
                        memberId,
                        s.plan() == null || !PLANS.contains(s.plan()) ? "community" : s.plan(),
                        staff,
                        s.centerCode())
                .update();
        audit.record(AuditEntry.change(
                AuditAction.CREATE,
                "center-screening",
                String.valueOf(id),
                memberId,
                "health screening",
                String.join(",", result.flags())));
        if (memberId != null) {
            var measuredAt = jdbc.sql("select measured_at from centers.screening where id = ?")
                    .param(id)
                    .query((rs, n) -> SessionQueries.instant(rs, 1))
                    .single();
            events.publishEvent(new org.commonweal.centers.ScreeningRecorded(
                    id,
                    s.centerCode(),
                    memberId,
                    measuredAt,
                    s.systolic(),
                    s.diastolic(),
                    s.glucose(),
                    s.fasting(),
                    s.heightCm(),
                    s.weightKg()));
        }
        return new Screening(
                id,
                Instant.now(),
                memberId,
                s.systolic(),
                s.diastolic(),
                s.glucose(),
                s.fasting(),
                result.bmi(),
                result.flags(),
                referral);
    }

    /** Today's screenings at a center: protected data, so the read is audited. */
    public List<Screening> screeningsToday(String centerCode) {
        var from = java.time.LocalDate.now(zone).atStartOfDay(zone).toOffsetDateTime();
        List<Screening> list = jdbc.sql("""
                select s.id, s.measured_at, s.member_id, s.systolic, s.diastolic, s.glucose_mg_dl, s.fasting, s.bmi,
                       s.flags, s.referral from centers.screening s join centers.center c on c.id = s.center_id
                where c.code = ? and s.measured_at >= ? order by s.measured_at desc limit 100""")
                .params(centerCode, from)
                .query((rs, n) -> new Screening(
                        rs.getLong(1),
                        SessionQueries.instant(rs, 2),
                        rs.getString(3),
                        (Integer) rs.getObject(4),
                        (Integer) rs.getObject(5),
                        (Integer) rs.getObject(6),
                        (Boolean) rs.getObject(7),
                        rs.getBigDecimal(8),
                        List.of((String[]) rs.getArray(9).getArray()),
                        rs.getString(10)))
                .list();
        audit.record(new AuditEntry(
                AuditAction.READ,
                "center-screening",
                null,
                null,
                "screenings of the day",
                "center=" + centerCode + " rows=" + list.size()));
        return list;
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
