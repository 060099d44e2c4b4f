package org.commonweal.housing.ledger;

import java.math.BigDecimal;

/** A payment that would take a funding source past its total. */
public class LedgerCeilingExceeded extends RuntimeException {

    public LedgerCeilingExceeded(String source, BigDecimal total, BigDecimal committed, BigDecimal amount) {
        super("payment of " + amount + " would exceed funding source " + source + ": total " + total
                + ", already committed " + committed + ", remaining " + total.subtract(committed));
    }
}
