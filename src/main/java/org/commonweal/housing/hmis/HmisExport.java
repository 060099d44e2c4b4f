package org.commonweal.housing.hmis;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.commonweal.housing.HudCodes;
import org.commonweal.housing.cases.ServiceType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Writes an HMIS CSV export (FY2024) of the enrollments active in a date range: Export, Organization, Project,
 * Client, Enrollment, Exit, Services and Event files in one ZIP, with HUD column names and codes.
 */
@Component
class HmisExport {

    static final String COC = "CA-600";
    static final String USER = "commonweal";

    /** Rows per file, for the audit trail and the tests. */
    record Summary(String exportId, Map<String, Integer> rows) {
    }

    private final JdbcClient jdbc;

    HmisExport(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Summary write(LocalDate from, LocalDate to, OutputStream out) throws IOException {
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("to: must not be before from");
        }
        LocalDateTime now = LocalDateTime.now(ZoneId.of("America/Los_Angeles")).withNano(0);
        String exportId = "CW" + HmisCsv.TIMESTAMP.format(now).replaceAll("[^0-9]", "");
        Map<String, FileRows> files = new LinkedHashMap<>();
        files.put("Export.csv", sink -> sink.accept(exportRow(exportId, now, from, to)));
        String active = "e.entry_date <= :to and (e.exit_date is null or e.exit_date >= :from)";
        files.put("Organization.csv", rows("""
                select distinct o.* from housing.organization o join housing.project p on p.organization_id = o.id
                join housing.enrollment e on e.project_id = p.id where """ + " " + active + " order by o.id", from, to,
                (rs, r) -> {
                    r.put("OrganizationID", rs.getString("id"));
                    r.put("OrganizationName", rs.getString("name"));
                    r.put("VictimServiceProvider", rs.getBoolean("victim_service_provider") ? 1 : 0);
                    stamp(r, now, now, exportId);
                }));
        files.put("Project.csv", rows("""
                select distinct p.* from housing.project p join housing.enrollment e on e.project_id = p.id
                where """ + " " + active + " order by p.id", from, to, (rs, r) -> {
                    int type = rs.getInt("project_type");
                    r.put("ProjectID", rs.getString("id"));
                    r.put("OrganizationID", rs.getString("organization_id"));
                    r.put("ProjectName", rs.getString("name"));
                    r.put("OperatingStartDate", rs.getObject("operating_start", LocalDate.class));
                    r.put("OperatingEndDate", rs.getObject("operating_end", LocalDate.class));
                    r.put("ContinuumProject", 1);
                    r.put("ProjectType", type);
                    r.put("HousingType", HudCodes.isPermanentHousingProjectType(type) ? Integer.valueOf(3) : type == 0 ? Integer.valueOf(1) : null);
                    r.put("RRHSubType", type == 13 ? 2 : null);
                    r.put("TargetPopulation", 4);
                    r.put("PITCount", null);
                    stamp(r, now, now, exportId);
                }));
        files.put("Client.csv", rows("""
                select c.* from housing.client c where exists (select 1 from housing.enrollment e
                where e.client_id = c.id and """ + " " + active + ") order by c.personal_id", from, to,
                (rs, r) -> client(rs, r, exportId)));
        files.put("Enrollment.csv", rows("""
                select e.*, c.personal_id from housing.enrollment e join housing.client c on c.id = e.client_id
                where """ + " " + active + " order by e.id", from, to, (rs, r) -> enrollment(rs, r, exportId)));
        files.put("Exit.csv", rows("""
                select e.*, c.personal_id from housing.enrollment e join housing.client c on c.id = e.client_id
                where """ + " " + active + " and e.exit_date <= :to order by e.id", from, to, (rs, r) -> {
                    r.put("ExitID", "X" + rs.getString("hmis_id"));
                    r.put("EnrollmentID", rs.getString("hmis_id"));
                    r.put("PersonalID", rs.getString("personal_id"));
                    r.put("ExitDate", rs.getObject("exit_date", LocalDate.class));
                    r.put("Destination", rs.getInt("destination"));
                    r.put("DestinationSubsidyType", rs.getObject("destination_subsidy_type"));
                    stamp(r, ts(rs, "created_at"), ts(rs, "updated_at"), exportId);
                }));
        files.put("Services.csv", rows("""
                select s.*, e.hmis_id, c.personal_id from housing.service s
                join housing.enrollment e on e.id = s.enrollment_id join housing.client c on c.id = s.client_id
                where """ + " " + active + " and s.provided_on between :from and :to order by s.id", from, to, (rs, r) -> {
                    ServiceType type = ServiceType.parse(rs.getString("service_type"));
                    r.put("ServicesID", "S" + rs.getLong("id"));
                    r.put("EnrollmentID", rs.getString("hmis_id"));
                    r.put("PersonalID", rs.getString("personal_id"));
                    r.put("DateProvided", rs.getObject("provided_on", LocalDate.class));
                    r.put("RecordType", 143);
                    r.put("TypeProvided", type.hopwaType());
                    r.put("OtherTypeProvided", type.hopwaType() == 14 ? type.code() : null);
                    stamp(r, ts(rs, "created_at"), ts(rs, "created_at"), exportId);
                }));
        files.put("Event.csv", rows("""
                select v.*, e.hmis_id, c.personal_id from housing.ce_event v
                join housing.enrollment e on e.id = v.enrollment_id join housing.client c on c.id = v.client_id
                where """ + " " + active + " and v.event_date between :from and :to order by v.id", from, to, (rs, r) -> {
                    r.put("EventID", "V" + rs.getLong("id"));
                    r.put("EnrollmentID", rs.getString("hmis_id"));
                    r.put("PersonalID", rs.getString("personal_id"));
                    r.put("EventDate", rs.getObject("event_date", LocalDate.class));
                    r.put("Event", rs.getInt("event"));
                    r.put("ReferralResult", rs.getObject("referral_result"));
                    r.put("ResultDate", rs.getObject("result_date", LocalDate.class));
                    stamp(r, now, now, exportId);
                }));
        Map<String, Integer> counts = new LinkedHashMap<>();
        var zip = new ZipOutputStream(out, StandardCharsets.UTF_8);
        for (var file : files.entrySet()) {
            zip.putNextEntry(new ZipEntry(file.getKey()));
            List<String> columns = columns(file.getKey());
            var writer = new java.io.BufferedWriter(new java.io.OutputStreamWriter(
                    new java.io.FilterOutputStream(zip) {
                        @Override
                        public void close() {
                            // the entry is closed by the zip stream, not by this writer
                        }

                        @Override
                        public void write(byte[] b, int off, int len) throws IOException {
                            out.write(b, off, len);
                        }
                    }, StandardCharsets.UTF_8), 64 * 1024);
            writer.write(HmisCsv.line(columns));
            int[] count = {0};
            file.getValue().forEach(row -> {
                List<Object> values = new ArrayList<>(columns.size());
                for (String column : columns) {
                    values.add(row.get(column));
                }
                try {
                    writer.write(HmisCsv.line(values));
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
                count[0]++;
            });
            writer.flush();
            zip.closeEntry();
            counts.put(file.getKey(), count[0]);
        }
        zip.finish();
        return new Summary(exportId, counts);
    }

    static List<String> columns(String file) {
        return switch (file) {
            case "Export.csv" -> HmisColumns.EXPORT;
            case "Organization.csv" -> HmisColumns.ORGANIZATION;
            case "Project.csv" -> HmisColumns.PROJECT;
            case "Client.csv" -> HmisColumns.CLIENT;
            case "Enrollment.csv" -> HmisColumns.ENROLLMENT;
            case "Exit.csv" -> HmisColumns.EXIT;
            case "Services.csv" -> HmisColumns.SERVICES;
            case "Event.csv" -> HmisColumns.EVENT;
            default -> throw new IllegalArgumentException(file);
        };
    }

    private static Map<String, Object> exportRow(String exportId, LocalDateTime now, LocalDate from, LocalDate to) {
        Map<String, Object> r = new HashMap<>();
        r.put("ExportID", exportId);
        r.put("SourceType", 2);
        r.put("SourceName", "L.A. Care Health Plan – Commonweal");
        r.put("ExportDate", now);
        r.put("ExportStartDate", from);
        r.put("ExportEndDate", to);
        r.put("SoftwareName", "Commonweal");
        r.put("SoftwareVersion", "1");
        r.put("CSVVersion", "2024");
        r.put("ExportPeriodType", 3);
        r.put("ExportDirective", 2);
        r.put("HashStatus", 1);
        r.put("ImplementationID", "commonweal-housing");
        return r;
    }

    private static void client(ResultSet rs, Map<String, Object> r, String exportId) throws SQLException {
        List<String> race = Arrays.asList((String[]) rs.getArray("race").getArray());
        List<String> gender = Arrays.asList((String[]) rs.getArray("gender").getArray());
        String last4 = rs.getString("ssn_last4");
        r.put("PersonalID", rs.getString("personal_id"));
        r.put("FirstName", rs.getString("first_name"));
        r.put("LastName", rs.getString("last_name"));
        r.put("NameDataQuality", rs.getInt("name_quality"));
        r.put("SSN", last4 == null ? null : "xxxxx" + last4);
        r.put("SSNDataQuality", last4 == null ? 99 : 2);
        r.put("DOB", rs.getObject("birth_date", LocalDate.class));
        r.put("DOBDataQuality", rs.getInt("dob_quality"));
        for (String column : HudCodes.RACE_COLUMNS) {
            r.put(column, race.contains(column) ? 1 : 0);
        }
        r.put("RaceNone", race.isEmpty() ? 99 : null);
        for (String column : HudCodes.GENDER_COLUMNS) {
            r.put(column, gender.contains(column) ? 1 : 0);
        }
        r.put("GenderNone", gender.isEmpty() ? 99 : null);
        r.put("VeteranStatus", rs.getInt("veteran_status"));
        stamp(r, ts(rs, "created_at"), ts(rs, "updated_at"), exportId);
    }

    private static void enrollment(ResultSet rs, Map<String, Object> r, String exportId) throws SQLException {
        r.put("EnrollmentID", rs.getString("hmis_id"));
        r.put("PersonalID", rs.getString("personal_id"));
        r.put("ProjectID", rs.getString("project_id"));
        r.put("EntryDate", rs.getObject("entry_date", LocalDate.class));
        r.put("HouseholdID", rs.getString("household_id"));
        r.put("RelationshipToHoH", rs.getInt("relationship_to_hoh"));
        r.put("EnrollmentCoC", COC);
        r.put("LivingSituation", rs.getInt("living_situation"));
        r.put("DisablingCondition", rs.getInt("disabling_condition"));
        r.put("MoveInDate", rs.getObject("move_in_date", LocalDate.class));
        stamp(r, ts(rs, "created_at"), ts(rs, "updated_at"), exportId);
    }

    private static void stamp(Map<String, Object> r, LocalDateTime created, LocalDateTime updated, String exportId) {
        r.put("DateCreated", created);
        r.put("DateUpdated", updated);
        r.put("UserID", USER);
        r.put("ExportID", exportId);
    }

    private static LocalDateTime ts(ResultSet rs, String column) throws SQLException {
        var t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant().atZone(ZoneId.of("America/Los_Angeles")).toLocalDateTime().withNano(0);
    }

    interface RowFiller {
        void fill(ResultSet rs, Map<String, Object> row) throws SQLException;
    }

    /** The rows of one file, produced on demand and handed one by one to a sink (streamed from the database). */
    interface FileRows {
        void forEach(java.util.function.Consumer<Map<String, Object>> sink);
    }

    private FileRows rows(String sql, LocalDate from, LocalDate to, RowFiller filler) {
        return sink -> jdbc.sql(sql).param("from", from).param("to", to).query(rs -> {
            Map<String, Object> row = new HashMap<>();
            filler.fill(rs, row);
            sink.accept(row);
        });
    }
}
