package org.commonweal.engagement.committee;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.commonweal.audit.AuditAction;
import org.commonweal.audit.AuditEntry;
import org.commonweal.audit.AuditTrail;
import org.commonweal.engagement.committee.CommitteeDirectory.Committee;
import org.commonweal.platform.PlanIdentity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Seats people on committees, changes their status, and schedules meetings. */
@Service
public class CommitteeAdministration {

    public record NewMembership(
            String fullName,
            String memberId,
            Seat seat,
            String representsCommittee,
            boolean consumer,
            boolean advocate,
            boolean provider,
            String productLine,
            List<String> languages,
            String raceEthnicity,
            String ageBand,
            String sex,
            LocalDate termStart,
            LocalDate termEnd,
            String interpreterLanguage,
            boolean asl,
            boolean captioning,
            UUID personId) {}

    public record NewMeeting(
            LocalDateTime startsAt,
            String place,
            String virtualLink,
            String agenda,
            LocalDate agendaPostedOn,
            List<String> interpretationLanguages) {}

    static final List<String> STATUSES = List.of("ACTIVE", "RESIGNED", "REMOVED", "TERM_ENDED");

    private final JdbcClient jdbc;
    private final AuditTrail audit;

    private final java.time.ZoneId zone;

    CommitteeAdministration(JdbcClient jdbc, AuditTrail audit, PlanIdentity plan) {
        this.zone = plan.timeZone();
        this.jdbc = jdbc;
        this.audit = audit;
    }

    /** Seats a person; the composition check then shows whether the committee still meets its rules. */
    @Transactional
    public long seat(Committee committee, NewMembership m) {
        List<String> problems = new ArrayList<>();
        if (m.fullName() == null || m.fullName().isBlank()) {
            problems.add("name: required");
        }
        if (m.seat() == null) {
            problems.add("seat: required");
        } else if (m.seat() == Seat.AT_LARGE && !committee.ecac()) {
            problems.add("seat: only the ECAC has at-large seats");
        }
        if (m.termStart() == null) {
            problems.add("term start: required");
        } else if (m.termEnd() != null && m.termEnd().isBefore(m.termStart())) {
            problems.add("term end: before the term start");
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        UUID person = m.personId() != null ? m.personId() : UUID.randomUUID();
        long id = jdbc.sql("""
                insert into engagement.membership (committee_id, person_id, full_name, member_id, seat,
                  represents_committee, consumer, advocate, provider, product_line, languages, race_ethnicity, age_band,
                  sex, term_start, term_end, interpreter_language, asl, captioning)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::text[], ?, ?, ?, ?, ?, ?, ?, ?) returning id""")
                .params(
                        committee.id(),
                        person,
                        m.fullName().strip(),
                        blank(m.memberId()),
                        m.seat().name(),
                        blank(m.representsCommittee()),
                        m.consumer(),
                        m.advocate(),
                        m.provider(),
                        blank(m.productLine()),
                        codes(m.languages()),
                        blank(m.raceEthnicity()),
                        blank(m.ageBand()),
                        blank(m.sex()),
                        m.termStart(),
                        m.termEnd(),
                        blank(m.interpreterLanguage()),
                        m.asl(),
                        m.captioning())
                .query(Long.class)
                .single();
        audit.record(AuditEntry.change(
                AuditAction.CREATE,
                "engagement-membership",
                String.valueOf(id),
                blank(m.memberId()),
                "committee administration",
                committee.code() + " " + m.seat()));
        return id;
    }

    @Transactional
    public void changeStatus(long membershipId, String status, LocalDate on) {
        if (!STATUSES.contains(status)) {
            throw new IllegalArgumentException("status must be one of " + STATUSES);
        }
        String memberId = jdbc.sql("select member_id from engagement.membership where id = ? for update")
                .param(membershipId)
                .query((rs, n) -> java.util.Optional.ofNullable(rs.getString(1)))
                .optional()
                .orElseThrow(() -> new java.util.NoSuchElementException("membership " + membershipId))
                .orElse(null);
        jdbc.sql("""
                update engagement.membership set status = ?,
                  term_end = case when ? = 'ACTIVE' then term_end else least(coalesce(term_end, ?), ?) end
                where id = ?""").params(status, status, on, on, membershipId).update();
        audit.record(AuditEntry.change(
                AuditAction.UPDATE,
                "engagement-membership",
                String.valueOf(membershipId),
                memberId,
                "committee administration",
                "status " + status));
    }

    @Transactional
    public long schedule(Committee committee, NewMeeting m) {
        if (m.startsAt() == null) {
            throw new IllegalArgumentException("date and time: required");
        }
        if ((m.place() == null || m.place().isBlank())
                && (m.virtualLink() == null || m.virtualLink().isBlank())) {
            throw new IllegalArgumentException("place or virtual link: give at least one (meetings are public)");
        }
        if (m.agendaPostedOn() != null
                && m.agendaPostedOn().isAfter(m.startsAt().toLocalDate())) {
            throw new IllegalArgumentException("agenda posted on: after the meeting");
        }
        if (m.agendaPostedOn() != null && (m.agenda() == null || m.agenda().isBlank())) {
            throw new IllegalArgumentException("agenda: cannot be posted empty");
        }
        long id = jdbc.sql("""
                insert into engagement.meeting (committee_id, starts_at, place, virtual_link, agenda, agenda_posted_on,
                  interpretation_languages) values (?, ?, ?, ?, ?, ?, ?::text[]) returning id""")
                .params(
                        committee.id(),
                        m.startsAt().atZone(zone).toOffsetDateTime(),
                        blank(m.place()),
                        blank(m.virtualLink()),
                        blank(m.agenda()),
                        m.agendaPostedOn(),
                        codes(m.interpretationLanguages()))
                .query(Long.class)
                .single();
        audit.record(AuditEntry.change(
                AuditAction.CREATE,
                "engagement-meeting",
                String.valueOf(id),
                null,
                "committee administration",
                committee.code()));
        return id;
    }

    /** A text[] literal of language codes; anything that is not a 2–3 letter code is refused. */
    static String codes(List<String> codes) {
        List<String> clean = codes == null
                ? List.of()
                : codes.stream().map(String::strip).filter(c -> !c.isEmpty()).toList();
        for (String c : clean) {
            if (!c.matches("[a-z]{2,3}")) {
                throw new IllegalArgumentException("languages: '" + c + "' is not a language code such as es or ko");
            }
        }
        return "{" + String.join(",", clean) + "}";
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
