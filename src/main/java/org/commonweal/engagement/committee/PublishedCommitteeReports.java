package org.commonweal.engagement.committee;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.commonweal.engagement.committee.CommitteeReports.AttendanceRate;
import org.commonweal.engagement.committee.CommitteeReports.Cell;
import org.commonweal.engagement.committee.CommitteeReports.Count;
import org.commonweal.platform.CellSuppression;
import org.commonweal.platform.Publication;

/**
 * Everything the committee reports page publishes (#19), with its counts as a reader may see them: one
 * {@link Publication} for the attendance table, the recommendations by status and by topic and the annual membership
 * report, with the relations a reader knows. A committee's marks are its in-person, remote, excused and absent counts
 * together (not published); each dimension of a committee's membership adds up to its members (not published); where
 * every seated member was marked at every meeting of the range (the practice), the marks are the members times the
 * meetings (shown: meetings are not people, and their minutes are public), so the attendance and membership tables tie
 * together; the recommendations by status and by topic add up to the same motions. Rows are ordered by committee,
 * stage and topic, never by count (an order by count would bound a masked count by its neighbours).
 *
 * <p>The membership report is public, so its masks are the same for every reader (staff included); staff see the
 * attendance and recommendation counts exactly.
 */
public final class PublishedCommitteeReports {

    /** The counts of an attendance row, in the page's order. */
    public static final List<String> MODES = List.of("in_person", "remote", "excused", "absent");

    private final List<AttendanceRate> attendance;
    private final List<Count> byStatus;
    private final List<Count> byTopic;
    private final List<Cell> membership;
    private final boolean suppress;
    private final CellSuppression.Masking masking;

    PublishedCommitteeReports(
            List<AttendanceRate> attendance,
            List<Count> byStatus,
            List<Count> byTopic,
            List<Cell> membership,
            boolean suppress) {
        this.attendance = attendance;
        this.byStatus = byStatus;
        this.byTopic = byTopic;
        this.suppress = suppress;
        this.masking = CellSuppression.protect(publication(attendance, byStatus, byTopic, membership));
        this.membership = membership.stream()
                .map(c -> new Cell(c.committee(), c.dimension(), c.category(), c.count(), masking.count(cellKey(c))))
                .toList();
    }

    private static Publication publication(
            List<AttendanceRate> attendance, List<Count> byStatus, List<Count> byTopic, List<Cell> membership) {
        var p = new Publication();
        Map<String, Map<String, List<Object>>> byCommittee = new LinkedHashMap<>();
        Map<String, Long> members = new LinkedHashMap<>();
        for (Cell c : membership) {
            p.count(cellKey(c), c.count());
            var dimensions = byCommittee.computeIfAbsent(c.committee(), k -> new LinkedHashMap<>());
            dimensions.computeIfAbsent(c.dimension(), k -> new ArrayList<>()).add(cellKey(c));
            // every member is counted once in each dimension (unreported as such), so the first gives the members
            if (dimensions.keySet().iterator().next().equals(c.dimension())) {
                members.merge(c.committee(), c.count(), Long::sum);
            }
        }
        byCommittee.forEach((committee, dimensions) -> {
            p.unpublished(membersKey(committee), members.get(committee));
            dimensions.values().forEach(parts -> p.sum(membersKey(committee), parts));
        });
        for (AttendanceRate a : attendance) {
            Object marks = List.of("attendance", a.committee(), "marks");
            p.unpublished(marks, a.marks());
            List<Object> modes = new ArrayList<>();
            for (String mode : MODES) {
                p.count(attendanceKey(a, mode), count(a, mode));
                modes.add(attendanceKey(a, mode));
            }
            p.sum(marks, modes);
            Long seated = members.get(a.committee());
            if (seated != null && a.meetings() > 0 && a.marks() == seated * a.meetings()) {
                // the same members at every meeting: marks = members × meetings, one seat-meeting per member each time
                List<Object> seatings = new ArrayList<>();
                for (long m = 0; m < a.meetings(); m++) {
                    Object seating = List.of("attendance", a.committee(), "seated at", m);
                    p.unpublished(seating, seated);
                    p.sum(membersKey(a.committee()), seating);
                    seatings.add(seating);
                }
                p.sum(marks, seatings);
            }
        }
        motions(p, "stage", byStatus);
        motions(p, "topic", byTopic);
        Object all = List.of("motions");
        if (!byStatus.isEmpty()) {
            p.unpublished(all, byStatus.stream().mapToLong(Count::count).sum());
            p.sum(all, byStatus.stream().map(c -> motionKey("stage", c)).toList());
            p.sum(all, byTopic.stream().map(c -> motionKey("topic", c)).toList());
        }
        return p;
    }

    private static void motions(Publication p, String by, List<Count> counts) {
        counts.forEach(c -> p.count(motionKey(by, c), c.count()));
    }

    private static long count(AttendanceRate a, String mode) {
        return switch (mode) {
            case "in_person" -> a.inPerson();
            case "remote" -> a.remote();
            case "excused" -> a.excused();
            case "absent" -> a.absent();
            default -> throw new IllegalArgumentException("mode " + mode);
        };
    }

    private static Object cellKey(Cell c) {
        return List.of("membership", c.committee(), c.dimension(), c.category());
    }

    private static Object membersKey(String committee) {
        return List.of("membership", committee, "members");
    }

    private static Object attendanceKey(AttendanceRate a, String mode) {
        return List.of("attendance", a.committee(), mode);
    }

    private static Object motionKey(String by, Count c) {
        return List.of("motions", by, c.label());
    }

    /** Whether the reader sees the rule applied to every table (analysts), not only to the public membership report. */
    public boolean suppressed() {
        return suppress;
    }

    public List<AttendanceRate> attendance() {
        return attendance;
    }

    public List<Count> byStatus() {
        return byStatus;
    }

    public List<Count> byTopic() {
        return byTopic;
    }

    /** The membership report's cells, each with its count as shown (masked for every reader). */
    public List<Cell> membership() {
        return membership;
    }

    /** An attendance row's count of one of {@link #MODES}, as shown. */
    public String attendance(AttendanceRate a, String mode) {
        return suppress ? masking.count(attendanceKey(a, mode)) : Long.toString(count(a, mode));
    }

    /** Whether an attendance row's rate is shown: none of its counts is masked. */
    public boolean showsRate(AttendanceRate a) {
        return !suppress
                || masking.shows(MODES.stream().map(m -> attendanceKey(a, m)).toArray());
    }

    /** The attendance rates for the chart, in percent: {@code NaN} (a gap) where masked. */
    public String chart() {
        return String.join(
                "|",
                attendance.stream()
                        .map(a -> showsRate(a) ? Long.toString(a.percent()) : "NaN")
                        .toList());
    }

    /** A count of motions by stage, as shown. */
    public String byStatus(Count c) {
        return suppress ? masking.count(motionKey("stage", c)) : Long.toString(c.count());
    }

    /** A count of motions by topic, as shown. */
    public String byTopic(Count c) {
        return suppress ? masking.count(motionKey("topic", c)) : Long.toString(c.count());
    }

    /** What stands in place of a masked figure (a rate among them). */
    public String mask() {
        return CellSuppression.MASK;
    }

    /** Cells masked in the publication (the membership report's masks are shown to every reader). */
    public int maskedCells() {
        return masking.maskedCells();
    }
}
