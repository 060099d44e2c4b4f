package org.commonweal.housing.ledger;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Optional;
import org.commonweal.housing.jdbc.RecordRows;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** A rental subsidy with whose it is, for the subsidy page. */
@Repository
class Subsidies {

    record Subsidy(
            long id,
            long clientId,
            String memberId,
            String personalId,
            String clientName,
            String fundingSourceId,
            String landlord,
            String unit,
            BigDecimal monthlyRent,
            BigDecimal tenantShare,
            LocalDate startsOn,
            LocalDate endsOn) {

        public BigDecimal monthlyAssistance() {
            return monthlyRent.subtract(tenantShare);
        }
    }

    private final JdbcClient jdbc;

    Subsidies(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Subsidy> subsidy(long id) {
        return jdbc.sql("""
                select s.id, s.client_id, c.member_id, c.personal_id, c.last_name || ', ' || c.first_name as client_name,
                       s.funding_source_id, s.landlord, s.unit, s.monthly_rent, s.tenant_share, s.starts_on, s.ends_on
                from housing.subsidy s join housing.client c on c.id = s.client_id where s.id = ?""").param(id).query(RecordRows.of(Subsidy.class)).optional();
    }
}
