package org.commonweal.adequacy.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.commonweal.adequacy.Adequacy.RunSummary;
import org.commonweal.adequacy.engine.ZipResult;
import org.commonweal.geography.GeoPoint;
import org.commonweal.geography.Geography;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * One MCLA member covered today, outside Lancaster, who moves to Lancaster's ZIP ({@value #LANCASTER}, its centroid)
 * and back to where they lived, as coverage records a move; and how many members a run's MCLA adult-PCP results
 * count in a ZIP. The adequacy tests that follow a move share it.
 */
record MemberMove(
        JdbcClient jdbc, GeoPoint lancaster, String memberId, String oldZip, double latitude, double longitude) {

    static final String LANCASTER = "93534";

    static MemberMove pick(JdbcClient jdbc, Geography geography, LocalDate today) {
        Object[] member = jdbc.sql("""
                select m.member_id, m.zip, m.latitude, m.longitude from coverage.member m
                  join coverage.enrollment_span s on s.member_id = m.member_id
                 where s.product_line = 'MCLA' and s.begin_date <= ? and (s.end_date is null or s.end_date >= ?)
                   and s.status <> 'suspended' and m.latitude is not null and m.zip <> ?
                 order by m.member_id limit 1""")
                .params(today, today, LANCASTER)
                .query((rs, n) -> new Object[] {rs.getString(1), rs.getString(2), rs.getDouble(3), rs.getDouble(4)})
                .single();
        return new MemberMove(
                jdbc,
                geography.zip(LANCASTER).orElseThrow().centroid(),
                (String) member[0],
                (String) member[1],
                (Double) member[2],
                (Double) member[3]);
    }

    void toLancaster() {
        set(LANCASTER, lancaster.latitude(), lancaster.longitude());
    }

    void back() {
        set(oldZip, latitude, longitude);
    }

    private void set(String zip, double lat, double lon) {
        jdbc.sql("update coverage.member set zip = ?, latitude = ?, longitude = ?, updated_at = now() "
                        + "where member_id = ?")
                .params(zip, lat, lon, memberId)
                .update();
    }

    /** {@code after} counts the same members as {@code before}, one fewer at the old home and one more in Lancaster. */
    void assertMoved(AdequacyStore store, RunSummary before, RunSummary after) {
        assertThat(after.members()).isEqualTo(before.members());
        assertThat(members(store, after, oldZip)).isEqualTo(members(store, before, oldZip) - 1);
        assertThat(members(store, after, LANCASTER)).isEqualTo(members(store, before, LANCASTER) + 1);
    }

    /** {@code after} counts in both ZIPs what {@code before} did: the member is back home. */
    void assertBack(AdequacyStore store, RunSummary before, RunSummary after) {
        assertThat(members(store, after, oldZip)).isEqualTo(members(store, before, oldZip));
        assertThat(members(store, after, LANCASTER)).isEqualTo(members(store, before, LANCASTER));
    }

    static int members(AdequacyStore store, RunSummary run, String zip) {
        return store.results(run.id()).stream()
                .filter(r -> r.productLine().equals("MCLA")
                        && r.providerType().equals("pcp-adult")
                        && r.zip().equals(zip))
                .mapToInt(ZipResult::members)
                .sum();
    }
}
