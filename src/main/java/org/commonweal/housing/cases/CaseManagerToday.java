package org.commonweal.housing.cases;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.commonweal.identity.Role;
import org.commonweal.platform.PlanIdentity;
import org.commonweal.shell.TodaySource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** A case manager's today: their own tasks overdue and due today. */
@Component
class CaseManagerToday implements TodaySource {

    private final JdbcClient jdbc;
    private final java.time.ZoneId zone;

    CaseManagerToday(JdbcClient jdbc, PlanIdentity plan) {
        this.jdbc = jdbc;
        this.zone = plan.timeZone();
    }

    @Override
    public List<TodayItem> today(Set<String> roles, String username) {
        if (!roles.contains(Role.CASE_MANAGER.name())) {
            return List.of();
        }
        LocalDate today = LocalDate.now(zone);
        var counts = jdbc.sql("""
                select count(*) filter (where due_on < ?), count(*) filter (where due_on = ?)
                from housing.task where owner = ? and done_on is null""")
                .params(today, today, username)
                .query((rs, n) -> new long[] {rs.getLong(1), rs.getLong(2)})
                .single();
        List<TodayItem> items = new ArrayList<>();
        if (counts[0] > 0) {
            items.add(new TodayItem("today.housing.overdue", counts[0], "", "/housing", true));
        }
        if (counts[1] > 0) {
            items.add(new TodayItem("today.housing.due", counts[1], "", "/housing", false));
        }
        return items;
    }
}
