package org.commonweal.housing.ledger;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.commonweal.audit.AuditAction;
import org.commonweal.audit.AuditEntry;
import org.commonweal.audit.AuditTrail;
import org.commonweal.housing.jdbc.RecordRows;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The payment ledger of the funding sources. Scheduling a payment locks its funding source row, so concurrent
 * payments are checked one after another against the total: the sum of scheduled, held and paid payments never
 * exceeds it. Status changes never add to that sum (returned payments cannot come back), so only scheduling checks.
 */
@Service
public class FundingLedger {

    public record FundingSource(
            String id, String name, String purpose, BigDecimal total, LocalDate startsOn, LocalDate endsOn) {}

    public record Payment(
            long id,
            String fundingSourceId,
            Long subsidyId,
            LocalDate month,
            BigDecimal amount,
            String status,
            LocalDate paidOn,
            String description) {}

    static final Map<String, Set<String>> TRANSITIONS = Map.of(
            "scheduled", Set.of("paid", "held", "returned"),
            "held", Set.of("scheduled", "returned"),
            "paid", Set.of("returned"),
            "returned", Set.of());

    private final JdbcClient jdbc;
    private final AuditTrail audit;

    FundingLedger(JdbcClient jdbc, AuditTrail audit) {
        this.jdbc = jdbc;
        this.audit = audit;
    }

    public List<FundingSource> sources() {
        return jdbc.sql("select id, name, purpose, total, starts_on, ends_on from housing.funding_source order by id")
                .query(RecordRows.of(FundingSource.class))
                .list();
    }

    public Optional<FundingSource> source(String id) {
        return jdbc.sql("select id, name, purpose, total, starts_on, ends_on from housing.funding_source where id = ?")
                .param(id)
                .query(RecordRows.of(FundingSource.class))
                .optional();
    }

    /** Paid, scheduled and held: what counts against the total. */
    public BigDecimal committed(String sourceId) {
        return jdbc.sql(
                        "select coalesce(sum(amount), 0) from housing.payment where funding_source_id = ? and status <> 'returned'")
                .param(sourceId)
                .query(BigDecimal.class)
                .single();
    }

    /**
     * Schedules a payment for a month.
     *
     * @throws LedgerCeilingExceeded when it would take the source past its total
     * @throws IllegalArgumentException when the month is outside the source's period or the subsidy is not paid
     *     from this source
     */
    @Transactional
    public Payment schedule(
            String sourceId, Long subsidyId, YearMonth month, BigDecimal amount, String description, String actor) {
        if (amount == null || amount.signum() <= 0) {
            throw new IllegalArgumentException("amount must be more than zero");
        }
        FundingSource source = jdbc.sql("""
                select id, name, purpose, total, starts_on, ends_on from housing.funding_source where id = ? for update""")
                .param(sourceId)
                .query(RecordRows.of(FundingSource.class))
                .optional()
                .orElseThrow(() -> new IllegalArgumentException("no funding source " + sourceId));
        if (month.atEndOfMonth().isBefore(source.startsOn()) || month.atDay(1).isAfter(source.endsOn())) {
            throw new IllegalArgumentException("month " + month + " is outside " + sourceId + " (" + source.startsOn()
                    + " to " + source.endsOn() + ")");
        }
        String memberId = null;
        if (subsidyId != null) {
            var subsidy = jdbc.sql("""
                    select s.funding_source_id, c.member_id from housing.subsidy s join housing.client c on c.id = s.client_id
                    where s.id = ?""")
                    .param(subsidyId)
                    .query((rs, n) -> new String[] {rs.getString(1), rs.getString(2)})
                    .optional()
                    .orElseThrow(() -> new IllegalArgumentException("no subsidy " + subsidyId));
            if (!subsidy[0].equals(sourceId)) {
                throw new IllegalArgumentException("subsidy " + subsidyId + " is paid from " + subsidy[0]);
            }
            memberId = subsidy[1];
        }
        BigDecimal committed = committed(sourceId);
        if (committed.add(amount).compareTo(source.total()) > 0) {
            throw new LedgerCeilingExceeded(sourceId, source.total(), committed, amount);
        }
        long id = jdbc.sql("""
                insert into housing.payment (funding_source_id, subsidy_id, month, amount, status, description, created_by)
                values (?, ?, ?, ?, 'scheduled', ?, ?) returning id""")
                .params(sourceId, subsidyId, month.atDay(1), amount, description, actor)
                .query(Long.class)
                .single();
        audit.record(AuditEntry.change(
                AuditAction.PAYMENT,
                "housing-payment",
                Long.toString(id),
                memberId,
                "rental subsidy ledger",
                "scheduled " + amount + " for " + month + " from " + sourceId));
        return payment(id).orElseThrow();
    }

    /** Moves a payment along: scheduled → paid, held or returned; held → scheduled or returned; paid → returned. */
    @Transactional
    public Payment changeStatus(long paymentId, String status, LocalDate on) {
        Payment payment = jdbc.sql("""
                select id, funding_source_id, subsidy_id, month, amount, status, paid_on, description
                from housing.payment where id = ? for update""")
                .param(paymentId)
                .query(RecordRows.of(Payment.class))
                .optional()
                .orElseThrow(() -> new java.util.NoSuchElementException("no payment " + paymentId));
        if (!TRANSITIONS.getOrDefault(payment.status(), Set.of()).contains(status)) {
            throw new IllegalArgumentException("a " + payment.status() + " payment cannot become " + status);
        }
        jdbc.sql(
                        "update housing.payment set status = ?, paid_on = case when ? = 'paid' then ? else paid_on end where id = ?")
                .params(status, status, on, paymentId)
                .update();
        audit.record(AuditEntry.change(
                AuditAction.PAYMENT,
                "housing-payment",
                Long.toString(paymentId),
                null,
                "rental subsidy ledger",
                payment.status() + " -> " + status));
        return payment(paymentId).orElseThrow();
    }

    public Optional<Payment> payment(long id) {
        return jdbc.sql("""
                select id, funding_source_id, subsidy_id, month, amount, status, paid_on, description
                from housing.payment where id = ?""").param(id).query(RecordRows.of(Payment.class)).optional();
    }

    /** Held payments, oldest first: the ones staff must release or return. */
    public List<Payment> held(int limit) {
        return jdbc.sql("""
                select id, funding_source_id, subsidy_id, month, amount, status, paid_on, description
                from housing.payment where status = 'held' order by month, id limit ?""").param(limit).query(RecordRows.of(Payment.class)).list();
    }

    public List<Payment> paymentsOfSubsidy(long subsidyId) {
        return jdbc.sql("""
                select id, funding_source_id, subsidy_id, month, amount, status, paid_on, description
                from housing.payment where subsidy_id = ? order by month desc""")
                .param(subsidyId)
                .query(RecordRows.of(Payment.class))
                .list();
    }

    /** Spend by month against budget, with the forecast to the end of the source's period. */
    SpendForecast.Result spend(FundingSource source, LocalDate today) {
        Map<YearMonth, BigDecimal> paid = new HashMap<>();
        Map<YearMonth, BigDecimal> committed = new HashMap<>();
        jdbc.sql("""
                select month, sum(amount) filter (where status = 'paid') as paid,
                       sum(amount) filter (where status <> 'returned') as committed
                from housing.payment where funding_source_id = ? group by month""")
                .param(source.id())
                .query((rs, n) -> {
                    YearMonth m = YearMonth.from(rs.getDate("month").toLocalDate());
                    if (rs.getBigDecimal("paid") != null) {
                        paid.put(m, rs.getBigDecimal("paid"));
                    }
                    if (rs.getBigDecimal("committed") != null) {
                        committed.put(m, rs.getBigDecimal("committed"));
                    }
                    return m;
                })
                .list();
        return SpendForecast.of(source.total(), source.startsOn(), source.endsOn(), paid, committed, today);
    }
}
