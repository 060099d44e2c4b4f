package org.commonweal.coverage.internal;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import org.commonweal.identity.Role;
import org.commonweal.platform.PlanIdentity;
import org.commonweal.shell.TodaySource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Member services' today: members' PCP change requests waiting for a decision (late after two days). */
@Component
class MemberServicesToday implements TodaySource {

    private final JdbcClient jdbc;
    private final ZoneId zone;

    MemberServicesToday(JdbcClient jdbc, PlanIdentity plan) {
        this.jdbc = jdbc;
        this.zone = plan.timeZone();
    }

    @Override
    public List<TodayItem> today(Set<String> roles, String username) {
        if (!roles.contains(Role.MEMBER_SERVICES.name())) {
            return List.of();
        }
        var waiting = jdbc.sql(
                        "select count(*), min(requested_at) from coverage.pcp_change_request where status = 'open'")
                .query((rs, n) -> new Object[] {rs.getLong(1), rs.getTimestamp(2)})
                .single();
        long count = (Long) waiting[0];
        if (count == 0) {
            return List.of();
        }
        LocalDate oldest =
                ((java.sql.Timestamp) waiting[1]).toInstant().atZone(zone).toLocalDate();
        return List.of(new TodayItem(
                "today.coverage.pcp",
                count,
                oldest,
                "/members/pcp-changes",
                oldest.isBefore(LocalDate.now(zone).minusDays(2))));
    }
}
