package org.commonweal.grants.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;
import java.util.function.Function;
import org.commonweal.grants.lifecycle.PaymentCeiling.Tranche;
import org.junit.jupiter.api.Test;

class PaymentCeilingTests {

    private static final Function<BigDecimal, String> MONEY =
            a -> java.text.NumberFormat.getCurrencyInstance(java.util.Locale.US).format(a);

    private final BigDecimal award = new BigDecimal("150000");

    @Test
    void approvesWhileCommittedMoneyStaysWithinTheAward() {
        var tranches = List.of(
                new Tranche(new BigDecimal("75000"), DisbursementStatus.PAID),
                new Tranche(new BigDecimal("75000"), DisbursementStatus.SCHEDULED));
        PaymentCeiling.requireApprovable(award, tranches, new BigDecimal("75000"), MONEY);
    }

    @Test
    void refusesAnApprovalThatWouldPayMoreThanAwarded() {
        var tranches = List.of(
                new Tranche(new BigDecimal("100000"), DisbursementStatus.PAID),
                new Tranche(new BigDecimal("40000"), DisbursementStatus.APPROVED));
        assertThatThrownBy(() -> PaymentCeiling.requireApprovable(award, tranches, new BigDecimal("10000.01"), MONEY))
                .isInstanceOf(GrantRuleViolation.class)
                .hasMessageContaining("$150,000.01")
                .hasMessageContaining("$150,000.00");
    }

    @Test
    void returnedAndCancelledTranchesFreeTheirMoney() {
        var tranches = List.of(
                new Tranche(new BigDecimal("100000"), DisbursementStatus.RETURNED),
                new Tranche(new BigDecimal("50000"), DisbursementStatus.CANCELLED),
                new Tranche(new BigDecimal("50000"), DisbursementStatus.PAID));
        assertThat(PaymentCeiling.committed(tranches)).isEqualByComparingTo("50000");
        PaymentCeiling.requireApprovable(award, tranches, new BigDecimal("100000"), MONEY);
    }

    @Test
    void theScheduleCannotPlanMoreThanTheAward() {
        var tranches = List.of(new Tranche(new BigDecimal("100000"), DisbursementStatus.SCHEDULED));
        assertThatThrownBy(() -> PaymentCeiling.requireSchedulable(award, tranches, new BigDecimal("60000"), MONEY))
                .hasMessageContaining("more than the award");
        assertThatThrownBy(() -> PaymentCeiling.requireSchedulable(award, tranches, BigDecimal.ZERO, MONEY))
                .hasMessageContaining("more than zero");
    }

    @Test
    void anAmendmentCannotGoBelowWhatIsCommitted() {
        var tranches = List.of(new Tranche(new BigDecimal("90000"), DisbursementStatus.PAID));
        assertThatThrownBy(() -> PaymentCeiling.requireAmendable(new BigDecimal("80000"), tranches, MONEY))
                .hasMessageContaining("already approved or paid");
        PaymentCeiling.requireAmendable(new BigDecimal("90000"), tranches, MONEY);
    }

    @Test
    void disbursementsFollowTheirLifecycle() {
        assertThat(DisbursementStatus.SCHEDULED.moveTo(DisbursementStatus.APPROVED))
                .isEqualTo(DisbursementStatus.APPROVED);
        assertThatThrownBy(() -> DisbursementStatus.SCHEDULED.moveTo(DisbursementStatus.PAID))
                .hasMessageContaining("scheduled payment cannot be paid");
        assertThatThrownBy(() -> DisbursementStatus.PAID.moveTo(DisbursementStatus.CANCELLED))
                .isInstanceOf(GrantRuleViolation.class);
    }
}
