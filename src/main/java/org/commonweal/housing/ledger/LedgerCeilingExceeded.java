package org.commonweal.housing.ledger;

import java.math.BigDecimal;

/** A payment that would take a funding source past its total. */
public class LedgerCeilingExceeded extends RuntimeException {

    private final String source;
    private final BigDecimal remaining;

    public LedgerCeilingExceeded(String source, BigDecimal total, BigDecimal committed, BigDecimal amount) {
        super("payment of " + amount + " would exceed funding source " + source + ": total " + total
                + ", already committed " + committed + ", remaining " + total.subtract(committed));
        this.source = source;
        this.remaining = total.subtract(committed);
    }

    public String source() {
        return source;
    }

    /** What may still be committed from the source. */
    public BigDecimal remaining() {
        return remaining;
    }
}
