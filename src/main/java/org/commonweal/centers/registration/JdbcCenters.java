package org.commonweal.centers.registration;

import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.commonweal.audit.AuditAction;
import org.commonweal.audit.AuditEntry;
import org.commonweal.audit.AuditTrail;
import org.commonweal.centers.Center;
import org.commonweal.centers.Centers;
import org.commonweal.centers.ClassSession;
import org.commonweal.centers.NewParticipant;
import org.commonweal.centers.ParticipantKind;
import org.commonweal.centers.Registration;
import org.commonweal.centers.RegistrationChanged;
import org.commonweal.centers.RegistrationChannel;
import org.commonweal.centers.RegistrationException;
import org.commonweal.centers.RegistrationStatus;
import org.commonweal.centers.schedule.SessionQueries;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Registrations under the session's row lock: every change that moves a seat first locks the session row
 * ({@code select … for update}), so seats are counted one transaction at a time and capacity is never exceeded;
 * the arrival number is drawn inside the lock, so the waitlist is first come, first served.
 */
@Service
public class JdbcCenters implements Centers {

    private static final String CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
    private static final SecureRandom RANDOM = new SecureRandom();
    static final String REGISTRATION_SELECT = """
            select id, session_id, participant_id, status, confirmation_code, arrival, offered_until, checked_in_at,
                   created_at from centers.registration""";

    private final JdbcClient jdbc;
    private final SessionQueries queries;
    private final AuditTrail audit;
    private final ApplicationEventPublisher events;
    private final Notifications notifications;
    private final Duration offerWindow;

    JdbcCenters(
            JdbcClient jdbc,
            SessionQueries queries,
            AuditTrail audit,
            ApplicationEventPublisher events,
            Notifications notifications,
            @Value("${commonweal.centers.offer-hours:24}") long offerHours) {
        this.jdbc = jdbc;
        this.queries = queries;
        this.audit = audit;
        this.events = events;
        this.notifications = notifications;
        this.offerWindow = Duration.ofHours(offerHours);
    }

    @Override
    public List<Center> centers() {
        return queries.centers();
    }

    @Override
    public Optional<Center> center(String code) {
        return queries.center(code);
    }

    @Override
    public Optional<ClassSession> nextSession(String category, String language, java.time.LocalDate from) {
        var now = java.time.Instant.now();
        var open =
                queries
                        .sessions(new SessionQueries.Filter(null, category, null, null, from, from.plusMonths(3), 200))
                        .stream()
                        .filter(s -> !s.cancelled()
                                && s.seatsLeft() > 0
                                && s.startsAt().isAfter(now))
                        .toList();
        return open.stream()
                .filter(s -> s.language() != null && s.language().equals(language))
                .findFirst()
                .or(() -> open.stream().findFirst());
    }

    @Override
    public Optional<ClassSession> session(long sessionId) {
        return queries.session(sessionId);
    }

    @Override
    public List<MemberClass> upcomingFor(String memberId, int limit, String purpose) {
        record Row(long sessionId, String status, String code) {}
        List<Row> rows = jdbc.sql("""
                select g.session_id, g.status, g.confirmation_code from centers.registration g
                join centers.participant p on p.id = g.participant_id
                join centers.class_session s on s.id = g.session_id
                where p.member_id = ? and g.status in ('registered', 'waitlisted', 'offered')
                  and s.ends_at > now() and s.status <> 'cancelled'
                order by s.starts_at, s.id limit ?""")
                .params(memberId, limit)
                .query((rs, n) -> new Row(rs.getLong(1), rs.getString(2), rs.getString(3)))
                .list();
        audit.record(AuditEntry.read("class-registrations", memberId, memberId, purpose));
        List<MemberClass> out = new java.util.ArrayList<>();
        for (Row r : rows) {
            queries.session(r.sessionId())
                    .ifPresent(s -> out.add(new MemberClass(s, RegistrationStatus.of(r.status()), r.code())));
        }
        return out;
    }

    record LockedSession(long id, int capacity, int taken, boolean cancelled, Instant startsAt, Instant endsAt) {}

    LockedSession lock(long sessionId) {
        return jdbc.sql("""
                select id, capacity, taken, status = 'cancelled', starts_at, ends_at from centers.class_session
                where id = ? for update""")
                .param(sessionId)
                .query((rs, n) -> new LockedSession(
                        rs.getLong(1),
                        rs.getInt(2),
                        rs.getInt(3),
                        rs.getBoolean(4),
                        SessionQueries.instant(rs, 5),
                        SessionQueries.instant(rs, 6)))
                .optional()
                .orElseThrow(() -> new RegistrationException("session", "no session " + sessionId));
    }

    @Override
    @Transactional
    public Registration register(long sessionId, NewParticipant person, RegistrationChannel channel, String actor) {
        LockedSession session = lock(sessionId);
        if (session.cancelled()) {
            throw new RegistrationException("session", "this session is cancelled");
        }
        if (session.endsAt().isBefore(Instant.now())) {
            throw new RegistrationException("session", "this session is over");
        }
        if (person.memberId() == null && sameNameAndContact(sessionId, person)) {
            throw new RegistrationException("participant", "is already registered for this session");
        }
        Participant participant = participant(person);
        // someone recorded just now cannot be on the session yet; only a known member needs the check
        if (participant.known()
                && jdbc.sql("""
                select exists (select 1 from centers.registration where session_id = ? and participant_id = ?
                  and status in ('registered', 'waitlisted', 'offered', 'attended'))""")
                        .params(sessionId, participant.id())
                        .query(Boolean.class)
                        .single()) {
            throw new RegistrationException("participant", "is already registered for this session");
        }
        RegistrationStatus status = RegistrationStatus.forArrival(session.capacity(), session.taken());
        String code = newCode();
        Registration registration = jdbc.sql("""
                insert into centers.registration (session_id, participant_id, status, confirmation_code, channel)
                values (?, ?, ?, ?, ?) returning id, arrival, created_at""")
                .params(sessionId, participant.id(), status.code(), code, channel.code())
                .query((rs, n) -> new Registration(
                        rs.getLong(1),
                        sessionId,
                        participant.id(),
                        status,
                        code,
                        rs.getLong(2),
                        null,
                        null,
                        SessionQueries.instant(rs, 3)))
                .single();
        long id = registration.id();
        jdbc.sql(
                        status == RegistrationStatus.REGISTERED
                                ? "update centers.class_session set taken = taken + 1 where id = ?"
                                : "update centers.class_session set waitlisted = waitlisted + 1 where id = ?")
                .param(sessionId)
                .update();
        changed(id, sessionId, null, status, actor);
        audit(
                actor,
                AuditEntry.change(
                        AuditAction.CREATE,
                        "center-registration",
                        String.valueOf(id),
                        person.memberId(),
                        "class registration (" + channel.code() + ")",
                        status.code()));
        notifications.registration(id, status == RegistrationStatus.REGISTERED ? "confirmed" : "waitlisted");
        return registration;
    }

    /**
     * Someone without a member id is the same person when the name and a phone number or email match a live
     * registration of the session (#18: the same person registered twice took two seats).
     */
    private boolean sameNameAndContact(long sessionId, NewParticipant p) {
        String phone = p.phone() == null ? "" : p.phone().replaceAll("\\D", "");
        String email = p.email() == null ? "" : p.email().toLowerCase(java.util.Locale.ROOT);
        if (phone.isEmpty() && email.isEmpty()) {
            return false;
        }
        return jdbc.sql("""
                select exists (select 1 from centers.registration r join centers.participant p on p.id = r.participant_id
                  where r.session_id = ? and r.status in ('registered', 'waitlisted', 'offered', 'attended')
                    and lower(p.first_name) = lower(?) and lower(p.last_name) = lower(?)
                    and ((? <> '' and regexp_replace(coalesce(p.phone, ''), '\\D', '', 'g') = ?)
                      or (? <> '' and lower(coalesce(p.email, '')) = ?)))""")
                .params(sessionId, p.firstName(), p.lastName(), phone, phone, email, email)
                .query(Boolean.class)
                .single();
    }

    private record Participant(long id, boolean known) {}

    /** An L.A. Care member is one participant across registrations; others are recorded as they register. */
    private Participant participant(NewParticipant p) {
        if (p.kind() == ParticipantKind.PLAN_MEMBER) {
            Optional<Long> existing = jdbc.sql(
                            "select id from centers.participant where member_id = ? and kind = 'lacare' order by id limit 1")
                    .param(p.memberId())
                    .query(Long.class)
                    .optional();
            if (existing.isPresent()) {
                return new Participant(existing.get(), true);
            }
        }
        return new Participant(
                jdbc.sql("""
                insert into centers.participant (kind, member_id, first_name, last_name, phone, email, zip, language,
                  consent_contact, accessibility) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) returning id""")
                        .params(
                                p.kind().code(),
                                p.memberId(),
                                p.firstName(),
                                p.lastName(),
                                p.phone(),
                                p.email(),
                                p.zip(),
                                p.language(),
                                p.consentToContact(),
                                p.accessibilityNeeds())
                        .query(Long.class)
                        .single(),
                false);
    }

    @Override
    public Optional<Registration> registration(String confirmationCode) {
        if (confirmationCode == null) {
            return Optional.empty();
        }
        return jdbc.sql(REGISTRATION_SELECT + " where confirmation_code = ?")
                .param(confirmationCode.strip().toUpperCase())
                .query(JdbcCenters::registration)
                .optional();
    }

    Registration byId(long id) {
        return jdbc.sql(REGISTRATION_SELECT + " where id = ?")
                .param(id)
                .query(JdbcCenters::registration)
                .single();
    }

    /** Locks the registration's session, then reads the registration as it stands under that lock. */
    private Registration lockByCode(String code) {
        Registration r = registration(code)
                .orElseThrow(() -> new RegistrationException("confirmationCode", "no registration with this code"));
        lock(r.sessionId());
        return byId(r.id());
    }

    @Override
    @Transactional
    public Registration cancel(String confirmationCode, String actor) {
        Registration r = lockByCode(confirmationCode);
        cancelLocked(r, "cancelled by " + actor, actor);
        offerFreedSeats(r.sessionId(), actor);
        return byId(r.id());
    }

    void cancelLocked(Registration r, String reason, String actor) {
        r.status().moveTo(RegistrationStatus.CANCELLED);
        jdbc.sql(
                        "update centers.registration set status = 'cancelled', cancel_reason = ?, updated_at = now() where id = ?")
                .params(reason, r.id())
                .update();
        jdbc.sql(
                        r.status().holdsSeat()
                                ? "update centers.class_session set taken = taken - 1 where id = ?"
                                : "update centers.class_session set waitlisted = waitlisted - 1 where id = ?")
                .param(r.sessionId())
                .update();
        changed(r.id(), r.sessionId(), r.status(), RegistrationStatus.CANCELLED, actor);
        auditChange(r, "cancel: " + reason, actor);
    }

    /** While the (locked) session has a free seat and someone waits, the first in line is offered the seat. */
    int offerFreedSeats(long sessionId, String actor) {
        LockedSession s = lock(sessionId);
        if (s.cancelled()) {
            return 0;
        }
        int offered = 0;
        int free = s.capacity() - s.taken();
        while (free > 0) {
            Optional<Registration> next = jdbc.sql(REGISTRATION_SELECT
                            + " where session_id = ? and status = 'waitlisted' order by arrival limit 1")
                    .param(sessionId)
                    .query(JdbcCenters::registration)
                    .optional();
            if (next.isEmpty()) {
                break;
            }
            Instant deadline = Instant.now().plus(offerWindow);
            if (deadline.isAfter(s.startsAt())) {
                deadline = s.startsAt();
            }
            next.get().status().moveTo(RegistrationStatus.OFFERED);
            jdbc.sql(
                            "update centers.registration set status = 'offered', offered_until = ?, updated_at = now() where id = ?")
                    .params(
                            OffsetDateTime.ofInstant(deadline, ZoneOffset.UTC),
                            next.get().id())
                    .update();
            jdbc.sql("update centers.class_session set taken = taken + 1, waitlisted = waitlisted - 1 where id = ?")
                    .param(sessionId)
                    .update();
            changed(next.get().id(), sessionId, RegistrationStatus.WAITLISTED, RegistrationStatus.OFFERED, actor);
            notifications.registration(next.get().id(), "offered");
            free--;
            offered++;
        }
        return offered;
    }

    @Override
    @Transactional
    public Registration acceptOffer(String confirmationCode, String actor) {
        Registration r = lockByCode(confirmationCode);
        if (r.status() != RegistrationStatus.OFFERED) {
            throw new RegistrationException(
                    "status",
                    "there is no open offer on this registration (" + r.status().code() + ")");
        }
        if (r.offeredUntil() != null && r.offeredUntil().isBefore(Instant.now())) {
            throw new RegistrationException("offeredUntil", "the offer ran out at " + r.offeredUntil());
        }
        return move(r, RegistrationStatus.REGISTERED, actor, "offer accepted", "confirmed");
    }

    @Override
    @Transactional
    public Registration checkIn(String confirmationCode, String actor) {
        Registration r = lockByCode(confirmationCode);
        if (r.status() == RegistrationStatus.OFFERED) {
            r = move(r, RegistrationStatus.REGISTERED, actor, "offer accepted at check-in", null);
        }
        if (r.status() == RegistrationStatus.ATTENDED) {
            return r;
        }
        r.status().moveTo(RegistrationStatus.ATTENDED);
        jdbc.sql(
                        "update centers.registration set status = 'attended', checked_in_at = now(), updated_at = now() where id = ?")
                .param(r.id())
                .update();
        jdbc.sql("""
                insert into centers.visit (center_id, visited_at, service, participant_id, member_id, plan, language, spa,
                  registration_id, staff)
                select s.center_id, now(), 'class', p.id, p.member_id, p.kind, p.language, c.spa, r.id, ?
                from centers.registration r join centers.participant p on p.id = r.participant_id
                join centers.class_session s on s.id = r.session_id join centers.center c on c.id = s.center_id
                where r.id = ?""").params(actor, r.id()).update();
        changed(r.id(), r.sessionId(), r.status(), RegistrationStatus.ATTENDED, actor);
        auditChange(r, "check-in", actor);
        return byId(r.id());
    }

    /** After the session: a registered person who did not come. The seat stays counted (it was held). */
    @Transactional
    public Registration markNoShow(String confirmationCode, String actor) {
        Registration r = lockByCode(confirmationCode);
        return move(r, RegistrationStatus.NO_SHOW, actor, "no-show", null);
    }

    private Registration move(Registration r, RegistrationStatus to, String actor, String detail, String notice) {
        r.status().moveTo(to);
        jdbc.sql("update centers.registration set status = ?, updated_at = now() where id = ?")
                .params(to.code(), r.id())
                .update();
        changed(r.id(), r.sessionId(), r.status(), to, actor);
        auditChange(r, detail, actor);
        if (notice != null) {
            notifications.registration(r.id(), notice);
        }
        return byId(r.id());
    }

    @Override
    @Transactional
    public int expireOffers() {
        List<Long> sessions = jdbc.sql("""
                select distinct session_id from centers.registration where status = 'offered' and offered_until < now()""").query(Long.class).list();
        int passed = 0;
        for (long sessionId : sessions) {
            lock(sessionId);
            List<Registration> expired = jdbc.sql(REGISTRATION_SELECT
                            + " where session_id = ? and status = 'offered' and offered_until < now() order by arrival")
                    .param(sessionId)
                    .query(JdbcCenters::registration)
                    .list();
            for (Registration r : expired) {
                cancelLocked(r, "offer not answered by " + r.offeredUntil(), "offer-expiry");
                passed++;
            }
            offerFreedSeats(sessionId, "offer-expiry");
        }
        return passed;
    }

    private void changed(long id, long sessionId, RegistrationStatus from, RegistrationStatus to, String actor) {
        jdbc.sql(
                        "insert into centers.registration_history (registration_id, from_status, to_status, actor) values (?, ?, ?, ?)")
                .params(id, from == null ? null : from.code(), to.code(), actor)
                .update();
        events.publishEvent(new RegistrationChanged(id, sessionId, from, to));
    }

    private void auditChange(Registration r, String detail, String actor) {
        String memberId = jdbc.sql("select member_id from centers.participant where id = ?")
                .param(r.participantId())
                .query(String.class)
                .optional()
                .orElse(null);
        audit(
                actor,
                AuditEntry.change(
                        AuditAction.UPDATE,
                        "center-registration",
                        String.valueOf(r.id()),
                        memberId,
                        "class registration",
                        detail));
    }

    /** Under a login or a web request the trail knows who; a scheduled job is named by its actor. */
    private void audit(String actor, AuditEntry entry) {
        if (org.springframework.security.core.context.SecurityContextHolder.getContext()
                        .getAuthentication()
                == null) {
            audit.recordAs(actor, entry);
        } else {
            audit.record(entry);
        }
    }

    static String newCode() {
        char[] c = new char[8];
        for (int i = 0; i < c.length; i++) {
            c[i] = CODE_ALPHABET.charAt(RANDOM.nextInt(CODE_ALPHABET.length()));
        }
        return new String(c);
    }

    static Registration registration(ResultSet rs, int n) throws SQLException {
        return new Registration(
                rs.getLong(1),
                rs.getLong(2),
                rs.getLong(3),
                RegistrationStatus.of(rs.getString(4)),
                rs.getString(5),
                rs.getLong(6),
                SessionQueries.instant(rs, 7),
                SessionQueries.instant(rs, 8),
                SessionQueries.instant(rs, 9));
    }
}
