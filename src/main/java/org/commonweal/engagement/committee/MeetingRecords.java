package org.commonweal.engagement.committee;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Map;
import org.commonweal.audit.AuditAction;
import org.commonweal.audit.AuditEntry;
import org.commonweal.audit.AuditTrail;
import org.commonweal.engagement.committee.CommitteeDirectory.Committee;
import org.commonweal.engagement.committee.CommitteeDirectory.Meeting;
import org.commonweal.engagement.committee.CommitteeDirectory.Membership;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Records attendance (and the stipends it earns) and the minutes of a meeting. */
@Service
public class MeetingRecords {

    public record Mark(AttendanceMode mode, BigDecimal miles) {}

    private final JdbcClient jdbc;
    private final CommitteeDirectory directory;
    private final AuditTrail audit;

    MeetingRecords(JdbcClient jdbc, CommitteeDirectory directory, AuditTrail audit) {
        this.jdbc = jdbc;
        this.directory = directory;
        this.audit = audit;
    }

    /**
     * Records attendance for the members listed and recomputes their unpaid stipends. A member not seated on the
     * meeting date is refused; stipends already approved or paid are left alone.
     */
    @Transactional
    public int recordAttendance(Committee committee, Meeting meeting, Map<Long, Mark> marks) {
        if (meeting.startsAt().isAfter(java.time.OffsetDateTime.now())) {
            throw new IllegalArgumentException("attendance is taken once the meeting has started");
        }
        Map<Long, Membership> seated = new java.util.HashMap<>();
        directory.activeRoster(committee.id(), meeting.day()).forEach(m -> seated.put(m.id(), m));
        StipendRule rule = committee.stipendRule();
        int changed = 0;
        for (var entry : marks.entrySet()) {
            Membership member = seated.get(entry.getKey());
            if (member == null) {
                throw new IllegalArgumentException("membership " + entry.getKey() + " is not seated on "
                        + committee.code() + " on " + meeting.day());
            }
            Mark mark = entry.getValue();
            BigDecimal miles = mark.miles() == null ? BigDecimal.ZERO : mark.miles();
            if (miles.signum() < 0 || miles.compareTo(BigDecimal.valueOf(500)) > 0) {
                throw new IllegalArgumentException("miles for " + member.fullName() + " must be 0–500, not " + miles);
            }
            jdbc.sql("""
                    insert into engagement.attendance (meeting_id, membership_id, mode, miles) values (?, ?, ?, ?)
                    on conflict (meeting_id, membership_id) do update set mode = excluded.mode, miles = excluded.miles
                    """)
                    .params(meeting.id(), member.id(), mark.mode().name(), miles)
                    .update();
            jdbc.sql("delete from engagement.stipend where meeting_id = ? and membership_id = ? and status = 'PENDING'")
                    .params(meeting.id(), member.id())
                    .update();
            StipendRule.Payment pay = rule.pay(mark.mode(), miles);
            if (pay != null) {
                jdbc.sql("""
                        insert into engagement.stipend (meeting_id, membership_id, stipend_amount, miles,
                          mileage_amount, status) values (?, ?, ?, ?, ?, 'PENDING')
                        on conflict (meeting_id, membership_id) do nothing""")
                        .params(meeting.id(), member.id(), pay.stipend(), pay.miles(), pay.mileage())
                        .update();
            }
            changed++;
        }
        jdbc.sql("update engagement.meeting set status = 'HELD' where id = ? and status = 'SCHEDULED'")
                .param(meeting.id())
                .update();
        audit.record(AuditEntry.change(
                AuditAction.UPDATE,
                "engagement-meeting",
                String.valueOf(meeting.id()),
                null,
                "committee attendance",
                changed + " attendance marks"));
        return changed;
    }

    /** The longest minutes kept as text (longer ones are a document upload); also the column's check. */
    public static final int MINUTES_MAX = 20_000;

    /**
     * Every problem of the minutes form (#18) by field, each a message code of the engagement bundle (its {0} is the
     * field's name) followed by its arguments; empty when the minutes can be recorded.
     */
    public static java.util.Map<String, Object[]> minutesProblems(
            Meeting meeting, String minutes, LocalDate approvedOn, LocalDate postedOn, LocalDate today) {
        java.util.Map<String, Object[]> problems = new java.util.LinkedHashMap<>();
        if (minutes != null && minutes.strip().length() > MINUTES_MAX) {
            problems.put("minutes", new Object[] {"Size", MINUTES_MAX});
        }
        if (approvedOn != null && approvedOn.isBefore(meeting.day())) {
            problems.put("approvedOn", new Object[] {
                "engagement.minutes.error.beforeMeeting", meeting.day().toString()
            });
        } else if (approvedOn != null && approvedOn.isAfter(today)) {
            problems.put("approvedOn", new Object[] {"form.date.notFuture"});
        }
        if (postedOn != null && approvedOn == null) {
            problems.put("postedOn", new Object[] {"engagement.minutes.error.notApproved"});
        } else if (postedOn != null && postedOn.isBefore(approvedOn)) {
            problems.put("postedOn", new Object[] {"engagement.minutes.error.beforeApproval", approvedOn.toString()});
        } else if (postedOn != null && postedOn.isAfter(today)) {
            problems.put("postedOn", new Object[] {"form.date.notFuture"});
        }
        return problems;
    }

    @Transactional
    public void recordMinutes(Meeting meeting, String minutes, LocalDate approvedOn, LocalDate postedOn) {
        if (minutes != null && minutes.strip().length() > MINUTES_MAX) {
            throw new IllegalArgumentException("minutes: at most " + MINUTES_MAX + " characters");
        }
        if (postedOn != null && approvedOn == null) {
            throw new IllegalArgumentException("minutes are posted only after they are approved");
        }
        if (approvedOn != null && approvedOn.isBefore(meeting.day())) {
            throw new IllegalArgumentException("minutes cannot be approved before the meeting (" + meeting.day() + ")");
        }
        if (postedOn != null && postedOn.isBefore(approvedOn)) {
            throw new IllegalArgumentException("minutes cannot be posted before they are approved");
        }
        jdbc.sql("""
                update engagement.meeting set minutes = ?, minutes_approved_on = ?, minutes_posted_on = ? where id = ?
                """)
                .params(
                        minutes == null || minutes.isBlank() ? null : minutes.strip(),
                        approvedOn,
                        postedOn,
                        meeting.id())
                .update();
        audit.record(AuditEntry.change(
                AuditAction.UPDATE,
                "engagement-meeting",
                String.valueOf(meeting.id()),
                null,
                "committee minutes",
                "minutes"));
    }
}
