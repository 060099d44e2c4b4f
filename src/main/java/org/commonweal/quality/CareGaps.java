package org.commonweal.quality;

import java.util.List;

/** Open care gaps, for the programs that close them (member page, Health Promoters, member services). */
public interface CareGaps {

    /** The member's open gaps from each measure's latest run; audited as a read of the member's data. */
    List<CareGap> openGaps(String memberId, String purpose);
}
