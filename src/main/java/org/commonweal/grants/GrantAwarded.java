package org.commonweal.grants;

import java.math.BigDecimal;

/** Published when the Board's approval of an application creates an award. */
public record GrantAwarded(long awardId, String awardNumber, String organizationEin, BigDecimal amount) {}
