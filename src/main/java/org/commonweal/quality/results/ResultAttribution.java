package org.commonweal.quality.results;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
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
 * provider directory lists them (network's facade). A member with no assigned PCP the directory lists is attributed
 * by claims ({@link ClaimPlurality}); one with neither keeps the span's unlisted PCP, if any, or none ("unknown").
 * Each result records which way it was attributed ({@link Method}).
 */
@Component
class ResultAttribution {

    static final String PURPOSE = "quality: attribute measure results to product line and PCP";
    private static final int CHUNK = 1_000;

    /** How a result was attributed; stored as {@link #code}. */
    enum Method {
        ASSIGNED_PCP("assigned-pcp"),
        CLAIMS_PLURALITY("claims-plurality");

        final String code;

        Method(String code) {
            this.code = code;
        }
    }

    private final JdbcClient jdbc;
    private final JdbcTemplate template;
    private final Coverage coverage;
    private final NetworkDirectory directory;
    private final ClaimPlurality plurality;

    ResultAttribution(
            JdbcClient jdbc,
            JdbcTemplate template,
            Coverage coverage,
            NetworkDirectory directory,
            ClaimPlurality plurality) {
        this.jdbc = jdbc;
        this.template = template;
        this.coverage = coverage;
        this.directory = directory;
        this.plurality = plurality;
    }

    /** Before anything else listens to the run (gap lists per PCP read what is written here). */
    @EventListener
    @Order(0)
    void on(CareGapsComputed run) {
        attribute(run.runId());
    }

    /** One member's attribution; {@code method} null when there is no PCP. */
    record Attribution(
            String productLine, String pcpNpi, String pcpName, String clinic, String medicalGroup, Method method) {}

    void attribute(long runId) {
        var period = jdbc.sql("select period_start, period_end from quality.measure_run where id = ?")
                .param(runId)
                .query((rs, n) -> new LocalDate[] {rs.getObject(1, LocalDate.class), rs.getObject(2, LocalDate.class)})
                .single();
        var members = jdbc.sql("select member_id from quality.measure_result where run_id = ? order by 1")
                .param(runId)
                .query(String.class)
                .list();
        var listed = new HashMap<String, Optional<NetworkDirectory.ListedPractitioner>>();
        for (int from = 0; from < members.size(); from += CHUNK) {
            var chunk = members.subList(from, Math.min(members.size(), from + CHUNK));
            var answers = coverage.eligibility(
                    chunk.stream()
                            .map(m -> new EligibilityInquiry(m, period[1]))
                            .toList(),
                    PURPOSE);
            var spans = new ArrayList<Optional<EnrollmentSpan>>();
            for (int i = 0; i < chunk.size(); i++) {
                var memberId = chunk.get(i);
                spans.add(answers.get(i)
                        .filter(e -> e.span() != null)
                        .map(e -> e.span())
                        .or(() -> latestSpan(memberId, period[0], period[1])));
            }
            lookUp(
                    spans.stream()
                            .flatMap(Optional::stream)
                            .map(s -> blankToNull(s.pcpNpi()))
                            .toList(),
                    listed);
            var byClaims = new ArrayList<String>();
            for (int i = 0; i < chunk.size(); i++) {
                if (assignedListed(spans.get(i), listed).isEmpty()) byClaims.add(chunk.get(i));
            }
            var claimed = plurality.providers(byClaims, period[0], period[1]);
            var rows = new ArrayList<Object[]>();
            for (int i = 0; i < chunk.size(); i++) {
                var a = of(spans.get(i), Optional.ofNullable(claimed.get(chunk.get(i))), listed);
                if (a == null) continue;
                rows.add(new Object[] {
                    a.productLine(),
                    a.pcpNpi(),
                    a.pcpName(),
                    a.clinic(),
                    a.medicalGroup(),
                    a.method() == null ? null : a.method().code,
                    runId,
                    chunk.get(i)
                });
            }
            template.batchUpdate("""
                    update quality.measure_result set product_line = ?, pcp_npi = ?, pcp_name = ?, clinic = ?,
                      medical_group = ?, attribution = ? where run_id = ? and member_id = ?""", rows);
        }
    }

    private void lookUp(List<String> npis, Map<String, Optional<NetworkDirectory.ListedPractitioner>> listed) {
        var missing = npis.stream()
                .filter(n -> n != null && !listed.containsKey(n))
                .distinct()
                .toList();
        if (missing.isEmpty()) return;
        var found = directory.listedPractitionersByNpi(missing);
        for (var npi : missing) listed.put(npi, Optional.ofNullable(found.get(npi)));
    }

    private static Optional<NetworkDirectory.ListedPractitioner> assignedListed(
            Optional<EnrollmentSpan> span, Map<String, Optional<NetworkDirectory.ListedPractitioner>> listed) {
        return span.map(s -> blankToNull(s.pcpNpi())).flatMap(npi -> listed.getOrDefault(npi, Optional.empty()));
    }

    private Optional<EnrollmentSpan> latestSpan(String memberId, LocalDate from, LocalDate to) {
        return coverage.spans(memberId, PURPOSE).stream()
                .filter(s ->
                        !s.begin().isAfter(to) && (s.end() == null || !s.end().isBefore(from)))
                .filter(s -> !"suspended".equals(s.status()))
                .findFirst();
    }

    /** Null when there is nothing to write (no span and no claims attribution). */
    private static Attribution of(
            Optional<EnrollmentSpan> span,
            Optional<NetworkDirectory.ListedPractitioner> byClaims,
            Map<String, Optional<NetworkDirectory.ListedPractitioner>> listed) {
        var productLine = span.map(EnrollmentSpan::productLine).orElse(null);
        var assigned = assignedListed(span, listed);
        if (assigned.isEmpty() && byClaims.isPresent()) {
            var contact = byClaims.get().contact();
            return new Attribution(
                    productLine,
                    byClaims.get().npi(),
                    blankToNull(contact.name()),
                    blankToNull(contact.locationName()),
                    blankToNull(contact.medicalGroup()),
                    Method.CLAIMS_PLURALITY);
        }
        if (span.isEmpty()) return null;
        // the assigned PCP, listed (with clinic and group) or not (NPI and name only)
        var npi = blankToNull(span.get().pcpNpi());
        var contact = assigned.map(NetworkDirectory.ListedPractitioner::contact);
        return new Attribution(
                productLine,
                npi,
                blankToNull(span.get().pcpName()),
                contact.map(NetworkDirectory.PractitionerContact::locationName)
                        .map(ResultAttribution::blankToNull)
                        .orElse(null),
                contact.map(NetworkDirectory.PractitionerContact::medicalGroup)
                        .map(ResultAttribution::blankToNull)
                        .orElse(null),
                npi == null ? null : Method.ASSIGNED_PCP);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
