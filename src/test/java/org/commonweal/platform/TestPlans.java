package org.commonweal.platform;

import java.time.ZoneId;
import java.util.Currency;
import java.util.List;

/**
 * A plan's identity for tests built without Spring: the identity they check (names, payer, zone, currency, county),
 * with placeholder words for what they do not (the examples forms give, the centers' partner plan).
 */
public final class TestPlans {

    private TestPlans() {}

    public static PlanIdentity plan(
            String name,
            String payerName,
            String payerId,
            ZoneId timeZone,
            Currency currency,
            String county,
            String countyFips,
            String countyCode,
            String state,
            String stateName) {
        return new PlanIdentity(
                name,
                payerName,
                payerId,
                timeZone,
                currency,
                new PlanIdentity.ServiceArea(
                        county,
                        countyFips,
                        countyCode,
                        state,
                        stateName,
                        null,
                        "00000",
                        List.of("Downtown"),
                        "1 Main St"),
                null,
                new PlanIdentity.PartnerPlan("Partner Health Plan", null, null));
    }
}
