package org.commonweal.centers.web;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.commonweal.identity.Role;
import org.commonweal.platform.PlanIdentity;
import org.commonweal.shell.TodaySource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Center staff's today: the classes of the day with how many people are expected, and seats offered unanswered. */
@Component
class CenterDeskToday implements TodaySource {

    private final JdbcClient jdbc;
    private final java.time.ZoneId zone;

    CenterDeskToday(JdbcClient jdbc, PlanIdentity plan) {
        this.jdbc = jdbc;
        this.zone = plan.timeZone();
    }

    @Override
    public List<TodayItem> today(Set<String> roles, String username) {
        if (!roles.contains(Role.CENTER_STAFF.name())) {
            return List.of();
        }
        LocalDate today = LocalDate.now(zone);
        var from = today.atStartOfDay(zone).toOffsetDateTime();
        var to = today.plusDays(1).atStartOfDay(zone).toOffsetDateTime();
        var classes = jdbc.sql("""
                select count(distinct s.id), count(g.id) from centers.class_session s
                left join centers.registration g on g.session_id = s.id and g.status = 'registered'
                where s.status = 'scheduled' and s.starts_at >= ? and s.starts_at < ?""")
                .params(from, to)
                .query((rs, n) -> new long[] {rs.getLong(1), rs.getLong(2)})
                .single();
        long offered = jdbc.sql("select count(*) from centers.registration where status = 'offered'")
                .query(Long.class)
                .single();
        List<TodayItem> items = new ArrayList<>();
        if (classes[0] > 0) {
            items.add(new TodayItem(
                    "today.centers.classes", classes[0], Long.toString(classes[1]), "/centers/staff", false));
        }
        if (offered > 0) {
            items.add(new TodayItem("today.centers.offered", offered, "", "/centers/staff", false));
        }
        return items;
    }
}
