package org.commonweal.network.web;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.commonweal.identity.Role;
import org.commonweal.platform.PlanIdentity;
import org.commonweal.shell.TodaySource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The network manager's today: reported directory errors past their SB 137 due date, and those due this week. */
@Component
class NetworkToday implements TodaySource {

    private final JdbcClient jdbc;
    private final java.time.ZoneId zone;

    NetworkToday(JdbcClient jdbc, PlanIdentity plan) {
        this.jdbc = jdbc;
        this.zone = plan.timeZone();
    }

    @Override
    public List<TodayItem> today(Set<String> roles, String username) {
        if (!roles.contains(Role.NETWORK_MANAGER.name())) {
            return List.of();
        }
        LocalDate today = LocalDate.now(zone);
        var counts = jdbc.sql("""
                select count(*) filter (where due_on < ?), count(*) filter (where due_on between ? and ?)
                from network.error_report where status <> 'resolved'""")
                .params(today, today, today.plusDays(7))
                .query((rs, n) -> new long[] {rs.getLong(1), rs.getLong(2)})
                .single();
        List<TodayItem> items = new ArrayList<>();
        if (counts[0] > 0) {
            items.add(new TodayItem("today.network.overdue", counts[0], "", "/network/reports", true));
        }
        if (counts[1] > 0) {
            items.add(new TodayItem("today.network.due", counts[1], "", "/network/reports", false));
        }
        return items;
    }
}
