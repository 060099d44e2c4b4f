package org.commonweal.grants.lifecycle;

import java.math.BigDecimal;
import java.util.List;
import java.util.function.Function;

/**
 * The sum paid never exceeds the amount awarded. Approving a tranche commits its money, so approval is where the
 * ceiling is checked: approved plus paid plus this tranche must stay within the award. The database layer holds a
 * lock on the award row while it checks, so concurrent approvals see each other.
 */
public final class PaymentCeiling {

    public record Tranche(BigDecimal amount, DisbursementStatus status) {}

    private PaymentCeiling() {}

    public static BigDecimal committed(List<Tranche> tranches) {
        return tranches.stream()
                .filter(t -> t.status().commits())
                .map(Tranche::amount)
                .reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    public static BigDecimal planned(List<Tranche> tranches) {
        return tranches.stream()
                .filter(t -> t.status().planned())
                .map(Tranche::amount)
                .reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    /**
     * @param money writes an amount for the refusal's text: the plan's currency, by shell's {@code Formats}
     */
    public static void requireSchedulable(
            BigDecimal award, List<Tranche> tranches, BigDecimal amount, Function<BigDecimal, String> money) {
        requirePositive(amount);
        BigDecimal after = planned(tranches).add(amount);
        if (after.compareTo(award) > 0) {
            throw new GrantRuleViolation("Scheduling " + money.apply(amount) + " would plan " + money.apply(after)
                    + ", more than the award of " + money.apply(award) + ".");
        }
    }

    public static void requireApprovable(
            BigDecimal award, List<Tranche> tranches, BigDecimal amount, Function<BigDecimal, String> money) {
        BigDecimal after = committed(tranches).add(amount);
        if (after.compareTo(award) > 0) {
            throw new GrantRuleViolation("Approving " + money.apply(amount) + " would commit " + money.apply(after)
                    + ", more than the award of " + money.apply(award) + ".");
        }
    }

    /** An amendment may not take the award below what is already committed. */
    public static void requireAmendable(
            BigDecimal newAmount, List<Tranche> tranches, Function<BigDecimal, String> money) {
        requirePositive(newAmount);
        BigDecimal committed = committed(tranches);
        if (newAmount.compareTo(committed) < 0) {
            throw new GrantRuleViolation("The award cannot be reduced to " + money.apply(newAmount) + ": "
                    + money.apply(committed) + " is already approved or paid.");
        }
    }

    private static void requirePositive(BigDecimal amount) {
        if (amount == null || amount.signum() <= 0) {
            throw new GrantRuleViolation("The amount must be more than zero.");
        }
    }
}
