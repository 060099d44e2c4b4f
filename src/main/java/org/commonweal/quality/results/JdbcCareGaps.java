package org.commonweal.quality.results;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.commonweal.audit.AuditEntry;
import org.commonweal.audit.AuditTrail;
import org.commonweal.coverage.Coverage;
import org.commonweal.quality.CareGap;
import org.commonweal.quality.CareGaps;
import org.commonweal.quality.DueCare;
import org.commonweal.quality.gaps.GapReasons;
import org.commonweal.quality.measure.MeasureCatalog;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

@Component
class JdbcCareGaps implements CareGaps {

    private final JdbcClient jdbc;
    private final MeasureCatalog catalog;
    private final AuditTrail audit;

    private final Coverage coverage;
    private final MessageSource messages;

    JdbcCareGaps(JdbcClient jdbc, MeasureCatalog catalog, AuditTrail audit, Coverage coverage, MessageSource messages) {
        this.coverage = coverage;
        this.messages = messages;
        this.jdbc = jdbc;
        this.catalog = catalog;
        this.audit = audit;
    }

    @Override
    public List<CareGap> openGaps(String memberId, String purpose) {
        audit.record(AuditEntry.read("member-care-gaps", memberId, memberId, purpose));
        return gaps(memberId).stream().map(GapRow::gap).toList();
    }

    @Override
    public List<DueCare> dueCare(String memberId, Locale locale, String purpose) {
        audit.record(AuditEntry.read("member-care-gaps", memberId, memberId, purpose));
        var gaps = gaps(memberId);
        var birthDate = gaps.stream().anyMatch(g -> g.gap().measureId().equals("CMS117"))
                ? coverage.findMember(memberId, purpose).map(m -> m.birthDate()).orElse(null)
                : null;
        return gaps.stream()
                .map(g -> new DueCare(
                        memberId,
                        g.gap().measureId(),
                        g.gap().measureTitle(),
                        GapReasons.reason(messages, g.gap().measureId(), g.periodStart(), locale),
                        GapReasons.dueBy(
                                g.gap().measureId(), g.periodStart(), g.gap().dueBy(), birthDate),
                        g.gap().runId()))
                .sorted(Comparator.comparing(DueCare::dueBy).thenComparing(DueCare::measureId))
                .toList();
    }

    private record GapRow(CareGap gap, LocalDate periodStart) {}

    private List<GapRow> gaps(String memberId) {
        return jdbc.sql("""
                select r.run_id, run.measure_id, run.period_end, run.period_start from quality.measure_result r
                join quality.measure_run run on run.id = r.run_id
                where r.member_id = ? and r.run_id = (select max(id) from quality.measure_run latest
                    where latest.measure_id = run.measure_id and latest.finished_at is not null)
                  and\s""" + GapReasons.openGapSql("r", "run") + " order by run.measure_id")
                .param(memberId)
                .query((rs, n) -> new GapRow(
                        new CareGap(
                                memberId,
                                rs.getString(2),
                                title(rs.getString(2)),
                                rs.getObject(3, LocalDate.class),
                                rs.getLong(1)),
                        rs.getObject(4, LocalDate.class)))
                .list();
    }

    private String title(String measureId) {
        return catalog.available(measureId)
                ? catalog.evaluator(measureId).measure().title()
                : measureId;
    }
}
