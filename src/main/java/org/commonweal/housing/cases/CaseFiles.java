package org.commonweal.housing.cases;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.commonweal.housing.jdbc.RecordRows;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Reads and writes the case records of the housing schema. Access checks and audit are the caller's. */
@Repository
class CaseFiles {

    record CaseloadRow(
            long id,
            String personalId,
            String firstName,
            String lastName,
            String caseManager,
            String project,
            Integer projectType,
            LocalDate entryDate,
            LocalDate moveInDate,
            LocalDate nextDue,
            long openTasks) {

        public String name() {
            return lastName + ", " + firstName;
        }
    }

    record ClientView(
            long id,
            String personalId,
            String memberId,
            String firstName,
            String lastName,
            LocalDate birthDate,
            String ssnLast4,
            String[] race,
            String[] gender,
            int veteranStatus,
            int disablingCondition,
            Integer spa) {}

    record EnrollmentView(
            long id,
            String hmisId,
            String projectId,
            String projectName,
            int projectType,
            String householdId,
            int relationshipToHoh,
            LocalDate entryDate,
            int livingSituation,
            LocalDate moveInDate,
            LocalDate exitDate,
            Integer destination,
            Integer destinationSubsidyType) {}

    record ServiceView(
            long id,
            LocalDate providedOn,
            int minutes,
            String serviceType,
            boolean hasNote,
            String nextSteps,
            String staff) {}

    record TaskView(long id, String title, LocalDate dueOn, LocalDate doneOn, String owner) {}

    record ConsentView(
            long id, String sharedWith, String scope, LocalDate signedOn, LocalDate expiresOn, LocalDate revokedOn) {

        public boolean activeOn(LocalDate day) {
            return revokedOn == null && !day.isBefore(signedOn) && !day.isAfter(expiresOn);
        }
    }

    record CeEventView(long id, LocalDate eventDate, int event, Integer referralResult, LocalDate resultDate) {}

    record SubsidyView(
            long id,
            String fundingSourceId,
            String landlord,
            String unit,
            BigDecimal monthlyRent,
            BigDecimal tenantShare,
            LocalDate startsOn,
            LocalDate endsOn) {

        public BigDecimal monthlyAssistance() {
            return monthlyRent.subtract(tenantShare);
        }
    }

    record PaymentView(long id, long subsidyId, LocalDate month, BigDecimal amount, String status, LocalDate paidOn) {}

    record AssignmentView(String caseManager, LocalDate assignedOn, LocalDate endedOn, String assignedBy) {}

    record Note(long serviceId, long clientId, String memberId, String note) {}

    /** Rows per caseload page (one more is read to know whether there is a next page). */
    static final int PAGE_SIZE = 50;

    private final JdbcClient jdbc;

    CaseFiles(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Clients visible to the viewer: open cases (an enrollment without exit) unless {@code includeClosed}, a page at a
     * time. A case manager's list starts from the open assignments they may see (the condition of
     * {@link CaseloadAccess#VISIBLE}, on the one open assignment a client has) and looks up each client's latest open
     * enrollment and open tasks by index, instead of aggregating every enrollment and task of the programme.
     */
    List<CaseloadRow> caseload(Viewer viewer, String query, boolean includeClosed, int page) {
        String open = includeClosed ? "" : " and e.project_id is not null";
        String filter = query == null || query.isBlank()
                ? ""
                : " and (lower(c.last_name || ' ' || c.first_name) like :q or c.personal_id = :exact or c.member_id = :exact)";
        String from = viewer.seesAll()
                ? "housing.client c left join housing.assignment a on a.client_id = c.id and a.ended_on is null"
                : "housing.assignment a join housing.client c on c.id = a.client_id";
        String scope = viewer.seesAll() ? "true" : """
                a.ended_on is null
                and (a.case_manager = :viewer
                     or a.case_manager in (select m.username from housing.team_member m
                                           join housing.team t on t.id = m.team_id
                                           where t.supervisor_username = :viewer))""";
        var spec = jdbc.sql("""
                select c.id, c.personal_id, c.first_name, c.last_name, a.case_manager,
                       p.name as project, p.project_type, e.entry_date, e.move_in_date,
                       t.next_due, t.open_tasks
                from """ + " " + from + """

                left join lateral (select project_id, entry_date, move_in_date from housing.enrollment
                                   where client_id = c.id and exit_date is null
                                   order by entry_date desc, id desc limit 1) e on true
                left join housing.project p on p.id = e.project_id
                left join lateral (select min(due_on) as next_due, count(*) as open_tasks from housing.task
                                   where client_id = c.id and done_on is null) t on true
                where """ + " " + scope + open + filter
                        + " order by next_due nulls last, c.last_name, c.first_name, c.id limit " + (PAGE_SIZE + 1)
                        + " offset " + (long) page * PAGE_SIZE)
                .param("viewer", viewer.username());
        if (!filter.isEmpty()) {
            spec = spec.param("q", "%" + query.trim().toLowerCase() + "%").param("exact", query.trim());
        }
        return spec.query(CaseFiles::caseloadRow).list();
    }

    /**
     * Mapped by position: the by-name record mapper first looks each camelCase property up as a column, and the driver
     * answers every miss with an exception (two hundred rows × seven properties per caseload page).
     */
    private static CaseloadRow caseloadRow(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        return new CaseloadRow(
                rs.getLong(1),
                rs.getString(2),
                rs.getString(3),
                rs.getString(4),
                rs.getString(5),
                rs.getString(6),
                (Integer) rs.getObject(7),
                rs.getObject(8, LocalDate.class),
                rs.getObject(9, LocalDate.class),
                rs.getObject(10, LocalDate.class),
                rs.getLong(11));
    }

    Optional<ClientView> client(long id) {
        return jdbc.sql("""
                select id, personal_id, member_id, first_name, last_name, birth_date, ssn_last4, race, gender,
                       veteran_status, disabling_condition, spa from housing.client where id = ?""")
                .param(id)
                .query((rs, n) -> new ClientView(
                        rs.getLong("id"),
                        rs.getString("personal_id"),
                        rs.getString("member_id"),
                        rs.getString("first_name"),
                        rs.getString("last_name"),
                        rs.getObject("birth_date", LocalDate.class),
                        rs.getString("ssn_last4"),
                        (String[]) rs.getArray("race").getArray(),
                        (String[]) rs.getArray("gender").getArray(),
                        rs.getInt("veteran_status"),
                        rs.getInt("disabling_condition"),
                        (Integer) rs.getObject("spa")))
                .optional();
    }

    List<EnrollmentView> enrollments(long clientId) {
        return jdbc.sql("""
                select e.id, e.hmis_id, e.project_id, p.name as project_name, p.project_type, e.household_id,
                       e.relationship_to_hoh, e.entry_date, e.living_situation, e.move_in_date, e.exit_date,
                       e.destination, e.destination_subsidy_type
                from housing.enrollment e join housing.project p on p.id = e.project_id
                where e.client_id = ? order by e.entry_date desc""")
                .param(clientId)
                .query(RecordRows.of(EnrollmentView.class))
                .list();
    }

    List<ServiceView> services(long clientId) {
        return jdbc.sql("""
                select id, provided_on, minutes, service_type, note is not null and note <> '' as has_note,
                       next_steps, staff
                from housing.service where client_id = ? order by provided_on desc, id desc limit 50""")
                .param(clientId)
                .query(RecordRows.of(ServiceView.class))
                .list();
    }

    List<TaskView> tasks(long clientId) {
        return jdbc.sql("""
                select id, title, due_on, done_on, owner from housing.task where client_id = ?
                order by done_on nulls first, due_on limit 50""")
                .param(clientId)
                .query(RecordRows.of(TaskView.class))
                .list();
    }

    List<ConsentView> consents(long clientId) {
        return jdbc.sql("""
                select id, shared_with, scope, signed_on, expires_on, revoked_on from housing.consent
                where client_id = ? order by signed_on desc""")
                .param(clientId)
                .query(RecordRows.of(ConsentView.class))
                .list();
    }

    List<CeEventView> ceEvents(long clientId) {
        return jdbc.sql("""
                select id, event_date, event, referral_result, result_date from housing.ce_event
                where client_id = ? order by event_date desc""")
                .param(clientId)
                .query(RecordRows.of(CeEventView.class))
                .list();
    }

    List<SubsidyView> subsidies(long clientId) {
        return jdbc.sql("""
                select id, funding_source_id, landlord, unit, monthly_rent, tenant_share, starts_on, ends_on
                from housing.subsidy where client_id = ? order by starts_on desc""")
                .param(clientId)
                .query(RecordRows.of(SubsidyView.class))
                .list();
    }

    List<PaymentView> payments(long clientId) {
        return jdbc.sql("""
                select p.id, p.subsidy_id, p.month, p.amount, p.status, p.paid_on from housing.payment p
                join housing.subsidy s on s.id = p.subsidy_id where s.client_id = ? order by p.month desc, p.id desc
                limit 12""")
                .param(clientId)
                .query(RecordRows.of(PaymentView.class))
                .list();
    }

    long addConsent(long clientId, String sharedWith, String scope, LocalDate signedOn, LocalDate expiresOn) {
        return jdbc.sql("""
                insert into housing.consent (client_id, shared_with, scope, signed_on, expires_on)
                values (?, ?, ?, ?, ?) returning id""")
                .params(clientId, sharedWith, scope, signedOn, expiresOn)
                .query(Long.class)
                .single();
    }

    List<AssignmentView> assignments(long clientId) {
        return jdbc.sql("""
                select case_manager, assigned_on, ended_on, assigned_by from housing.assignment
                where client_id = ? order by assigned_on desc, id desc""")
                .param(clientId)
                .query(RecordRows.of(AssignmentView.class))
                .list();
    }

    Optional<Note> note(long serviceId) {
        return jdbc.sql("""
                select s.id as service_id, s.client_id, c.member_id, s.note from housing.service s
                join housing.client c on c.id = s.client_id where s.id = ?""").param(serviceId).query(RecordRows.of(Note.class)).optional();
    }

    Optional<Long> clientOfTask(long taskId) {
        return jdbc.sql("select client_id from housing.task where id = ?")
                .param(taskId)
                .query(Long.class)
                .optional();
    }

    Optional<Long> openEnrollment(long clientId) {
        return jdbc.sql("""
                select id from housing.enrollment where client_id = ? and exit_date is null
                order by entry_date desc limit 1""").param(clientId).query(Long.class).optional();
    }

    long addService(
            long clientId,
            long enrollmentId,
            LocalDate providedOn,
            int minutes,
            String type,
            String note,
            String nextSteps,
            String staff) {
        return jdbc.sql("""
                insert into housing.service (enrollment_id, client_id, provided_on, minutes, service_type, note,
                                             next_steps, staff)
                values (?, ?, ?, ?, ?, ?, ?, ?) returning id""")
                .params(enrollmentId, clientId, providedOn, minutes, type, note, nextSteps, staff)
                .query(Long.class)
                .single();
    }

    long addTask(long clientId, String title, LocalDate dueOn, String owner) {
        return jdbc.sql("insert into housing.task (client_id, title, due_on, owner) values (?, ?, ?, ?) returning id")
                .params(clientId, title, dueOn, owner)
                .query(Long.class)
                .single();
    }

    boolean completeTask(long taskId, LocalDate on) {
        return jdbc.sql("update housing.task set done_on = ? where id = ? and done_on is null")
                        .params(on, taskId)
                        .update()
                == 1;
    }

    void reassign(long clientId, String caseManager, LocalDate on, String by) {
        jdbc.sql("update housing.assignment set ended_on = ? where client_id = ? and ended_on is null")
                .params(on, clientId)
                .update();
        jdbc.sql(
                        "insert into housing.assignment (client_id, case_manager, assigned_on, assigned_by) values (?, ?, ?, ?)")
                .params(clientId, caseManager, on, by)
                .update();
    }

    boolean isCaseManager(String username) {
        return jdbc.sql("select count(*) from housing.team_member where username = ?")
                        .param(username)
                        .query(Long.class)
                        .single()
                > 0;
    }

    /** Case managers of the teams the user supervises (all of them for an administrator). */
    List<String> reassignableTo(Viewer viewer) {
        if (viewer.seesAll()) {
            return jdbc.sql("select username from housing.team_member order by username")
                    .query(String.class)
                    .list();
        }
        return jdbc.sql("""
                select m.username from housing.team_member m join housing.team t on t.id = m.team_id
                where t.supervisor_username = ? order by m.username""").param(viewer.username()).query(String.class).list();
    }
}
