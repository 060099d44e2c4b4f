package org.commonweal.housing.cases;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Who may open a client: an administrator; the case manager who holds the client now; the supervisor of that case
 * manager's team. Nobody else, so a case manager cannot open another team's client (nor a teammate's).
 */
@Component
public class CaseloadAccess {

    /** The SQL condition "client {@code c} is visible to :viewer", shared by the caseload list and the check. */
    static final String VISIBLE = """
            exists (select 1 from housing.assignment a
                    where a.client_id = c.id and a.ended_on is null
                      and (a.case_manager = :viewer
                           or a.case_manager in (select m.username from housing.team_member m
                                                 join housing.team t on t.id = m.team_id
                                                 where t.supervisor_username = :viewer)))""";

    private final JdbcClient jdbc;

    CaseloadAccess(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public boolean canOpen(Viewer viewer, long clientId) {
        if (viewer.seesAll()) {
            return true;
        }
        return jdbc.sql("select count(*) from housing.client c where c.id = :id and " + VISIBLE)
                        .param("id", clientId)
                        .param("viewer", viewer.username())
                        .query(Long.class)
                        .single()
                > 0;
    }

    /** True when the viewer supervises a team (and so may reassign its clients). */
    public boolean supervises(String username) {
        return jdbc.sql("select count(*) from housing.team where supervisor_username = ?")
                        .param(username)
                        .query(Long.class)
                        .single()
                > 0;
    }
}
