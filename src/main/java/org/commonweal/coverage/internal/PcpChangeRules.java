package org.commonweal.coverage.internal;

import java.time.LocalDate;
import org.commonweal.coverage.PcpChanges.PcpChangeRefused;
import org.commonweal.coverage.PcpChanges.PcpChoice;

/**
 * The product-line rules for a member's PCP change, without Spring: the member must be covered, the doctor must
 * practise primary care at that office, take the member's product line there and take new patients, and may not
 * already be the PCP. A change takes effect on the first day of the next month (the plans' practice for Medi-Cal,
 * Medicare Advantage and Covered California alike; a product line with another rule would say so here).
 */
final class PcpChangeRules {

    private PcpChangeRules() {}

    /** The date the change takes effect, or the refusal. */
    static LocalDate check(
            String directoryProductLine, boolean covered, String currentPcpNpi, PcpChoice choice, LocalDate today) {
        if (!covered || directoryProductLine == null) {
            throw new PcpChangeRefused("coverage.pcp.refused.notcovered");
        }
        if (!choice.primaryCare()) {
            throw new PcpChangeRefused("coverage.pcp.refused.notprimarycare");
        }
        if (!choice.directoryProductLines().contains(directoryProductLine)) {
            throw new PcpChangeRefused("coverage.pcp.refused.notinnetwork");
        }
        if (!choice.acceptingNewPatients()) {
            throw new PcpChangeRefused("coverage.pcp.refused.notaccepting");
        }
        if (choice.npi() != null && choice.npi().equals(currentPcpNpi)) {
            throw new PcpChangeRefused("coverage.pcp.refused.already");
        }
        return today.withDayOfMonth(1).plusMonths(1);
    }
}
