package org.commonweal.quality.results;

import java.time.LocalDate;
import java.util.List;

import org.commonweal.audit.AuditEntry;
import org.commonweal.audit.AuditTrail;
import org.commonweal.quality.CareGap;
import org.commonweal.quality.CareGaps;
import org.commonweal.quality.measure.MeasureCatalog;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

@Component
class JdbcCareGaps implements CareGaps {

    private final JdbcClient jdbc;
    private final MeasureCatalog catalog;
    private final AuditTrail audit;

    JdbcCareGaps(JdbcClient jdbc, MeasureCatalog catalog, AuditTrail audit) {
        this.jdbc = jdbc;
        this.catalog = catalog;
        this.audit = audit;
    }

    @Override
    public List<CareGap> openGaps(String memberId, String purpose) {
        audit.record(AuditEntry.read("member-care-gaps", memberId, memberId, purpose));
        return jdbc.sql("""
                select r.run_id, run.measure_id, run.period_end from quality.measure_result r
                join quality.measure_run run on run.id = r.run_id
                where r.member_id = ? and r.run_id = (select max(id) from quality.measure_run latest
                    where latest.measure_id = run.measure_id and latest.finished_at is not null)
                  and r.denominator and not r.denominator_exclusion and not r.denominator_exception
                  and not r.numerator
                order by run.measure_id""")
                .param(memberId)
                .query((rs, n) -> new CareGap(memberId, rs.getString(2), title(rs.getString(2)),
                        rs.getObject(3, LocalDate.class), rs.getLong(1)))
                .list();
    }

    private String title(String measureId) {
        return catalog.available(measureId) ? catalog.evaluator(measureId).measure().title() : measureId;
    }
}
