package org.commonweal.housing.outcomes;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.commonweal.coverage.Coverage;
import org.commonweal.coverage.ProductLine;
import org.commonweal.housing.jdbc.RecordRows;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Medi-Cal coverage and PCP assignment in the 12 months before and after move-in, for housed clients linked to a
 * member, by program. Reads coverage only through the {@link Coverage} facade (each member's spans, audited there
 * with this report's purpose). Utilisation (ED visits, admissions) would need claims or encounters, which
 * Commonweal does not hold yet.
 */
@Service
class HealthUseReport {

    static final String PURPOSE = "housing outcomes: coverage before and after housing";

    record Stay(long clientId, String memberId, String program, LocalDate moveIn) {}

    /** One program (or the total): how many could be measured, and the sums over those. */
    record Row(
            String group,
            long housed,
            long notMember,
            long tooRecent,
            long noCoverageData,
            long measured,
            long monthsBefore,
            long monthsAfter,
            long gapBefore,
            long gapAfter,
            long pcpBefore,
            long pcpAfter) {

        Row plus(Row o, String name) {
            return new Row(
                    name,
                    housed + o.housed,
                    notMember + o.notMember,
                    tooRecent + o.tooRecent,
                    noCoverageData + o.noCoverageData,
                    measured + o.measured,
                    monthsBefore + o.monthsBefore,
                    monthsAfter + o.monthsAfter,
                    gapBefore + o.gapBefore,
                    gapAfter + o.gapAfter,
                    pcpBefore + o.pcpBefore,
                    pcpAfter + o.pcpAfter);
        }
    }

    private final JdbcClient jdbc;
    private final Coverage coverage;

    HealthUseReport(JdbcClient jdbc, Coverage coverage) {
        this.jdbc = jdbc;
        this.coverage = coverage;
    }

    /** First move-in of each client in a permanent housing project. */
    List<Stay> stays() {
        return jdbc.sql("""
                select distinct on (e.client_id) e.client_id, c.member_id, p.name, e.move_in_date
                from housing.enrollment e join housing.client c on c.id = e.client_id
                join housing.project p on p.id = e.project_id
                where e.move_in_date is not null and p.project_type in (3, 9, 10, 13)
                order by e.client_id, e.move_in_date""").query(RecordRows.of(Stay.class)).list();
    }

    /** Rows by program, then the total. */
    List<Row> rows(LocalDate today) {
        Set<String> medicaid = coverage.productLines().stream()
                .filter(ProductLine::medicaid)
                .map(ProductLine::code)
                .collect(Collectors.toSet());
        Map<String, Row> byProgram = new LinkedHashMap<>();
        for (Stay stay : stays().stream()
                .sorted(java.util.Comparator.comparing(Stay::program))
                .toList()) {
            byProgram.merge(stay.program(), row(stay, today, medicaid), (a, b) -> a.plus(b, a.group()));
        }
        List<Row> rows = new java.util.ArrayList<>(byProgram.values());
        rows.add(rows.stream().reduce(empty("total"), (a, b) -> a.plus(b, "total")));
        return rows;
    }

    private Row row(Stay stay, LocalDate today, Set<String> medicaid) {
        String g = stay.program();
        if (stay.memberId() == null) {
            return new Row(g, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0);
        }
        if (!HealthUse.afterWindowComplete(stay.moveIn(), today)) {
            return new Row(g, 1, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0);
        }
        var windows = HealthUse.of(stay.moveIn(), coverage.spans(stay.memberId(), PURPOSE), medicaid);
        if (windows.isEmpty()) {
            return new Row(g, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0);
        }
        var w = windows.get();
        return new Row(
                g,
                1,
                0,
                0,
                0,
                1,
                w.monthsBefore(),
                w.monthsAfter(),
                w.gapBefore() ? 1 : 0,
                w.gapAfter() ? 1 : 0,
                w.pcpAtMoveIn() ? 1 : 0,
                w.pcpAfterYear() ? 1 : 0);
    }

    private static Row empty(String group) {
        return new Row(group, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
    }
}
