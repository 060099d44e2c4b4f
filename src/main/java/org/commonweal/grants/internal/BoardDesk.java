package org.commonweal.grants.internal;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.commonweal.grants.lifecycle.ApplicationStatus;
import org.commonweal.grants.lifecycle.GrantRuleViolation;
import org.commonweal.shell.Formats;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Board of Governors decisions: recommended applications are placed on a meeting's slate; the Board's action
 * (motion, date, approved or not) decides every pending item of the slate at once, and approval creates the awards.
 * Items added later go to the next action, so awards can be approved in batches as they are ready.
 */
@Component
class BoardDesk {

    record Meeting(long id, LocalDate meetingDate, String title) {}

    record SlateItem(
            long applicationId,
            String title,
            String organizationName,
            String ein,
            BigDecimal recommended,
            Long boardActionId,
            String motion,
            Boolean approved) {}

    record Action(
            long id, String motion, LocalDate actionDate, boolean approved, BigDecimal total, String recordedBy) {}

    private final JdbcClient jdbc;
    private final ApplicationDesk applications;
    private final GrantsCatalog catalog;
    private final AwardDesk awards;
    private final GrantsAudit audit;

    private final Formats formats;

    BoardDesk(
            JdbcClient jdbc,
            ApplicationDesk applications,
            GrantsCatalog catalog,
            AwardDesk awards,
            GrantsAudit audit,
            Formats formats) {
        this.formats = formats;
        this.jdbc = jdbc;
        this.applications = applications;
        this.catalog = catalog;
        this.awards = awards;
        this.audit = audit;
    }

    @Transactional
    long meeting(LocalDate date, String title, String actor) {
        if (date == null || title == null || title.isBlank()) {
            throw new GrantRuleViolation("A Board meeting needs a date and a title.");
        }
        if (title.length() > 200) {
            throw new GrantRuleViolation("The title can be at most 200 characters.");
        }
        if (date.isBefore(LocalDate.now().minusYears(1))
                || date.isAfter(LocalDate.now().plusYears(2))) {
            throw new GrantRuleViolation("A Board meeting is dated within a year back and two years ahead.");
        }
        long id = jdbc.sql("""
                insert into grants.board_meeting (meeting_date, title) values (?, ?)
                on conflict (meeting_date) do update set title = excluded.title returning id""").params(date, title.trim()).query(Long.class).single();
        audit.change(actor, org.commonweal.audit.AuditAction.CREATE, "grant-board-meeting", id, "meeting " + date);
        return id;
    }

    @Transactional
    void place(long meetingId, long applicationId, BigDecimal recommended, String actor) {
        var app = applications.find(applicationId).orElseThrow(() -> new GrantRuleViolation("No such application."));
        if (app.status() != ApplicationStatus.RECOMMENDED) {
            throw new GrantRuleViolation("Only applications recommended after review go on the Board slate.");
        }
        var cycle = catalog.cycle(app.cycleId()).orElseThrow();
        if (recommended == null
                || recommended.compareTo(cycle.awardFloor()) < 0
                || recommended.compareTo(cycle.awardCeiling()) > 0) {
            throw new GrantRuleViolation(
                    "The recommended amount must be between " + formats.money(cycle.awardFloor(), Locale.ENGLISH)
                            + " and " + formats.money(cycle.awardCeiling(), Locale.ENGLISH) + ".");
        }
        int rows = jdbc.sql(
                        "insert into grants.slate_item (meeting_id, application_id, recommended) values (?, ?, ?) on conflict do nothing")
                .params(meetingId, applicationId, recommended)
                .update();
        if (rows == 0) {
            throw new GrantRuleViolation("This application is already on a slate.");
        }
        audit.decision(
                actor,
                "grant-application",
                applicationId,
                "placed on Board slate " + meetingId + " at " + formats.money(recommended, Locale.ENGLISH));
    }

    /** Records the Board's action on every pending item of the meeting's slate; approval creates one award each. */
    @Transactional
    long act(
            long meetingId,
            String motion,
            LocalDate actionDate,
            boolean approved,
            LocalDate startsOn,
            int months,
            String actor) {
        if (motion == null || motion.isBlank() || actionDate == null) {
            throw new GrantRuleViolation("Record the motion and the date of the Board action.");
        }
        if (actionDate.isAfter(LocalDate.now())) {
            throw new GrantRuleViolation("A Board action is recorded once taken: " + actionDate + " is in the future.");
        }
        if (motion.length() > 2000) {
            throw new GrantRuleViolation("The motion can be at most 2,000 characters.");
        }
        List<SlateItem> pending =
                slate(meetingId).stream().filter(i -> i.boardActionId() == null).toList();
        if (pending.isEmpty()) {
            throw new GrantRuleViolation("No pending items on this meeting's slate.");
        }
        BigDecimal total = pending.stream().map(SlateItem::recommended).reduce(BigDecimal.ZERO, BigDecimal::add);
        long actionId = jdbc.sql("""
                insert into grants.board_action (meeting_id, motion, action_date, approved, total, recorded_by)
                values (?, ?, ?, ?, ?, ?) returning id""")
                .params(meetingId, motion.trim(), actionDate, approved, total, actor)
                .query(Long.class)
                .single();
        LocalDate start = startsOn == null ? actionDate.plusDays(30) : startsOn;
        for (SlateItem item : pending) {
            jdbc.sql("update grants.slate_item set board_action_id = ? where meeting_id = ? and application_id = ?")
                    .params(actionId, meetingId, item.applicationId())
                    .update();
            var app = applications.find(item.applicationId()).orElseThrow();
            applications.move(
                    app.id(),
                    app.status().moveTo(approved ? ApplicationStatus.APPROVED : ApplicationStatus.DECLINED),
                    null);
            if (approved) {
                var cycle = catalog.cycle(app.cycleId()).orElseThrow();
                awards.create(
                        new AwardDesk.NewAward(
                                app.id(),
                                app.organizationId(),
                                cycle.programId(),
                                cycle.id(),
                                app.title(),
                                item.recommended(),
                                actionDate,
                                start,
                                start.plusMonths(Math.max(1, months)).minusDays(1),
                                actionId),
                        actor);
            }
        }
        audit.decision(
                actor,
                "grant-board-action",
                actionId,
                (approved ? "approved " : "not approved ") + pending.size() + " applications, "
                        + formats.money(total, Locale.ENGLISH) + " — motion: " + motion.trim());
        return actionId;
    }

    List<Meeting> meetings() {
        return jdbc.sql("select * from grants.board_meeting order by meeting_date desc limit 50")
                .query((rs, n) -> new Meeting(
                        rs.getLong("id"), rs.getObject("meeting_date", LocalDate.class), rs.getString("title")))
                .list();
    }

    Optional<Meeting> find(long id) {
        return meetings().stream().filter(m -> m.id() == id).findFirst();
    }

    List<SlateItem> slate(long meetingId) {
        return jdbc.sql("""
                select s.*, a.title, o.legal_name, o.ein, b.motion, b.approved from grants.slate_item s
                join grants.application a on a.id = s.application_id join grants.organization o on o.id = a.organization_id
                left join grants.board_action b on b.id = s.board_action_id where s.meeting_id = ? order by o.legal_name""")
                .param(meetingId)
                .query((rs, n) -> new SlateItem(
                        rs.getLong("application_id"),
                        rs.getString("title"),
                        rs.getString("legal_name"),
                        rs.getString("ein"),
                        rs.getBigDecimal("recommended"),
                        (Long) rs.getObject("board_action_id"),
                        rs.getString("motion"),
                        (Boolean) rs.getObject("approved")))
                .list();
    }

    List<Action> actions(long meetingId) {
        return jdbc.sql("select * from grants.board_action where meeting_id = ? order by id")
                .param(meetingId)
                .query((rs, n) -> new Action(
                        rs.getLong("id"),
                        rs.getString("motion"),
                        rs.getObject("action_date", LocalDate.class),
                        rs.getBoolean("approved"),
                        rs.getBigDecimal("total"),
                        rs.getString("recorded_by")))
                .list();
    }
}
