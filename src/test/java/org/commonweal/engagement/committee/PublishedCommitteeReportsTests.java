package org.commonweal.engagement.committee;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.commonweal.engagement.committee.CommitteeReports.AttendanceRate;
import org.commonweal.engagement.committee.CommitteeReports.Cell;
import org.commonweal.engagement.committee.CommitteeReports.Count;
import org.commonweal.platform.LinearAttacker;
import org.junit.jupiter.api.Test;

class PublishedCommitteeReportsTests {

    /** 25 members, every category of both dimensions 11 or more: the members are known from either. */
    static final List<Cell> MEMBERSHIP = List.of(
            new Cell("RCAC-1", "age_band", "18-64", 25, null),
            new Cell("RCAC-1", "sex", "F", 12, null),
            new Cell("RCAC-1", "sex", "M", 13, null));

    /** Two meetings, all 25 marked at both: 50 marks, 5 of them excused. */
    static final List<AttendanceRate> ATTENDANCE = List.of(new AttendanceRate("RCAC-1", 2, 50, 30, 15, 5, 0));

    static final List<Count> BY_STATUS = List.of(
            new Count("stage", "PROPOSED", 12), new Count("stage", "ADOPTED", 3), new Count("stage", "CLOSED", 15));
    static final List<Count> BY_TOPIC =
            List.of(new Count("topic", "pharmacy", 14), new Count("topic", "transportation", 16));

    static PublishedCommitteeReports reports(boolean suppress) {
        return new PublishedCommitteeReports(ATTENDANCE, BY_STATUS, BY_TOPIC, MEMBERSHIP, suppress);
    }

    @Test
    void staffSeeAttendanceAndMotionsExactlyAndThePublicMembershipReportAsAnalystsDo() {
        var exact = reports(false);
        var shown = reports(true);
        assertThat(exact.attendance(ATTENDANCE.getFirst(), "excused")).isEqualTo("5");
        assertThat(exact.byStatus(BY_STATUS.get(1))).isEqualTo("3");
        assertThat(exact.showsRate(ATTENDANCE.getFirst())).isTrue();
        assertThat(exact.membership()).isEqualTo(shown.membership());
    }

    @Test
    void aSmallAttendanceCountCannotBeWorkedBackFromMembersTimesMeetings() {
        var shown = reports(true);
        var a = ATTENDANCE.getFirst();
        assertThat(shown.attendance(a, "excused")).isEqualTo("*");
        assertThat(shown.showsRate(a)).isFalse();
        assertThat(shown.chart()).isEqualTo("NaN");
        // the row rule alone (only the 5 and the rate masked) gives 25 × 2 - 30 - 15 - 0 = 5 back
        var attacker = new LinearAttacker();
        List<String> modes = new ArrayList<>();
        for (String mode : PublishedCommitteeReports.MODES) {
            attacker.read(mode, shown.attendance(a, mode));
            modes.add(mode);
        }
        attacker.unpublished("marks").sum("marks", modes);
        attacker.unpublished("members");
        for (String dimension : List.of("age_band", "sex")) {
            List<String> parts = new ArrayList<>();
            shown.membership().stream()
                    .filter(c -> c.dimension().equals(dimension))
                    .forEach(c -> {
                        attacker.read(c.category(), c.shown());
                        parts.add(c.category());
                    });
            attacker.sum("members", parts);
        }
        attacker.unpublished("seated 1").unpublished("seated 2");
        attacker.sum("members", List.of("seated 1")).sum("members", List.of("seated 2"));
        attacker.sum("marks", List.of("seated 1", "seated 2"));
        assertThat(attacker.masked()).hasSizeGreaterThan(1);
        assertThat(attacker.breaches()).isEmpty();
    }

    @Test
    void aSmallCountOfMotionsCannotBeWorkedBackFromTheTopicsTotal() {
        var shown = reports(true);
        assertThat(shown.byStatus(BY_STATUS.get(1))).isEqualTo("*");
        var attacker = new LinearAttacker().unpublished("motions");
        List<String> status = new ArrayList<>();
        BY_STATUS.forEach(c -> {
            attacker.read(c.label(), shown.byStatus(c));
            status.add(c.label());
        });
        List<String> topic = new ArrayList<>();
        BY_TOPIC.forEach(c -> {
            attacker.read(c.label(), shown.byTopic(c));
            topic.add(c.label());
        });
        attacker.sum("motions", status).sum("motions", topic);
        assertThat(attacker.breaches()).isEmpty();
    }
}
