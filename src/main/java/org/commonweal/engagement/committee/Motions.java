package org.commonweal.engagement.committee;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.commonweal.audit.AuditAction;
import org.commonweal.audit.AuditEntry;
import org.commonweal.audit.AuditTrail;
import org.commonweal.engagement.committee.RecommendationPath.Step;
import org.commonweal.engagement.committee.RecommendationPath.Tally;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Motions and recommendations, and their dated path to the Board of Governors. */
@Service
public class Motions {

    public record Motion(
            long id,
            long committeeId,
            String committeeCode,
            boolean fromEcac,
            Long meetingId,
            String title,
            String body,
            String topic,
            String moverName,
            Integer yes,
            Integer no,
            Integer abstain,
            RecommendationStage stage,
            String boardResponse,
            LocalDate createdOn,
            int responseDays) {}

    public record StepRow(RecommendationStage stage, LocalDate on, String by, String note) {}

    /** A motion with its history and whether the Board's response is overdue. */
    public record Tracked(Motion motion, List<StepRow> steps, LocalDate responseDue, boolean overdue) {}

    public record NewMotion(String title, String body, String topic, Long meetingId, Long moverMembershipId) {}

    private static final String SELECT = """
            select m.id, m.committee_id, c.code, c.kind = 'ECAC', m.meeting_id, m.title, m.body, m.topic,
                   mv.full_name, m.votes_yes, m.votes_no, m.votes_abstain, m.stage, m.board_response, m.created_on,
                   c.board_response_days
            from engagement.motion m join engagement.committee c on c.id = m.committee_id
            left join engagement.membership mv on mv.id = m.mover_membership_id""";

    private final JdbcClient jdbc;
    private final AuditTrail audit;
    private final CommitteeDirectory directory;

    Motions(JdbcClient jdbc, AuditTrail audit, CommitteeDirectory directory) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.directory = directory;
    }

    /**
     * How many can vote on the motion on {@code on}: those present at its meeting when attendance was taken there,
     * otherwise the members seated that day (#18: 40 yes votes were saved on a 29-seat committee).
     */
    public int voters(Motion motion, LocalDate on) {
        if (motion.meetingId() != null) {
            List<String> modes = jdbc.sql("select mode from engagement.attendance where meeting_id = ?")
                    .param(motion.meetingId())
                    .query(String.class)
                    .list();
            if (!modes.isEmpty()) {
                return (int) modes.stream()
                        .filter(m -> AttendanceMode.valueOf(m).present())
                        .count();
            }
        }
        return directory.activeRoster(motion.committeeId(), on).size();
    }

    public List<Tracked> list(
            String committeeCode, RecommendationStage stage, String topic, boolean overdueOnly, LocalDate today) {
        List<Motion> motions = jdbc.sql(SELECT + " " + """
                 where (cast(:code as text) is null or c.code = :code)
                   and (cast(:stage as text) is null or m.stage = :stage)
                   and (cast(:topic as text) is null or m.topic = :topic)
                 order by m.created_on desc, m.id desc""")
                .param("code", committeeCode)
                .param("stage", stage == null ? null : stage.name())
                .param("topic", topic)
                .query((rs, n) -> motion(rs))
                .list();
        return motions.stream()
                .map(m -> track(m, today))
                .filter(t -> !overdueOnly || t.overdue())
                .toList();
    }

    public Optional<Tracked> find(long id, LocalDate today) {
        return jdbc.sql(SELECT + " where m.id = ?")
                .param(id)
                .query((rs, n) -> motion(rs))
                .optional()
                .map(m -> track(m, today));
    }

    @Transactional
    public long propose(long committeeId, NewMotion motion, LocalDate on, String by) {
        require(motion.title(), "title");
        require(motion.body(), "text");
        require(motion.topic(), "topic");
        long id = jdbc.sql("""
                insert into engagement.motion (committee_id, meeting_id, title, body, topic, mover_membership_id,
                  stage, created_on) values (?, ?, ?, ?, ?, ?, 'PROPOSED', ?) returning id""")
                .params(
                        committeeId,
                        motion.meetingId(),
                        motion.title().strip(),
                        motion.body().strip(),
                        motion.topic(),
                        motion.moverMembershipId(),
                        on)
                .query(Long.class)
                .single();
        jdbc.sql(
                        "insert into engagement.motion_step (motion_id, stage, taken_on, taken_by) values (?, 'PROPOSED', ?, ?)")
                .params(id, on, by)
                .update();
        audit.record(AuditEntry.change(
                AuditAction.CREATE, "engagement-motion", String.valueOf(id), null, "committee business", "proposed"));
        return id;
    }

    /** Takes the next step; throws {@link IllegalArgumentException} with the reason when it is not allowed. */
    @Transactional
    public void advance(
            long id, RecommendationStage to, LocalDate on, String by, Tally tally, String boardResponse, String note) {
        Tracked tracked = find(id, on).orElseThrow(() -> new java.util.NoSuchElementException("motion " + id));
        jdbc.sql("select id from engagement.motion where id = ? for update")
                .param(id)
                .query(Long.class)
                .single();
        List<Step> history = tracked.steps().stream()
                .map(s -> new Step(s.stage(), s.on(), s.by()))
                .toList();
        RecommendationPath.checkStep(
                history, tracked.motion().fromEcac(), to, on, by, tally, boardResponse, directory.today());
        RecommendationPath.checkVotes(tally, voters(tracked.motion(), on));
        if (tally != null && tally.yes() != null) {
            jdbc.sql("update engagement.motion set votes_yes = ?, votes_no = ?, votes_abstain = ? where id = ?")
                    .params(tally.yes(), tally.no(), tally.abstain(), id)
                    .update();
        }
        if (to == RecommendationStage.BOARD_RESPONDED) {
            jdbc.sql("update engagement.motion set board_response = ? where id = ?")
                    .params(boardResponse.strip(), id)
                    .update();
        }
        jdbc.sql("update engagement.motion set stage = ? where id = ?")
                .params(to.name(), id)
                .update();
        jdbc.sql(
                        "insert into engagement.motion_step (motion_id, stage, taken_on, taken_by, note) values (?, ?, ?, ?, ?)")
                .params(id, to.name(), on, by, note == null || note.isBlank() ? null : note.strip())
                .update();
        audit.record(AuditEntry.change(
                AuditAction.UPDATE,
                "engagement-motion",
                String.valueOf(id),
                null,
                "committee business",
                tracked.motion().stage() + " -> " + to));
    }

    private Tracked track(Motion m, LocalDate today) {
        List<StepRow> steps = jdbc.sql("""
                select stage, taken_on, taken_by, note from engagement.motion_step where motion_id = ?
                order by taken_on, id""")
                .param(m.id())
                .query((rs, n) -> new StepRow(
                        RecommendationStage.valueOf(rs.getString(1)),
                        rs.getObject(2, LocalDate.class),
                        rs.getString(3),
                        rs.getString(4)))
                .list();
        List<Step> history =
                steps.stream().map(s -> new Step(s.stage(), s.on(), s.by())).toList();
        return new Tracked(
                m,
                steps,
                RecommendationPath.responseDue(history, m.responseDays()),
                RecommendationPath.overdue(history, m.responseDays(), today));
    }

    private static Motion motion(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Motion(
                rs.getLong(1),
                rs.getLong(2),
                rs.getString(3),
                rs.getBoolean(4),
                (Long) rs.getObject(5),
                rs.getString(6),
                rs.getString(7),
                rs.getString(8),
                rs.getString(9),
                (Integer) rs.getObject(10),
                (Integer) rs.getObject(11),
                (Integer) rs.getObject(12),
                RecommendationStage.valueOf(rs.getString(13)),
                rs.getString(14),
                rs.getObject(15, LocalDate.class),
                rs.getInt(16));
    }

    private static void require(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + " is required");
        }
    }
}
