package org.commonweal.quality.results;

import java.time.LocalDate;
import java.util.Map;
import org.commonweal.quality.CareGapsComputed;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Attributes the results of a finished run that were written without their attribution ({@link MemberAttribution}
 * says how a member is attributed): the CQL path's runs ({@link MeasureRuns}). A recompute ({@link MemberRecompute})
 * writes the attribution in the rows it writes. A run of our engine ({@link OwnEngineRuns}) writes the attribution in its result rows,
 * once per member for all its measures, and is marked {@code measure_run.attributed}: this listener leaves it alone.
 * Set-wise: the run's members 5,000 at a time, one bulk coverage read, one directory look-up and one claims query per
 * batch, and one {@code update … from unnest(…)} per batch.
 */
@Component
class ResultAttribution {

    static final String PURPOSE = MemberAttribution.PURPOSE;
    private static final int CHUNK = 5_000;

    private final JdbcClient jdbc;
    private final MemberAttribution attribution;

    ResultAttribution(JdbcClient jdbc, MemberAttribution attribution) {
        this.jdbc = jdbc;
        this.attribution = attribution;
    }

    /** Before anything else listens to the run (gap lists per PCP read what is written here). */
    @EventListener
    @Order(0)
    void on(CareGapsComputed run) {
        boolean done = jdbc.sql("select attributed from quality.measure_run where id = ?")
                .param(run.runId())
                .query(Boolean.class)
                .optional()
                .orElse(true);
        if (!done) attribute(run.runId());
    }

    /** Attributes every result of the run, then marks it attributed. */
    void attribute(long runId) {
        var period = jdbc.sql("select period_start, period_end from quality.measure_run where id = ?")
                .param(runId)
                .query((rs, n) -> new LocalDate[] {rs.getObject(1, LocalDate.class), rs.getObject(2, LocalDate.class)})
                .single();
        var members = jdbc.sql("select member_id from quality.measure_result where run_id = ? order by 1")
                .param(runId)
                .query(String.class)
                .list();
        var batches = attribution.period(period[0], period[1]);
        for (int from = 0; from < members.size(); from += CHUNK) {
            var chunk = members.subList(from, Math.min(members.size(), from + CHUNK));
            write(runId, batches.attribute(chunk));
        }
        attribution.attributed(java.util.List.of(runId));
    }

    /** Writes attributions into a run's result rows, one statement for all of them. */
    private void write(long runId, Map<String, MemberAttribution.Attribution> attributions) {
        if (attributions.isEmpty()) return;
        int n = attributions.size();
        String[][] columns = new String[7][n];
        int i = 0;
        for (var e : attributions.entrySet()) {
            var a = e.getValue();
            columns[0][i] = e.getKey();
            columns[1][i] = a.productLine();
            columns[2][i] = a.pcpNpi();
            columns[3][i] = a.pcpName();
            columns[4][i] = a.clinic();
            columns[5][i] = a.medicalGroup();
            columns[6][i] = a.methodCode();
            i++;
        }
        jdbc.sql("""
                update quality.measure_result r set product_line = a.product_line, pcp_npi = a.pcp_npi,
                  pcp_name = a.pcp_name, clinic = a.clinic, medical_group = a.medical_group,
                  attribution = a.attribution
                from unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[])
                  as a(member_id, product_line, pcp_npi, pcp_name, clinic, medical_group, attribution)
                where r.run_id = ? and r.member_id = a.member_id""")
                .params(columns[0], columns[1], columns[2], columns[3], columns[4], columns[5], columns[6], runId)
                .update();
    }
}
