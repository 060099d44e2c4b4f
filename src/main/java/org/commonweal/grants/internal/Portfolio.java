package org.commonweal.grants.internal;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Portfolio figures: totals, unique organizations by EIN, and breakdowns by program, year, SPA and organization type. */
@Component
class Portfolio {

    record Figures(
            BigDecimal totalAwarded,
            long projects,
            long uniqueOrganizations,
            BigDecimal totalPaid,
            long openCycles,
            long paymentsDue,
            long reportsOverdue) {}

    /** One row of a breakdown: a label, the amount awarded, the number of projects and of unique organizations. */
    record Slice(String label, BigDecimal awarded, long projects, long organizations) {}

    record Filter(Integer fromYear, Integer toYear, String programCode) {

        static Filter all() {
            return new Filter(null, null, null);
        }
    }

    record AwardRow(
            String awardNumber,
            int year,
            String program,
            String organization,
            String ein,
            String orgType,
            Integer spa,
            String title,
            BigDecimal amount,
            BigDecimal paid,
            String status) {}

    private static final String WHERE = "\n" + """
             where (cast(? as int) is null or extract(year from w.awarded_on) >= ?)
               and (cast(? as int) is null or extract(year from w.awarded_on) <= ?)
               and (cast(? as text) is null or p.code = ?)""";

    private final JdbcClient jdbc;

    Portfolio(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Figures figures(Filter f, LocalDate today) {
        return jdbc.sql("""
                select coalesce(sum(w.amount), 0) total, count(*) projects, count(distinct o.ein) orgs,
                  (select coalesce(sum(d.amount), 0) from grants.disbursement d join grants.award w on w.id = d.award_id
                     join grants.program p on p.id = w.program_id""" + WHERE + """
                     and d.status = 'PAID') paid,
                  (select count(*) from grants.funding_cycle c where c.closes_at > now() and c.opens_on <= ?) open_cycles,
                  (select count(*) from grants.disbursement d where d.status in ('SCHEDULED', 'APPROVED') and d.due_on <= ?) due,
                  (select count(*) from grants.report_requirement q where q.status in ('DUE', 'REVISION_REQUESTED')
                     and coalesce(q.extended_to, q.due_on) < ?) overdue
                from grants.award w join grants.organization o on o.id = w.organization_id
                join grants.program p on p.id = w.program_id""" + WHERE)
                .params(params(f, params(f, List.of()), today, today.plusDays(30), today, f))
                .query((rs, n) -> new Figures(
                        rs.getBigDecimal("total"),
                        rs.getLong("projects"),
                        rs.getLong("orgs"),
                        rs.getBigDecimal("paid"),
                        rs.getLong("open_cycles"),
                        rs.getLong("due"),
                        rs.getLong("overdue")))
                .single();
    }

    List<Slice> byProgram(Filter f) {
        return slices("p.name", "p.name", f);
    }

    List<Slice> byYear(Filter f) {
        return slices("extract(year from w.awarded_on)::int::text", "1", f);
    }

    List<Slice> bySpa(Filter f) {
        return slices("coalesce('SPA ' || o.spa, 'Unknown')", "1", f);
    }

    List<Slice> byOrganizationType(Filter f) {
        return slices("o.org_type", "2 desc", f);
    }

    private List<Slice> slices(String label, String order, Filter f) {
        return jdbc.sql("select " + label
                        + " as label, sum(w.amount) awarded, count(*) projects, count(distinct o.ein) orgs "
                        + "from grants.award w join grants.organization o on o.id = w.organization_id "
                        + "join grants.program p on p.id = w.program_id" + WHERE + " group by 1 order by " + order)
                .params(params(f, List.of()))
                .query((rs, n) -> new Slice(
                        rs.getString("label"), rs.getBigDecimal("awarded"), rs.getLong("projects"), rs.getLong("orgs")))
                .list();
    }

    void awards(Filter f, java.util.function.Consumer<AwardRow> sink) {
        jdbc.sql("""
                select w.award_number, extract(year from w.awarded_on)::int yr, p.name program, o.legal_name, o.ein,
                  o.org_type, o.spa, w.title, w.amount, w.status,
                  (select coalesce(sum(d.amount), 0) from grants.disbursement d where d.award_id = w.id and d.status = 'PAID') paid
                from grants.award w join grants.organization o on o.id = w.organization_id
                join grants.program p on p.id = w.program_id""" + WHERE + " order by w.awarded_on, w.id")
                .params(params(f, List.of()))
                .query(rs -> {
                    sink.accept(new AwardRow(
                            rs.getString(1),
                            rs.getInt(2),
                            rs.getString(3),
                            rs.getString(4),
                            rs.getString(5),
                            rs.getString(6),
                            (Integer) rs.getObject(7),
                            rs.getString(8),
                            rs.getBigDecimal(9),
                            rs.getBigDecimal(11),
                            rs.getString(10)));
                });
    }

    /** The filter's parameters, then the three dates, then the filter's again: the order of figures' SQL. */
    private static List<Object> params(
            Filter f, List<Object> filterFirst, LocalDate a, LocalDate b, LocalDate c, Filter again) {
        var all = new java.util.ArrayList<Object>(filterFirst);
        all.add(a);
        all.add(b);
        all.add(c);
        all.addAll(params(again, List.of()));
        return all;
    }

    private static List<Object> params(Filter f, List<Object> before, Object... after) {
        var all = new java.util.ArrayList<Object>(before);
        all.add(f.fromYear());
        all.add(f.fromYear());
        all.add(f.toYear());
        all.add(f.toYear());
        all.add(f.programCode());
        all.add(f.programCode());
        all.addAll(java.util.Arrays.asList(after));
        return all;
    }
}
