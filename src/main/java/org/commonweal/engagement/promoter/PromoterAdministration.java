package org.commonweal.engagement.promoter;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.commonweal.audit.AuditAction;
import org.commonweal.audit.AuditEntry;
import org.commonweal.audit.AuditTrail;
import org.commonweal.geography.Geography;
import org.commonweal.geography.Language;
import org.commonweal.geography.Region;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Engagement staff keep the Health Promoter roster: a promoter's name, member id, supervisor, status, languages, SPA
 * (region), start date and login; courses completed and monthly work hours. Every problem is reported at once,
 * keyed by its field; nothing is saved until all are fixed. Every change is audited.
 */
@Service
public class PromoterAdministration {

    public static final List<String> STATUSES = List.of("ACTIVE", "ON_LEAVE", "INACTIVE");

    /** A promoter as entered in the form. */
    public record Draft(
            String fullName,
            String memberId,
            List<String> languages,
            Integer spa,
            String supervisor,
            String status,
            LocalDate startDate,
            String username) {}

    /** Thrown with the problems by field name: form field → message key ({@code engagement.error.…}). */
    public static class Invalid extends IllegalArgumentException {
        private final Map<String, String> fields;

        Invalid(Map<String, String> fields) {
            super(fields.entrySet().stream()
                    .map(e -> e.getKey() + ": " + e.getValue())
                    .reduce((a, b) -> a + "; " + b)
                    .orElse("invalid"));
            this.fields = Map.copyOf(fields);
        }

        public Map<String, String> fields() {
            return fields;
        }
    }

    private final JdbcClient jdbc;
    private final Geography geography;
    private final PromoterRoster roster;
    private final AuditTrail audit;

    PromoterAdministration(JdbcClient jdbc, Geography geography, PromoterRoster roster, AuditTrail audit) {
        this.jdbc = jdbc;
        this.geography = geography;
        this.roster = roster;
        this.audit = audit;
    }

    /** The problems of a draft by field, empty when it can be saved ({@code id}: the promoter edited, or null). */
    public Map<String, String> problems(Draft d, Long id, LocalDate today) {
        Map<String, String> p = new LinkedHashMap<>();
        if (blank(d.fullName())) {
            p.put("fullName", "engagement.error.required");
        } else if (d.fullName().trim().length() > 120) {
            p.put("fullName", "engagement.error.tooLong");
        }
        if (!blank(d.memberId()) && !d.memberId().trim().matches("[A-Za-z0-9-]{4,20}")) {
            p.put("memberId", "engagement.error.memberId");
        }
        Set<String> known =
                Set.copyOf(geography.languages().stream().map(Language::code).toList());
        List<String> languages = d.languages() == null ? List.of() : d.languages();
        if (languages.isEmpty()) {
            p.put("languages", "engagement.error.languages");
        } else {
            languages.stream()
                    .filter(l -> !known.contains(l))
                    .findFirst()
                    .ifPresent(l -> p.put("languages", "engagement.error.language"));
        }
        Set<Integer> spas = Set.copyOf(
                geography.servicePlanningAreas().stream().map(Region::number).toList());
        if (d.spa() == null) {
            p.put("spa", "engagement.error.required");
        } else if (!spas.contains(d.spa())) {
            p.put("spa", "engagement.error.spa");
        }
        if (blank(d.supervisor())) {
            p.put("supervisor", "engagement.error.required");
        } else if (d.supervisor().trim().length() > 120) {
            p.put("supervisor", "engagement.error.tooLong");
        }
        if (!STATUSES.contains(d.status())) {
            p.put("status", "engagement.error.status");
        }
        if (d.startDate() == null) {
            p.put("startDate", "engagement.error.required");
        } else if (d.startDate().isAfter(today.plusMonths(3))) {
            p.put("startDate", "engagement.error.startAhead");
        } else if (d.startDate().isBefore(LocalDate.of(1990, 1, 1))) {
            p.put("startDate", "engagement.error.startOld");
        }
        if (!blank(d.username())) {
            if (!d.username().trim().matches("[A-Za-z0-9._@-]{3,60}")) {
                p.put("username", "engagement.error.username");
            } else if (jdbc.sql("select count(*) from engagement.promoter where username = ? and id <> ?")
                            .params(d.username().trim(), id == null ? -1L : id)
                            .query(Long.class)
                            .single()
                    > 0) {
                p.put("username", "engagement.error.usernameTaken");
            }
        }
        return p;
    }

    @Transactional
    public long create(Draft d, LocalDate today) {
        check(d, null, today);
        long id = jdbc.sql("""
                insert into engagement.promoter (member_id, full_name, languages, spa, supervisor, status, start_date,
                    username) values (?, ?, ?, ?, ?, ?, ?, ?) returning id""")
                .params(
                        trim(d.memberId()),
                        d.fullName().trim(),
                        d.languages().toArray(String[]::new),
                        d.spa(),
                        d.supervisor().trim(),
                        d.status(),
                        d.startDate(),
                        trim(d.username()))
                .query(Long.class)
                .single();
        audit.record(AuditEntry.change(
                AuditAction.CREATE,
                "engagement-promoter",
                String.valueOf(id),
                trim(d.memberId()),
                "promoter program",
                "promoter added, SPA " + d.spa() + ", " + d.status()));
        return id;
    }

    @Transactional
    public void update(long id, Draft d, LocalDate today) {
        var before = roster.find(id, today)
                .orElseThrow(() -> new java.util.NoSuchElementException("promoter " + id))
                .promoter();
        check(d, id, today);
        jdbc.sql("""
                update engagement.promoter set member_id = ?, full_name = ?, languages = ?, spa = ?, supervisor = ?,
                    status = ?, start_date = ?, username = ? where id = ?""")
                .params(
                        trim(d.memberId()),
                        d.fullName().trim(),
                        d.languages().toArray(String[]::new),
                        d.spa(),
                        d.supervisor().trim(),
                        d.status(),
                        d.startDate(),
                        trim(d.username()),
                        id)
                .update();
        audit.record(AuditEntry.change(
                AuditAction.UPDATE,
                "engagement-promoter",
                String.valueOf(id),
                trim(d.memberId()) == null ? before.memberId() : trim(d.memberId()),
                "promoter program",
                changes(before, d)));
    }

    /** Records a completed course, or reports the problems by field ({@code courseId}, {@code on}). */
    @Transactional
    public void complete(long id, Long courseId, LocalDate on, LocalDate today) {
        var promoter = roster.find(id, today)
                .orElseThrow(() -> new java.util.NoSuchElementException("promoter " + id))
                .promoter();
        Map<String, String> p = new LinkedHashMap<>();
        if (courseId == null || roster.courses().stream().noneMatch(c -> c.id() == courseId)) {
            p.put("courseId", "engagement.error.course");
        }
        if (on == null) {
            p.put("on", "engagement.error.required");
        } else if (on.isAfter(today)) {
            p.put("on", "engagement.error.future");
        }
        if (!p.isEmpty()) {
            throw new Invalid(p);
        }
        roster.complete(id, courseId, on, today);
        audit.record(AuditEntry.change(
                AuditAction.UPDATE,
                "engagement-promoter",
                String.valueOf(id),
                promoter.memberId(),
                "promoter program",
                "course " + courseId + " completed on " + on));
    }

    /** Logs a month's hours, or reports the problems by field ({@code month}, {@code hours}). */
    @Transactional
    public void logHours(long id, java.time.YearMonth month, String hours, LocalDate today) {
        var promoter = roster.find(id, today)
                .orElseThrow(() -> new java.util.NoSuchElementException("promoter " + id))
                .promoter();
        Map<String, String> p = new LinkedHashMap<>();
        if (month == null) {
            p.put("month", "engagement.error.required");
        } else if (month.isAfter(java.time.YearMonth.from(today))) {
            p.put("month", "engagement.error.future");
        }
        double value = 0;
        try {
            value = Double.parseDouble(hours == null ? "" : hours.trim());
            if (value <= 0 || value > 400) {
                p.put("hours", "engagement.error.hours");
            }
        } catch (NumberFormatException e) {
            p.put("hours", "engagement.error.number");
        }
        if (!p.isEmpty()) {
            throw new Invalid(p);
        }
        roster.logHours(id, month.atDay(1), value, today);
        audit.record(AuditEntry.change(
                AuditAction.UPDATE,
                "engagement-promoter",
                String.valueOf(id),
                promoter.memberId(),
                "promoter program",
                "work hours " + month + ": " + value));
    }

    private void check(Draft d, Long id, LocalDate today) {
        Map<String, String> p = problems(d, id, today);
        if (!p.isEmpty()) {
            throw new Invalid(p);
        }
    }

    private static String changes(PromoterRoster.Promoter b, Draft d) {
        StringBuilder s = new StringBuilder();
        diff(s, "name", b.fullName(), d.fullName().trim());
        diff(s, "member id", b.memberId(), trim(d.memberId()));
        diff(s, "languages", String.join(",", b.languages()), String.join(",", d.languages()));
        diff(s, "SPA", String.valueOf(b.spa()), String.valueOf(d.spa()));
        diff(s, "supervisor", b.supervisor(), d.supervisor().trim());
        diff(s, "status", b.status(), d.status());
        diff(s, "start date", String.valueOf(b.startDate()), String.valueOf(d.startDate()));
        diff(s, "login", b.username(), trim(d.username()));
        return s.isEmpty() ? "no change" : "changed " + s;
    }

    private static void diff(StringBuilder s, String field, String before, String after) {
        if (!java.util.Objects.equals(before, after)) {
            s.append(s.isEmpty() ? "" : ", ").append(field);
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static String trim(String s) {
        return blank(s) ? null : s.trim();
    }
}
