package org.commonweal.engagement.committee;

import java.time.LocalDate;
import java.util.List;
import org.commonweal.platform.CellSuppression;
import org.commonweal.platform.PlanIdentity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Attendance rates, recommendations by status and topic, and the annual membership report. */
@Repository
public class CommitteeReports {

    public record AttendanceRate(
            String committee, long meetings, long marks, long inPerson, long remote, long excused, long absent) {
        public double rate() {
            return marks == 0 ? 0 : (double) (inPerson + remote) / marks;
        }

        public long percent() {
            return Math.round(rate() * 100);
        }
    }

    public record Count(String group, String label, long count) {}

    /** A count of the published membership report, and how it is shown under the plan's small-cell rule (or null). */
    public record Cell(String committee, String dimension, String category, long count, String shown) {}

    private final JdbcClient jdbc;

    /** The plan's time zone id: a meeting's date is its day there. */
    private final String zone;

    CommitteeReports(JdbcClient jdbc, PlanIdentity plan) {
        this.zone = plan.timeZone().getId();
        this.jdbc = jdbc;
    }

    public List<AttendanceRate> attendance(LocalDate from, LocalDate to) {
        return jdbc.sql("""
                select c.code, count(distinct m.id), count(a.*),
                  count(*) filter (where a.mode = 'IN_PERSON'), count(*) filter (where a.mode = 'REMOTE'),
                  count(*) filter (where a.mode = 'EXCUSED'), count(*) filter (where a.mode = 'ABSENT')
                from engagement.committee c
                join engagement.meeting m on m.committee_id = c.id and m.status = 'HELD'
                  and (m.starts_at at time zone cast(? as text))::date between ? and ?
                left join engagement.attendance a on a.meeting_id = m.id
                group by c.id, c.code order by c.kind desc, c.region_number""")
                .params(zone, from, to)
                .query((rs, n) -> new AttendanceRate(
                        rs.getString(1),
                        rs.getLong(2),
                        rs.getLong(3),
                        rs.getLong(4),
                        rs.getLong(5),
                        rs.getLong(6),
                        rs.getLong(7)))
                .list();
    }

    /** Motions by stage, in the stages' order (never by count: see {@link PublishedCommitteeReports}). */
    public List<Count> recommendationsByStatus() {
        return jdbc
                .sql("select 'stage', stage, count(*) from engagement.motion group by stage")
                .query((rs, n) -> new Count(rs.getString(1), rs.getString(2), rs.getLong(3)))
                .list()
                .stream()
                .sorted(java.util.Comparator.comparing(
                        c -> RecommendationStage.valueOf(c.label()).ordinal()))
                .toList();
    }

    /** Motions by topic, in the topics' order. */
    public List<Count> recommendationsByTopic() {
        return jdbc.sql("select 'topic', topic, count(*) from engagement.motion group by topic order by topic")
                .query((rs, n) -> new Count(rs.getString(1), rs.getString(2), rs.getLong(3)))
                .list();
    }

    /**
     * The committee reports page: attendance over the range, the recommendations, and the membership on {@code on} per
     * committee by self-reported dimension (unreported shown as such), as a reader may see them — the plan's
     * {@link CellSuppression} rule over all of it at once (always on the public membership report, on every table when
     * {@code suppress}).
     */
    public PublishedCommitteeReports published(LocalDate from, LocalDate to, LocalDate on, boolean suppress) {
        return new PublishedCommitteeReports(
                attendance(from, to),
                recommendationsByStatus(),
                recommendationsByTopic(),
                membershipCounts(on),
                suppress);
    }

    private List<Cell> membershipCounts(LocalDate on) {
        return jdbc.sql("""
                select c.code, d.dimension, coalesce(d.category, 'not-reported'), count(*)
                from engagement.membership ms join engagement.committee c on c.id = ms.committee_id
                cross join lateral (values ('race_ethnicity', ms.race_ethnicity), ('age_band', ms.age_band),
                   ('sex', ms.sex), ('product_line', ms.product_line)) d(dimension, category)
                where ms.status = 'ACTIVE' and ms.term_start <= ? and (ms.term_end is null or ms.term_end >= ?)
                group by c.kind, c.region_number, c.code, d.dimension, 3
                order by c.kind desc, c.region_number, d.dimension, 3""")
                .params(on, on)
                .query((rs, n) -> new Cell(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4), null))
                .list();
    }
}
