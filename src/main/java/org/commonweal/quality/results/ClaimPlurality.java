package org.commonweal.quality.results;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.commonweal.network.NetworkDirectory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Plurality attribution by claims, as HEDIS and CMS attribute members with no assigned PCP: among the primary-care
 * practitioners the directory lists, the one the member saw on the most distinct days for a qualifying outpatient or
 * E&amp;M visit in the period; a tie goes to the most recent visit, then to the lower NPI (so a rerun agrees). A
 * visit's provider is the line's rendering NPI, else the claim's rendering NPI, else its billing NPI; an NPI the 837
 * import did not link to a directory Practitioner, or one the directory no longer lists as practising primary care,
 * never attributes (a visit to a specialist does not fall back to the billing NPI).
 */
@Component
class ClaimPlurality {

    /**
     * Qualifying visits: office/outpatient E&amp;M (99202–99205, 99211–99215), home visits (99341–99350), preventive
     * medicine (99381–99387, 99391–99397), Medicare's welcome and annual wellness visits (G0402, G0438, G0439), a
     * clinic visit billed by HCPCS (G0463, FQHC G0466/G0467, Medi-Cal's T1015), and on 837I the clinic and FQHC/RHC
     * revenue codes (051x, 052x). The whole code must match (as {@code ^(…)$} in SQL, {@code matches} in Java).
     */
    static final String PROCEDURES =
            "9920[2-5]|9921[1-5]|9934[1-9]|99350|9938[1-7]|9939[1-7]|G0402|G0438|G0439|G0463|G0466|G0467|T1015";

    static final String REVENUE = "05[12][0-9]";

    static final String QUALIFYING =
            "(l.procedure_code ~ '^(" + PROCEDURES + ")$' or l.revenue_code ~ '^(" + REVENUE + ")$')";

    private static final Pattern PROCEDURE = Pattern.compile(PROCEDURES);
    private static final Pattern REVENUE_CODE = Pattern.compile(REVENUE);

    /** Whether a line is a qualifying visit ({@link #QUALIFYING}). */
    static boolean qualifying(ClaimResources.StoredLine l) {
        return (l.procedureCode() != null
                        && l.procedureCode().length() == 5
                        && PROCEDURE.matcher(l.procedureCode()).matches())
                || (l.revenueCode() != null
                        && l.revenueCode().length() == 4
                        && REVENUE_CODE.matcher(l.revenueCode()).matches());
    }

    /** A member's visits to one provider in the period. */
    record Visits(String memberId, String npi, int days, LocalDate last) {}

    private final JdbcClient jdbc;

    ClaimPlurality(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Each member's plurality provider, for the members that have one (others are absent), read from the database:
     * for members whose claims are not at hand.
     */
    Map<String, NetworkDirectory.ListedPractitioner> providers(
            Collection<String> memberIds,
            LocalDate from,
            LocalDate to,
            Function<Collection<String>, Map<String, NetworkDirectory.ListedPractitioner>> listedByNpi) {
        if (memberIds.isEmpty()) return new HashMap<>();
        return providers(visits(memberIds, from, to), listedByNpi);
    }

    /**
     * Each member's plurality provider among {@code visits}, for the members that have one (others are absent); the
     * visits' NPIs looked up by {@code listedByNpi} (the directory's facade, through the answers a caller keeps from
     * one batch of members to the next).
     */
    static Map<String, NetworkDirectory.ListedPractitioner> providers(
            Collection<Visits> visits,
            Function<Collection<String>, Map<String, NetworkDirectory.ListedPractitioner>> listedByNpi) {
        var result = new HashMap<String, NetworkDirectory.ListedPractitioner>();
        if (visits.isEmpty()) return result;
        var listed = listedByNpi.apply(visits.stream()
                .map(Visits::npi)
                .filter(Objects::nonNull)
                .distinct()
                .toList());
        var best = new HashMap<String, Visits>();
        for (var v : visits) {
            var practitioner = v.npi() == null ? null : listed.get(v.npi());
            if (practitioner == null || !practitioner.primaryCare()) continue;
            best.merge(v.memberId(), v, (a, b) -> ORDER.compare(a, b) >= 0 ? a : b);
        }
        best.forEach((member, v) -> result.put(member, listed.get(v.npi())));
        return result;
    }

    /**
     * The visits of each member in {@code claims} (current claims, as the run read them by {@link ClaimCopy}) in the
     * period, by practitioner NPI: what {@link #visits(Collection, LocalDate, LocalDate)} asks the database for, from
     * the rows at hand. A line's day is its service date, else its claim's statement date.
     */
    static Map<String, List<Visits>> visits(
            Map<String, List<ClaimResources.StoredClaim>> claims, LocalDate from, LocalDate to) {
        var out = new HashMap<String, List<Visits>>();
        var days = new HashMap<String, Set<LocalDate>>(); // one member's days by NPI
        for (var e : claims.entrySet()) {
            days.clear();
            for (var c : e.getValue()) {
                for (var l : c.lines()) {
                    if (l.practitionerNpi() == null || !qualifying(l)) continue;
                    var day = l.from() != null ? l.from() : c.from();
                    if (day == null || day.isBefore(from) || day.isAfter(to)) continue;
                    days.computeIfAbsent(l.practitionerNpi(), k -> new HashSet<>())
                            .add(day);
                }
            }
            if (days.isEmpty()) continue;
            var visits = new ArrayList<Visits>(days.size());
            days.forEach((npi, d) -> visits.add(new Visits(e.getKey(), npi, d.size(), Collections.max(d))));
            out.put(e.getKey(), visits);
        }
        return out;
    }

    /** More days first, then the later last visit, then the lower NPI. */
    static final Comparator<Visits> ORDER = Comparator.comparingInt(Visits::days)
            .thenComparing(Visits::last)
            .thenComparing(Visits::npi, Comparator.reverseOrder());

    /** The visits of {@code memberIds} in the period, by practitioner NPI, from the database. */
    List<Visits> visits(Collection<String> memberIds, LocalDate from, LocalDate to) {
        return jdbc.sql("""
                with visit as (
                  select c.member_id,
                         case when l.rendering_npi is not null then l.rendering_npi
                              when c.rendering_npi is not null then c.rendering_npi else c.billing_npi end as npi,
                         case when l.rendering_npi is not null then l.rendering_provider
                              when c.rendering_npi is not null then c.rendering_provider
                              else c.billing_provider end as provider,
                         coalesce(l.service_from, c.statement_from) as day
                    from quality.claim c join quality.service_line l on l.claim_id = c.id
                   where c.member_id = any(?) and c.status = 'current' and\s""" + QUALIFYING + """
                )
                select member_id, npi, count(distinct day), max(day) from visit
                 where provider like 'Practitioner/%' and day between ? and ?
                 group by member_id, npi""")
                .params(memberIds.toArray(String[]::new), from, to)
                .query((rs, n) ->
                        new Visits(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getObject(4, LocalDate.class)))
                .list();
    }
}
