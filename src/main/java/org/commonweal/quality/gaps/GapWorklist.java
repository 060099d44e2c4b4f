package org.commonweal.quality.gaps;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.commonweal.audit.AuditEntry;
import org.commonweal.audit.AuditTrail;
import org.commonweal.coverage.Coverage;
import org.commonweal.coverage.EligibilityInquiry;
import org.commonweal.network.NetworkDirectory;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Worklists of open care gaps from each measure's latest run, for the programs that close them: Health Promoters by
 * RCAC region and language, member services as a queue (soonest due first), and a provider's list per PCP. Only
 * what a caller needs to reach the member and know why: id, name, language, region, PCP, measure, reason, due date.
 * Every member listed is an audited read ({@code member-care-gaps}, with the purpose), through coverage too.
 */
@Service
public class GapWorklist {

    /** The most rows one list shows (a worklist is worked a page at a time). */
    public static final int LIMIT = 200;

    /**
     * Filters; null means any. {@code pcpNpi} keeps the members whose PCP is that NPI: the PCP assigned today when
     * the directory lists them, else the one the latest run attributed the member to by claims.
     */
    public record Filter(String measureId, Integer rcacRegion, String language, String pcpNpi) {}

    public record Row(
            String memberId,
            String name,
            String language,
            Integer spa,
            Integer rcacRegion,
            String pcpNpi,
            String pcpName,
            String measureId,
            String reason,
            LocalDate dueBy,
            String attribution) {}

    /** How a row's PCP was found: {@code assigned-pcp}, {@code claims-plurality} or null (none). */
    static final String ASSIGNED = "assigned-pcp", CLAIMS = "claims-plurality";

    private record Open(
            String memberId,
            String measureId,
            LocalDate from,
            LocalDate to,
            String language,
            Integer spa,
            Integer region,
            String claimsNpi,
            String claimsName) {}

    private final JdbcClient jdbc;
    private final Coverage coverage;
    private final AuditTrail audit;
    private final MessageSource messages;
    private final NetworkDirectory directory;

    GapWorklist(
            JdbcClient jdbc, Coverage coverage, AuditTrail audit, MessageSource messages, NetworkDirectory directory) {
        this.jdbc = jdbc;
        this.directory = directory;
        this.coverage = coverage;
        this.audit = audit;
        this.messages = messages;
    }

    public List<Row> list(Filter filter, Locale locale, String purpose) {
        var sql = new StringBuilder("""
                select r.member_id, run.measure_id, run.period_start, run.period_end, r.language, r.spa, r.rcac_region,
                       case when r.attribution = 'claims-plurality' then r.pcp_npi end,
                       case when r.attribution = 'claims-plurality' then r.pcp_name end
                from quality.measure_result r join quality.measure_run run on run.id = r.run_id
                where r.run_id in (select max(id) from quality.measure_run where finished_at is not null
                                   group by measure_id)
                  and\s""").append(GapReasons.openGapSql("r", "run"));
        var params = new ArrayList<Object>();
        if (filter.measureId() != null) {
            sql.append(" and run.measure_id = ?");
            params.add(filter.measureId());
        }
        if (filter.rcacRegion() != null) {
            sql.append(" and r.rcac_region = ?");
            params.add(filter.rcacRegion());
        }
        if (filter.language() != null) {
            sql.append(" and r.language = ?");
            params.add(filter.language());
        }
        // with a PCP filter the PCP is known only after coverage answers: read more, keep LIMIT
        sql.append(" order by run.period_end, r.member_id, run.measure_id limit ?");
        params.add(filter.pcpNpi() == null ? LIMIT : LIMIT * 10);
        var open = jdbc.sql(sql.toString())
                .params(params)
                .query((rs, n) -> new Open(
                        rs.getString(1),
                        rs.getString(2),
                        rs.getObject(3, LocalDate.class),
                        rs.getObject(4, LocalDate.class),
                        rs.getString(5),
                        (Integer) rs.getObject(6),
                        (Integer) rs.getObject(7),
                        rs.getString(8),
                        rs.getString(9)))
                .list();
        var today = LocalDate.now();
        var eligibility = coverage.eligibility(
                open.stream()
                        .map(o -> new EligibilityInquiry(o.memberId(), today))
                        .toList(),
                purpose);
        var listed = directory.listedPractitionersByNpi(eligibility.stream()
                .flatMap(java.util.Optional::stream)
                .filter(e -> e.span() != null && e.span().pcpNpi() != null)
                .map(e -> e.span().pcpNpi())
                .toList());
        var rows = new ArrayList<Row>();
        for (int i = 0; i < open.size() && rows.size() < LIMIT; i++) {
            var o = open.get(i);
            var e = eligibility.get(i).orElse(null);
            var span = e == null ? null : e.span();
            var npi = span == null || span.pcpNpi() == null || span.pcpNpi().isBlank() ? null : span.pcpNpi();
            var name = span == null ? null : span.pcpName();
            var attribution = npi == null ? null : ASSIGNED;
            if ((npi == null || !listed.containsKey(npi)) && o.claimsNpi() != null) {
                npi = o.claimsNpi();
                name = o.claimsName();
                attribution = CLAIMS;
            }
            if (filter.pcpNpi() != null && !filter.pcpNpi().equals(npi)) continue;
            var member = e == null ? null : e.member();
            var birthDate = member == null ? null : member.birthDate();
            audit.record(AuditEntry.read("member-care-gaps", o.memberId(), o.memberId(), purpose));
            rows.add(new Row(
                    o.memberId(),
                    member == null ? null : member.firstName() + " " + member.lastName(),
                    o.language(),
                    o.spa(),
                    o.region(),
                    npi,
                    name,
                    o.measureId(),
                    GapReasons.reason(messages, o.measureId(), o.from(), locale),
                    GapReasons.dueBy(o.measureId(), o.from(), o.to(), birthDate),
                    attribution));
        }
        rows.sort(java.util.Comparator.comparing(Row::dueBy).thenComparing(Row::memberId));
        return rows;
    }
}
