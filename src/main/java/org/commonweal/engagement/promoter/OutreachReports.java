package org.commonweal.engagement.promoter;

import java.time.LocalDate;
import java.util.LinkedHashSet;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/** Reach, referral completion and promoter activity over a date range. Aggregates only, no member data. */
@Repository
public class OutreachReports {

    /** One bar of a report: a label, events and people reached. */
    public record Reach(String label, long events, long reached) {}

    public record ReferralRate(String kind, long referrals, long completed, long unableToReach) {
        public double completionRate() {
            return referrals == 0 ? 0 : (double) completed / referrals;
        }
    }

    public record Activity(
            long promoterId,
            String promoter,
            int spa,
            long events,
            long reached,
            long contacts,
            long referrals,
            long completed) {}

    private final JdbcClient jdbc;

    private final TransactionTemplate snapshot;

    OutreachReports(JdbcClient jdbc, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.snapshot = new TransactionTemplate(transactions);
        snapshot.setReadOnly(true);
        snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
    }

    /**
     * The outreach reports of a date range as the reader may see them: masked under the plan's rule when
     * {@code suppress} (analysts), exact otherwise. Its three reads see one snapshot, so the margins and the promoters'
     * figures add up to the same events even while a promoter logs one; the masks are decided after the snapshot's
     * transaction has ended.
     */
    public PublishedOutreach published(LocalDate from, LocalDate to, boolean suppress) {
        var read = snapshot.execute(status -> new Snapshot(
                events(null, from, to, Integer.MAX_VALUE), referralCompletion(from, to), activity(from, to)));
        return new PublishedOutreach(read.events(), read.rates(), read.activity(), suppress);
    }

    private record Snapshot(List<EventRow> events, List<ReferralRate> rates, List<Activity> activity) {}

    public List<ReferralRate> referralCompletion(LocalDate from, LocalDate to) {
        return jdbc.sql("""
                select kind, count(*), count(*) filter (where outcome = 'COMPLETED'),
                       count(*) filter (where outcome = 'UNABLE_TO_REACH')
                from engagement.referral where referred_on between ? and ? group by kind order by kind""")
                .params(from, to)
                .query((rs, n) -> new ReferralRate(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getLong(4)))
                .list();
    }

    public List<Activity> activity(LocalDate from, LocalDate to) {
        return jdbc.sql("""
                select p.id, p.full_name, p.spa,
                  (select count(*) from engagement.outreach_event e where e.promoter_id = p.id and e.held_on between :f and :t),
                  (select coalesce(sum(e.attendees_members + e.attendees_nonmembers), 0) from engagement.outreach_event e
                     where e.promoter_id = p.id and e.held_on between :f and :t),
                  (select coalesce(sum(c.tally), 0) from engagement.contact c
                     where c.promoter_id = p.id and c.contacted_on between :f and :t),
                  (select count(*) from engagement.referral r join engagement.contact c on c.id = r.contact_id
                     where c.promoter_id = p.id and r.referred_on between :f and :t),
                  (select count(*) from engagement.referral r join engagement.contact c on c.id = r.contact_id
                     where c.promoter_id = p.id and r.referred_on between :f and :t and r.outcome = 'COMPLETED')
                from engagement.promoter p order by p.full_name""")
                .param("f", from)
                .param("t", to)
                .query((rs, n) -> new Activity(
                        rs.getLong(1),
                        rs.getString(2),
                        rs.getInt(3),
                        rs.getLong(4),
                        rs.getLong(5),
                        rs.getLong(6),
                        rs.getLong(7),
                        rs.getLong(8)))
                .list();
    }

    public record EventRow(
            long id,
            LocalDate heldOn,
            String type,
            long promoterId,
            String promoter,
            String placeName,
            String zip,
            Integer spa,
            String language,
            List<String> topics,
            int members,
            int nonMembers,
            int age0to17,
            int age18to64,
            int age65plus,
            int materialsCount) {}

    public List<EventRow> events(Long promoterId, LocalDate from, LocalDate to, int limit) {
        return jdbc.sql("""
                select e.id, e.held_on, e.event_type, p.id, p.full_name, e.place_name, e.zip, e.spa, e.language, e.topics,
                  e.attendees_members, e.attendees_nonmembers, e.age_0_17, e.age_18_64, e.age_65_plus, e.materials_count
                from engagement.outreach_event e join engagement.promoter p on p.id = e.promoter_id
                where (cast(:p as bigint) is null or e.promoter_id = :p) and e.held_on between :f and :t
                order by e.held_on desc, e.id desc limit :limit""")
                .param("p", promoterId)
                .param("f", from)
                .param("t", to)
                .param("limit", limit)
                .query((rs, n) -> new EventRow(
                        rs.getLong(1),
                        rs.getObject(2, LocalDate.class),
                        rs.getString(3),
                        rs.getLong(4),
                        rs.getString(5),
                        rs.getString(6),
                        rs.getString(7),
                        (Integer) rs.getObject(8),
                        rs.getString(9),
                        // an event counts once under each topic it names, however often the list names it
                        List.copyOf(new LinkedHashSet<>(
                                List.of((String[]) rs.getArray(10).getArray()))),
                        rs.getInt(11),
                        rs.getInt(12),
                        rs.getInt(13),
                        rs.getInt(14),
                        rs.getInt(15),
                        rs.getInt(16)))
                .list();
    }
}
