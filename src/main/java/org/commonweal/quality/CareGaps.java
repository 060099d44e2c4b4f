package org.commonweal.quality;

import java.util.List;
import java.util.Locale;

/** Open care gaps, for the programs that close them (member page, Health Promoters, member services). */
public interface CareGaps {

    /** The member's open gaps from each measure's latest run; audited as a read of the member's data. */
    List<CareGap> openGaps(String memberId, String purpose);

    /**
     * The member's open gaps with the reason in words in {@code locale} and the date each is due by, soonest first;
     * audited as a read of the member's data.
     */
    List<DueCare> dueCare(String memberId, Locale locale, String purpose);
}
