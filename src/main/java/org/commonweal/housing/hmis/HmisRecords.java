package org.commonweal.housing.hmis;

import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The records of imported HMIS CSV sets kept as they came ({@code housing.hmis_record}): whole records of the files
 * Commonweal has no table for, and the columns its tables do not hold for the files it does model. An export puts
 * them back, so a set read in comes out again.
 */
@Component
class HmisRecords {

    /** Client columns never kept here: held by housing.client (names, birth date) or not kept at all (the full SSN). */
    static final Set<String> CLIENT_COLUMNS_NOT_KEPT = Set.of("FirstName", "LastName", "DOB", "SSN");

    record Stored(
            String recordId,
            String projectId,
            String enrollmentId,
            String personalId,
            Map<String, String> fields,
            java.time.Instant importedAt) {}

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<LinkedHashMap<String, String>> FIELDS = new TypeReference<>() {};

    private final JdbcClient jdbc;

    HmisRecords(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void keep(
            String file,
            String recordId,
            String projectId,
            String enrollmentId,
            String personalId,
            Map<String, String> fields,
            String sourceExportId) {
        jdbc.sql("""
                insert into housing.hmis_record (file, record_id, project_id, enrollment_id, personal_id, fields,
                                                 source_export_id)
                values (:file, :id, :project, :enrollment, :personal, cast(:fields as jsonb), :export)
                on conflict (file, record_id) do update set project_id = excluded.project_id,
                    enrollment_id = excluded.enrollment_id, personal_id = excluded.personal_id, fields = excluded.fields,
                    source_export_id = excluded.source_export_id, imported_at = now()""")
                .param("file", file)
                .param("id", recordId)
                .param("project", projectId)
                .param("enrollment", enrollmentId)
                .param("personal", personalId)
                .param("fields", JSON.writeValueAsString(fields))
                .param("export", sourceExportId)
                .update();
    }

    /** Every kept record of a file, by record id. */
    Map<String, Stored> all(String file) {
        Map<String, Stored> found = new LinkedHashMap<>();
        jdbc.sql("select * from housing.hmis_record where file = ? order by record_id")
                .param(file)
                .query(rs -> {
                    found.put(rs.getString("record_id"), stored(rs));
                });
        return found;
    }

    /** The kept records of a file whose project, or enrollment, is among those given. */
    List<Stored> linked(String file, Collection<String> projects, Collection<String> enrollments) {
        return jdbc.sql("""
                select * from housing.hmis_record where file = :file
                and (project_id = any (:projects) or enrollment_id = any (:enrollments)) order by record_id""")
                .param("file", file)
                .param("projects", projects.toArray(String[]::new))
                .param("enrollments", enrollments.toArray(String[]::new))
                .query((rs, n) -> stored(rs))
                .list();
    }

    /** Every UserID the kept records name. */
    List<String> referencedUsers() {
        return jdbc.sql("""
                select distinct fields ->> 'UserID' from housing.hmis_record
                where file <> 'User.csv' and coalesce(fields ->> 'UserID', '') <> '' order by 1""").query(String.class).list();
    }

    /** The kept Exit columns by EnrollmentID (an exit is one per enrollment). */
    Map<String, Stored> exitsByEnrollment() {
        Map<String, Stored> found = new HashMap<>();
        for (Stored s : all("Exit.csv").values()) {
            found.put(s.enrollmentId(), s);
        }
        return found;
    }

    private static Stored stored(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Stored(
                rs.getString("record_id"),
                rs.getString("project_id"),
                rs.getString("enrollment_id"),
                rs.getString("personal_id"),
                JSON.readValue(rs.getString("fields"), FIELDS),
                rs.getTimestamp("imported_at").toInstant());
    }
}
