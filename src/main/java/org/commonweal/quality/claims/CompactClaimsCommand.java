package org.commonweal.quality.claims;

import org.commonweal.platform.CommandArgs;
import org.commonweal.platform.CommandSpec;
import org.commonweal.platform.OperationalCommand;
import org.springframework.stereotype.Component;

/** Maintenance after the month's claim loads: the claims and their lines rewritten in member order ({@link ClaimOrder}). */
@Component
@CommandSpec(
        name = "compact-claims",
        usage = "compact-claims",
        summary = "rewrite the stored claims and service lines in member order, so a measure run reads each page once"
                + " (locks both tables while it runs: after the month's 837 loads, before the run)",
        options = {})
class CompactClaimsCommand implements OperationalCommand {

    private final ClaimOrder order;

    CompactClaimsCommand(ClaimOrder order) {
        this.order = order;
    }

    @Override
    public int run(CommandArgs args) {
        var done = order.compact();
        System.out.printf(
                "compact-claims: %d claims, %d service lines in member order in %.1f s (order by member %s -> %s)%n",
                done.claims(), done.lines(), done.seconds(), figure(done.orderBefore()), figure(done.orderAfter()));
        return 0;
    }

    private static String figure(Double correlation) {
        return correlation == null ? "unknown" : String.format("%.3f", correlation);
    }
}
