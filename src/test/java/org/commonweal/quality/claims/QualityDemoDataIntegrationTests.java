package org.commonweal.quality.claims;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import org.commonweal.quality.measure.PublishedMeasureContent;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

/**
 * The demo start with its quality data (off in the other tests' profile): the demo members' visits, sexual-health
 * visits and care are stored as the importers store them, in the demo run's one transaction (so every row is the
 * generator's own, and an import before the first start would keep it from loading), dated up to today; every measure
 * with content then runs once, with believable rates, none 0. Its own data directory: the other tests' demo has no
 * quality data.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = {"commonweal.demo.quality-care=true", "commonweal.data-dir=target/test-data-quality-demo"})
@ActiveProfiles("test")
class QualityDemoDataIntegrationTests {

    @Autowired
    JdbcClient jdbc;

    @Autowired
    CareDemoData generator;

    @Test
    void theDemoOpensOnBelievableRatesFromItsOwnClaimsAndClinicalData() {
        PublishedMeasureContent.folder();
        // every row of the generator's tables is its own: written in its run's one transaction
        var xids = jdbc.sql("select started_xid, finished_xid from demo.provenance where generator = ?")
                .param(CareDemoData.NAME)
                .query((rs, n) -> new long[] {rs.getLong(1), rs.getLong(2)})
                .single();
        for (var table : generator.tables()) {
            long foreign = jdbc.sql("with now as materialized (select pg_current_xact_id()::text::bigint xid)"
                            + " select count(*) filter (where age(t.xmin) > now.xid - ? or age(t.xmin) < now.xid - ?)"
                            + " from " + table + " t, now group by now.xid")
                    .params(xids[0], xids[1])
                    .query(Long.class)
                    .optional()
                    .orElse(0L);
            assertThat(foreign).as(table + " rows not written by the generator").isZero();
        }
        assertThat(jdbc.sql("select count(*) from quality.service_line")
                        .query(Long.class)
                        .single())
                .isGreaterThan(10_000);
        assertThat(jdbc.sql("select max(service_from) from quality.service_line")
                        .query(LocalDate.class)
                        .single())
                .isBeforeOrEqualTo(LocalDate.now());
        assertThat(jdbc.sql("select format, resources from quality.clinical_source where received_by = 'demo'"
                                + " order by format")
                        .query((rs, n) -> rs.getString(1) + ":" + (rs.getInt(2) > 0))
                        .list())
                .containsExactly("immunization-csv:true", "lab-csv:true", "ndjson:true");

        // every measure ran once for this year, each with a believable rate
        record Rate(String measure, long denominator, long numerator) {}
        var rates = jdbc.sql("""
                        select r.measure_id,
                          count(*) filter (where m.denominator and not m.denominator_exclusion
                                           and not m.denominator_exception),
                          count(*) filter (where m.numerator)
                        from quality.measure_run r join quality.measure_result m on m.run_id = r.id
                        where r.started_by = 'demo' group by r.measure_id order by r.measure_id""")
                .query((rs, n) -> new Rate(rs.getString(1), rs.getLong(2), rs.getLong(3)))
                .list();
        System.out.println("demo rates: " + rates);
        assertThat(rates)
                .extracting(Rate::measure)
                .containsExactlyElementsOf(
                        List.of("CMS117", "CMS122", "CMS124", "CMS125", "CMS130", "CMS153", "CMS165"));
        for (var rate : rates) {
            assertThat(rate.denominator()).as(rate.measure() + " denominator").isGreaterThan(10);
            assertThat(rate.numerator() / (double) rate.denominator())
                    .as(rate.measure() + " rate")
                    .isBetween(0.12, 0.85);
        }
    }
}
