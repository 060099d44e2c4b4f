package org.commonweal.engagement.committee;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.commonweal.platform.CellSuppression;
import org.commonweal.platform.PlanIdentity;
import org.commonweal.platform.Publication;
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

    /** A count of the published membership report, and how it is shown under the plan's small-cell rule. */
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

    public List<Count> recommendationsByStatus() {
        return jdbc.sql("select 'stage', stage, count(*) from engagement.motion group by stage order by 3 desc")
                .query((rs, n) -> new Count(rs.getString(1), rs.getString(2), rs.getLong(3)))
                .list();
    }

    public List<Count> recommendationsByTopic() {
        return jdbc.sql("select 'topic', topic, count(*) from engagement.motion group by topic order by 3 desc")
                .query((rs, n) -> new Count(rs.getString(1), rs.getString(2), rs.getLong(3)))
                .list();
    }

    /**
     * Active members on {@code on} per committee by self-reported dimension (unreported shown as such), as published:
     * the report is public, so the plan's {@link CellSuppression} rule always applies, over all of it at once — each
     * dimension of a committee adds up to the same membership (not published, but one dimension gives it for the
     * others), so a small category is complemented until no dimension gives it back.
     */
    public List<Cell> membership(LocalDate on) {
        List<Cell> counts = membershipCounts(on);
        var p = new Publication();
        Map<String, Map<String, List<Object>>> byCommittee = new LinkedHashMap<>();
        for (Cell c : counts) {
            Object key = List.of(c.committee(), c.dimension(), c.category());
            p.count(key, c.count());
            byCommittee
                    .computeIfAbsent(c.committee(), k -> new LinkedHashMap<>())
                    .computeIfAbsent(c.dimension(), k -> new ArrayList<>())
                    .add(key);
        }
        byCommittee.forEach((committee, dimensions) -> {
            Object total = List.of(committee, "members");
            // every member reports each dimension (or is counted as not reported), so any dimension sums to them
            long members = counts.stream()
                    .filter(c -> c.committee().equals(committee)
                            && c.dimension()
                                    .equals(dimensions.keySet().iterator().next()))
                    .mapToLong(Cell::count)
                    .sum();
            p.unpublished(total, members);
            dimensions.values().forEach(parts -> p.relate(total, parts));
        });
        var m = CellSuppression.protect(p);
        return counts.stream()
                .map(c -> new Cell(
                        c.committee(),
                        c.dimension(),
                        c.category(),
                        c.count(),
                        m.count(List.of(c.committee(), c.dimension(), c.category()))))
                .toList();
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
