package org.commonweal.grants.internal;

import java.util.List;
import java.util.Set;
import org.commonweal.identity.Role;
import org.commonweal.shell.TodaySource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The grants officer's today: submitted applications waiting to be screened. */
@Component
class GrantsToday implements TodaySource {

    private final JdbcClient jdbc;

    GrantsToday(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public List<TodayItem> today(Set<String> roles, String username) {
        if (!roles.contains(Role.GRANTS_OFFICER.name())) {
            return List.of();
        }
        long submitted = jdbc.sql("select count(*) from grants.application where status = 'SUBMITTED'")
                .query(Long.class)
                .single();
        return submitted == 0
                ? List.of()
                : List.of(new TodayItem("today.grants.submitted", submitted, "", "/grants/staff", false));
    }
}
