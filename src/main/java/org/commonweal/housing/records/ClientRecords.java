package org.commonweal.housing.records;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.commonweal.housing.jdbc.RecordRows;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Reads and writes clients and enrollments for the edit forms. Access checks and audit are the caller's. */
@Repository
class ClientRecords {

    record Client(long id, String personalId, String memberId, ClientForm.Values values) {}

    record Enrollment(long id, String hmisId, long clientId, EnrollmentForm.Values values) {}

    record Project(String id, String name, int projectType) {}

    private final JdbcClient jdbc;

    ClientRecords(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Client> client(long id) {
        return jdbc.sql("""
                select id, personal_id, member_id, first_name, last_name, name_quality, birth_date, dob_quality,
                       ssn_last4, race, gender, veteran_status, disabling_condition, spa
                from housing.client where id = ?""").param(id).query(ClientRecords::client).optional();
    }

    long insertClient(ClientForm.Values v) {
        return jdbc.sql("""
                with n as (select nextval(pg_get_serial_sequence('housing.client', 'id')) as id)
                insert into housing.client (id, personal_id, member_id, first_name, last_name, name_quality,
                    birth_date, dob_quality, ssn_last4, race, gender, veteran_status, disabling_condition, spa)
                select n.id, 'HFH' || lpad(n.id::text, 7, '0'), :member, :first, :last, :nq, :dob, :dq, :ssn, :race,
                       :gender, :vet, :dis, :spa
                from n returning id""").params(params(v)).query(Long.class).single();
    }

    void updateClient(long id, ClientForm.Values v) {
        jdbc.sql("""
                update housing.client set member_id = :member, first_name = :first, last_name = :last,
                    name_quality = :nq, birth_date = :dob, dob_quality = :dq, ssn_last4 = :ssn, race = :race,
                    gender = :gender, veteran_status = :vet, disabling_condition = :dis, spa = :spa, updated_at = now()
                where id = :id""").params(params(v)).param("id", id).update();
    }

    private static Map<String, Object> params(ClientForm.Values v) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("member", v.memberId());
        p.put("first", v.firstName());
        p.put("last", v.lastName());
        p.put("nq", v.nameQuality());
        p.put("dob", v.birthDate());
        p.put("dq", v.dobQuality());
        p.put("ssn", v.ssnLast4());
        p.put("race", v.race().toArray(String[]::new));
        p.put("gender", v.gender().toArray(String[]::new));
        p.put("vet", v.veteranStatus());
        p.put("dis", v.disablingCondition());
        p.put("spa", v.spa());
        return p;
    }

    List<Project> projects() {
        return jdbc.sql("""
                select id, name, project_type from housing.project
                where operating_end is null or operating_end >= current_date order by name""").query(RecordRows.of(Project.class)).list();
    }

    Map<String, Integer> projectTypes() {
        Map<String, Integer> types = new LinkedHashMap<>();
        projects().forEach(p -> types.put(p.id(), p.projectType()));
        return types;
    }

    Optional<Enrollment> enrollment(long id) {
        return jdbc.sql("""
                select id, hmis_id, client_id, project_id, entry_date, living_situation, household_id,
                       relationship_to_hoh, disabling_condition, move_in_date, exit_date, destination,
                       destination_subsidy_type
                from housing.enrollment where id = ?""")
                .param(id)
                .query((rs, n) -> new Enrollment(
                        rs.getLong("id"),
                        rs.getString("hmis_id"),
                        rs.getLong("client_id"),
                        new EnrollmentForm.Values(
                                rs.getString("project_id"),
                                rs.getObject("entry_date", LocalDate.class),
                                rs.getInt("living_situation"),
                                rs.getString("household_id"),
                                rs.getInt("relationship_to_hoh"),
                                rs.getInt("disabling_condition"),
                                rs.getObject("move_in_date", LocalDate.class),
                                rs.getObject("exit_date", LocalDate.class),
                                (Integer) rs.getObject("destination"),
                                (Integer) rs.getObject("destination_subsidy_type"))))
                .optional();
    }

    /** A new enrollment; without a household id it is a household of its own ({@code HH} + id). */
    long insertEnrollment(long clientId, EnrollmentForm.Values v) {
        return jdbc.sql("""
                with n as (select nextval(pg_get_serial_sequence('housing.enrollment', 'id')) as id)
                insert into housing.enrollment (id, hmis_id, client_id, project_id, household_id, relationship_to_hoh,
                    entry_date, living_situation, disabling_condition, move_in_date, exit_date, destination,
                    destination_subsidy_type)
                select n.id, 'E' || n.id, :client, :project, coalesce(:household, 'HH' || n.id), :rel, :entry, :living,
                       :dis, :movein, :exit, :dest, :subsidy
                from n returning id""")
                .params(params(v))
                .param("client", clientId)
                .query(Long.class)
                .single();
    }

    void updateEnrollment(long id, EnrollmentForm.Values v) {
        jdbc.sql("""
                update housing.enrollment set project_id = :project,
                    household_id = coalesce(:household, household_id), relationship_to_hoh = :rel,
                    entry_date = :entry, living_situation = :living, disabling_condition = :dis,
                    move_in_date = :movein, exit_date = :exit, destination = :dest,
                    destination_subsidy_type = :subsidy, updated_at = now()
                where id = :id""").params(params(v)).param("id", id).update();
    }

    private static Map<String, Object> params(EnrollmentForm.Values v) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("project", v.projectId());
        p.put("household", v.householdId());
        p.put("rel", v.relationshipToHoh());
        p.put("entry", v.entryDate());
        p.put("living", v.livingSituation());
        p.put("dis", v.disablingCondition());
        p.put("movein", v.moveInDate());
        p.put("exit", v.exitDate());
        p.put("dest", v.destination());
        p.put("subsidy", v.destinationSubsidyType());
        return p;
    }

    /** Revokes a consent from {@code on}; the client's id, or empty when there is no such live consent. */
    Optional<Long> revokeConsent(long consentId, LocalDate on) {
        return jdbc.sql("""
                update housing.consent set revoked_on = ? where id = ? and revoked_on is null returning client_id""").params(on, consentId).query(Long.class).optional();
    }

    Optional<Long> clientOfConsent(long consentId) {
        return jdbc.sql("select client_id from housing.consent where id = ?")
                .param(consentId)
                .query(Long.class)
                .optional();
    }

    void assign(long clientId, String caseManager, LocalDate on, String by) {
        jdbc.sql(
                        "insert into housing.assignment (client_id, case_manager, assigned_on, assigned_by) values (?, ?, ?, ?)")
                .params(clientId, caseManager, on, by)
                .update();
    }

    /** Whom a new client may be given to: oneself when in a team, and the case managers of the teams one supervises. */
    List<String> assignable(String username, boolean admin) {
        if (admin) {
            return jdbc.sql("select username from housing.team_member order by username")
                    .query(String.class)
                    .list();
        }
        return jdbc.sql("""
                select m.username from housing.team_member m
                where m.username = :me
                   or m.team_id in (select t.id from housing.team t where t.supervisor_username = :me)
                order by m.username""").param("me", username).query(String.class).list();
    }

    private static Client client(ResultSet rs, int n) throws SQLException {
        return new Client(
                rs.getLong("id"),
                rs.getString("personal_id"),
                rs.getString("member_id"),
                new ClientForm.Values(
                        rs.getString("first_name"),
                        rs.getString("last_name"),
                        rs.getInt("name_quality"),
                        rs.getObject("birth_date", LocalDate.class),
                        rs.getInt("dob_quality"),
                        rs.getString("ssn_last4"),
                        Arrays.asList((String[]) rs.getArray("race").getArray()),
                        Arrays.asList((String[]) rs.getArray("gender").getArray()),
                        rs.getInt("veteran_status"),
                        rs.getInt("disabling_condition"),
                        rs.getString("member_id"),
                        (Integer) rs.getObject("spa")));
    }
}
