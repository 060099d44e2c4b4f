package org.commonweal.quality.results;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.commonweal.coverage.Coverage;
import org.commonweal.coverage.EligibilityInquiry;
import org.commonweal.coverage.EnrollmentSpan;
import org.commonweal.network.NetworkDirectory;
import org.commonweal.quality.CareGapsComputed;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Attributes each result of a finished run to where the plan is accountable for it, as it was at the end of the
 * measurement period: the product line and PCP of the member's enrollment span (coverage's facade; the span covering
 * the period's last day, else the latest span overlapping the period), and the PCP's clinic and medical group as the
 * provider directory lists them (network's facade). Members with no PCP, or a PCP the directory does not list, are
 * attributed to none ("unknown" in the tables), never guessed.
 */
@Component
class ResultAttribution {

    static final String PURPOSE = "quality: attribute measure results to product line and PCP";
    private static final int CHUNK = 1_000;

    private final JdbcClient jdbc;
    private final JdbcTemplate template;
    private final Coverage coverage;
    private final NetworkDirectory directory;

    ResultAttribution(JdbcClient jdbc, JdbcTemplate template, Coverage coverage, NetworkDirectory directory) {
        this.jdbc = jdbc;
        this.template = template;
        this.coverage = coverage;
        this.directory = directory;
    }

    /** Before anything else listens to the run (gap lists per PCP read what is written here). */
    @EventListener
    @Order(0)
    void on(CareGapsComputed run) {
        attribute(run.runId());
    }

    /** One member's attribution. */
    record Attribution(String productLine, String pcpNpi, String pcpName, String clinic, String medicalGroup) {}

    void attribute(long runId) {
        var period = jdbc.sql("select period_start, period_end from quality.measure_run where id = ?")
                .param(runId)
                .query((rs, n) -> new LocalDate[] {rs.getObject(1, LocalDate.class), rs.getObject(2, LocalDate.class)})
                .single();
        var members = jdbc.sql("select member_id from quality.measure_result where run_id = ? order by 1")
                .param(runId)
                .query(String.class)
                .list();
        var pcps = new HashMap<String, Optional<NetworkDirectory.PractitionerContact>>();
        for (int from = 0; from < members.size(); from += CHUNK) {
            var chunk = members.subList(from, Math.min(members.size(), from + CHUNK));
            var answers = coverage.eligibility(
                    chunk.stream()
                            .map(m -> new EligibilityInquiry(m, period[1]))
                            .toList(),
                    PURPOSE);
            var rows = new ArrayList<Object[]>();
            for (int i = 0; i < chunk.size(); i++) {
                var memberId = chunk.get(i);
                var span = answers.get(i)
                        .filter(e -> e.span() != null)
                        .map(e -> e.span())
                        .or(() -> latestSpan(memberId, period[0], period[1]));
                if (span.isEmpty()) continue;
                var a = of(span.get(), pcps);
                rows.add(new Object[] {
                    a.productLine(), a.pcpNpi(), a.pcpName(), a.clinic(), a.medicalGroup(), runId, memberId
                });
            }
            template.batchUpdate("""
                    update quality.measure_result set product_line = ?, pcp_npi = ?, pcp_name = ?, clinic = ?,
                      medical_group = ? where run_id = ? and member_id = ?""", rows);
        }
    }

    private Optional<EnrollmentSpan> latestSpan(String memberId, LocalDate from, LocalDate to) {
        return coverage.spans(memberId, PURPOSE).stream()
                .filter(s ->
                        !s.begin().isAfter(to) && (s.end() == null || !s.end().isBefore(from)))
                .filter(s -> !"suspended".equals(s.status()))
                .findFirst();
    }

    private Attribution of(EnrollmentSpan span, Map<String, Optional<NetworkDirectory.PractitionerContact>> pcps) {
        var npi = blankToNull(span.pcpNpi());
        var listed = npi == null
                ? Optional.<NetworkDirectory.PractitionerContact>empty()
                : pcps.computeIfAbsent(npi, directory::practitionerByNpi);
        return new Attribution(
                span.productLine(),
                npi,
                blankToNull(span.pcpName()),
                listed.map(NetworkDirectory.PractitionerContact::locationName)
                        .map(ResultAttribution::blankToNull)
                        .orElse(null),
                listed.map(NetworkDirectory.PractitionerContact::medicalGroup)
                        .map(ResultAttribution::blankToNull)
                        .orElse(null));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
