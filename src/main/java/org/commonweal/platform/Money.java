package org.commonweal.platform;

import java.math.BigDecimal;

/**
 * An amount in the plan's currency as an argument of a message: the message source writes it in the language of the
 * page ("$2,150.00" / "2150,00 US$") with {@link PlanIdentity#currency()}, so rules that build messages need neither
 * the locale nor the plan.
 */
public record Money(BigDecimal amount) {

    public static Money of(BigDecimal amount) {
        return new Money(amount);
    }

    @Override
    public String toString() {
        return amount == null ? "" : amount.toPlainString();
    }
}
