package org.commonweal.adequacy.internal;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.commonweal.adequacy.Adequacy.RunSummary;
import org.commonweal.adequacy.engine.Standard;
import org.commonweal.adequacy.engine.StandardBook;
import org.commonweal.adequacy.engine.ZipResult;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The adequacy schema: standards, alternative standards, provider types, runs and results. */
@Repository
public class AdequacyStore {

    private final JdbcClient jdbc;
    private final JdbcTemplate template;

    AdequacyStore(JdbcClient jdbc, JdbcTemplate template) {
        this.jdbc = jdbc;
        this.template = template;
    }

    public record ProviderType(String code, String category, String nameEn, String nameEs, List<String> taxonomyCodes) {
        public String name(java.util.Locale locale) {
            return "es".equals(locale.getLanguage()) ? nameEs : nameEn;
        }
    }

    public record StandardRow(
            String productLine,
            String countyTier,
            String providerType,
            BigDecimal miles,
            int minutes,
            java.time.Instant updatedAt,
            String updatedBy) {}

    public record AlternativeRow(
            long id,
            String productLine,
            String zip,
            String providerType,
            BigDecimal miles,
            int minutes,
            String approvalReference,
            LocalDate approvedOn,
            LocalDate effectiveFrom,
            LocalDate effectiveTo,
            String createdBy) {}

    public List<ProviderType> providerTypes() {
        Map<String, List<String>> codes = new HashMap<>();
        jdbc.sql("select provider_type, taxonomy_code from adequacy.provider_type_taxonomy order by taxonomy_code")
                .query((rs, n) -> codes.computeIfAbsent(rs.getString(1), k -> new java.util.ArrayList<>())
                        .add(rs.getString(2)))
                .list();
        return jdbc.sql("select code, category, name_en, name_es from adequacy.provider_type order by sort_order")
                .query((rs, n) -> new ProviderType(
                        rs.getString(1),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getString(4),
                        List.copyOf(codes.getOrDefault(rs.getString(1), List.of()))))
                .list();
    }

    /** Coverage product line code → provider-directory product line. */
    public Map<String, String> networkProductLines() {
        Map<String, String> map = new LinkedHashMap<>();
        jdbc.sql("select product_line, network_product_line from adequacy.product_line_network order by product_line")
                .query((rs, n) -> map.put(rs.getString(1), rs.getString(2)))
                .list();
        return map;
    }

    /** A product-line code met without a mapping (source {@code coverage} or {@code network}). */
    public record Unmapped(
            String source,
            String code,
            java.time.Instant firstSeen,
            java.time.Instant lastSeen,
            long occurrences,
            String lastContext) {}

    public void reportUnmapped(String source, String code, String context) {
        jdbc.sql("""
                insert into adequacy.unmapped_product_line (source, code, last_context) values (?, ?, ?)
                on conflict (source, code) do update set last_seen = now(),
                    occurrences = adequacy.unmapped_product_line.occurrences + 1, last_context = excluded.last_context
                """).params(source, code, context).update();
    }

    /** Unmapped codes still without a mapping, newest first. */
    public List<Unmapped> unmapped() {
        return jdbc.sql("""
                select u.source, u.code, u.first_seen, u.last_seen, u.occurrences, u.last_context
                  from adequacy.unmapped_product_line u
                 where not exists (select 1 from adequacy.product_line_network m where (u.source = 'coverage'
                        and m.product_line = u.code) or (u.source = 'network' and m.network_product_line = u.code))
                 order by u.last_seen desc
                """)
                .query((rs, n) -> new Unmapped(
                        rs.getString(1),
                        rs.getString(2),
                        rs.getTimestamp(3).toInstant(),
                        rs.getTimestamp(4).toInstant(),
                        rs.getLong(5),
                        rs.getString(6)))
                .list();
    }

    public StandardBook book(LocalDate date) {
        Map<String, Standard> standards = new HashMap<>();
        for (StandardRow s : standards()) {
            standards.put(
                    StandardBook.key(s.productLine(), s.countyTier(), s.providerType()),
                    new Standard(s.miles().doubleValue(), s.minutes()));
        }
        Map<String, Standard> alternatives = new HashMap<>();
        for (AlternativeRow a : alternatives()) {
            if (!a.effectiveFrom().isAfter(date)
                    && (a.effectiveTo() == null || !a.effectiveTo().isBefore(date))) {
                alternatives.put(
                        StandardBook.key(a.productLine(), a.zip(), a.providerType()),
                        new Standard(a.miles().doubleValue(), a.minutes()));
            }
        }
        Map<String, String> tiers = new HashMap<>();
        jdbc.sql("select county_fips, tier from adequacy.county_tier")
                .query((rs, n) -> tiers.put(rs.getString(1), rs.getString(2)))
                .list();
        return new StandardBook(standards, alternatives, tiers, "dense");
    }

    public List<StandardRow> standards() {
        return jdbc.sql("""
                select s.product_line, s.county_tier, s.provider_type, s.miles, s.minutes, s.updated_at, s.updated_by
                  from adequacy.standard s join adequacy.provider_type t on t.code = s.provider_type
                 order by s.product_line, array_position(array['dense','medium','small','rural'], s.county_tier),
                          t.sort_order
                """)
                .query((rs, n) -> new StandardRow(
                        rs.getString(1),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getBigDecimal(4),
                        rs.getInt(5),
                        rs.getTimestamp(6).toInstant(),
                        rs.getString(7)))
                .list();
    }

    public Optional<StandardRow> standard(String productLine, String tier, String providerType) {
        return standards().stream()
                .filter(s -> s.productLine().equals(productLine)
                        && s.countyTier().equals(tier)
                        && s.providerType().equals(providerType))
                .findFirst();
    }

    public int updateStandard(
            String productLine, String tier, String providerType, BigDecimal miles, int minutes, String user) {
        return jdbc.sql("""
                update adequacy.standard set miles = ?, minutes = ?, updated_at = now(), updated_by = ?
                 where product_line = ? and county_tier = ? and provider_type = ?
                """)
                .params(miles, minutes, user, productLine, tier, providerType)
                .update();
    }

    public List<AlternativeRow> alternatives() {
        return jdbc.sql("""
                select id, product_line, zip, provider_type, miles, minutes, approval_reference, approved_on,
                       effective_from, effective_to, created_by
                  from adequacy.alternative_standard order by product_line, zip, provider_type, effective_from
                """)
                .query((rs, n) -> new AlternativeRow(
                        rs.getLong(1),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getBigDecimal(5),
                        rs.getInt(6),
                        rs.getString(7),
                        rs.getObject(8, LocalDate.class),
                        rs.getObject(9, LocalDate.class),
                        rs.getObject(10, LocalDate.class),
                        rs.getString(11)))
                .list();
    }

    public long addAlternative(AlternativeRow a) {
        return jdbc.sql("""
                insert into adequacy.alternative_standard (product_line, zip, provider_type, miles, minutes,
                    approval_reference, approved_on, effective_from, effective_to, created_by)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) returning id
                """)
                .params(
                        a.productLine(),
                        a.zip(),
                        a.providerType(),
                        a.miles(),
                        a.minutes(),
                        a.approvalReference(),
                        a.approvedOn(),
                        a.effectiveFrom(),
                        a.effectiveTo(),
                        a.createdBy())
                .query(Long.class)
                .single();
    }

    /** Stores a run with its results in one transaction, so a reader never sees a run without its results. */
    @org.springframework.transaction.annotation.Transactional
    public long saveRun(RunSummary run, List<ZipResult> results) {
        long id = jdbc.sql("""
                insert into adequacy.run (measured_on, product_line_filter, started_at, finished_at, started_by, kind,
                    travel_model, parameters, membership_fingerprint, directory_fingerprint, members,
                    members_unlocated, elapsed_ms, members_as_of, notes)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) returning id
                """)
                .params(
                        run.measuredOn(),
                        run.productLine(),
                        Timestamp.from(run.startedAt()),
                        Timestamp.from(run.finishedAt()),
                        run.startedBy(),
                        run.kind(),
                        run.travelModel(),
                        run.parameters(),
                        run.membershipFingerprint(),
                        run.directoryFingerprint(),
                        run.members(),
                        run.membersUnlocated(),
                        run.elapsedMs(),
                        Timestamp.from(run.membersAsOf()),
                        run.notes())
                .query(Long.class)
                .single();
        template.batchUpdate("""
                insert into adequacy.run_zip_result (run_id, product_line, provider_type, zip, spa, rcac_region,
                    members, met, met_by_miles, met_by_minutes, met_by_alternative, max_miles, sum_miles)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, results, 1000, (ps, r) -> {
            ps.setLong(1, id);
            ps.setString(2, r.productLine());
            ps.setString(3, r.providerType());
            ps.setString(4, r.zip());
            ps.setInt(5, r.spa());
            ps.setInt(6, r.rcacRegion());
            ps.setInt(7, r.members());
            ps.setInt(8, r.met());
            ps.setInt(9, r.metByMiles());
            ps.setInt(10, r.metByMinutes());
            ps.setInt(11, r.metByAlternative());
            ps.setDouble(12, Double.isInfinite(r.maxMiles()) ? -1 : r.maxMiles());
            ps.setDouble(13, Double.isInfinite(r.sumMiles()) ? -1 : r.sumMiles());
        });
        return id;
    }

    private static final String RUN_COLUMNS = """
            id, measured_on, product_line_filter, kind, started_at, finished_at, started_by, travel_model, parameters,
            membership_fingerprint, directory_fingerprint, members, members_unlocated, elapsed_ms, members_as_of, notes
            """;

    private static RunSummary run(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new RunSummary(
                rs.getLong(1),
                rs.getObject(2, LocalDate.class),
                rs.getString(3),
                rs.getString(4),
                rs.getTimestamp(5).toInstant(),
                rs.getTimestamp(6).toInstant(),
                rs.getString(7),
                rs.getString(8),
                rs.getString(9),
                rs.getString(10),
                rs.getString(11),
                rs.getLong(12),
                rs.getLong(13),
                rs.getLong(14),
                rs.getTimestamp(15).toInstant(),
                rs.getString(16));
    }

    public List<RunSummary> runs() {
        return jdbc.sql("select " + RUN_COLUMNS + " from adequacy.run order by id desc limit 200")
                .query((rs, n) -> run(rs))
                .list();
    }

    /** Members measured by the latest run (0 before the first). */
    public long lastRunMembers() {
        return jdbc.sql("select members from adequacy.run order by id desc limit 1")
                .query(Long.class)
                .optional()
                .orElse(0L);
    }

    public Optional<RunSummary> findRun(long id) {
        return jdbc.sql("select " + RUN_COLUMNS + " from adequacy.run where id = ?")
                .param(id)
                .query((rs, n) -> run(rs))
                .optional();
    }

    private static final String RESULTS = """
            select product_line, provider_type, zip, spa, rcac_region, members, met, met_by_miles, met_by_minutes,
                   met_by_alternative, max_miles, sum_miles
              from adequacy.run_zip_result where run_id = ?""";

    public List<ZipResult> results(long runId) {
        return jdbc.sql(RESULTS + " order by product_line, provider_type, zip")
                .param(runId)
                .query(AdequacyStore::zipResult)
                .list();
    }

    /** A run's results for one product line and provider type, in the order of {@link #results(long)}. */
    public List<ZipResult> results(long runId, String productLine, String providerType) {
        return jdbc.sql(RESULTS + " and product_line = ? and provider_type = ? order by zip")
                .params(runId, productLine, providerType)
                .query(AdequacyStore::zipResult)
                .list();
    }

    private static ZipResult zipResult(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        return new ZipResult(
                rs.getString(1),
                rs.getString(2),
                rs.getString(3),
                rs.getInt(4),
                rs.getInt(5),
                rs.getInt(6),
                rs.getInt(7),
                rs.getInt(8),
                rs.getInt(9),
                rs.getInt(10),
                rs.getDouble(11) < 0 ? Double.POSITIVE_INFINITY : rs.getDouble(11),
                rs.getDouble(12) < 0 ? Double.POSITIVE_INFINITY : rs.getDouble(12));
    }
}
