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
import org.commonweal.platform.PlanIdentity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Writes an HMIS CSV export (FY2026 HMIS CSV Format Specifications) of the enrollments active in a date range: the
 * complete set of 24 files in one ZIP, each with the FY2026 header in order ({@link HmisColumns}). Commonweal's own
 * records come from its tables; records imported from another HMIS come back as they were read
 * ({@link HmisRecords}), Commonweal's values written over the columns it holds.
 */
@Component
class HmisExport {

    static final String COC = "CA-600";
    static final String USER = "commonweal";

    /** Rows per file, for the audit trail and the tests. */
    record Summary(String exportId, Map<String, Integer> rows) {}

    private final JdbcClient jdbc;
    private final HmisRecords records;

    private final ZoneId zone;
    /** Export.csv's SourceName: "L.A. Care Health Plan – Commonweal" for the demo. */
    private final String sourceName;

    HmisExport(JdbcClient jdbc, HmisRecords records, PlanIdentity plan) {
        this.zone = plan.timeZone();
        this.sourceName = plan.name() + " – Commonweal";
        this.jdbc = jdbc;
        this.records = records;
    }

    Summary write(LocalDate from, LocalDate to, OutputStream out) throws IOException {
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("to: must not be before from");
        }
        LocalDateTime now = LocalDateTime.now(zone).withNano(0);
        String exportId = "CW" + HmisCsv.TIMESTAMP.format(now).replaceAll("[^0-9]", "");
        String active = "e.entry_date <= :to and (e.exit_date is null or e.exit_date >= :from)";
        List<String> projects = jdbc.sql("select distinct e.project_id from housing.enrollment e where " + active)
                .param("from", from)
                .param("to", to)
                .query(String.class)
                .list();
        List<String> enrollments = jdbc.sql("select e.hmis_id from housing.enrollment e where " + active)
                .param("from", from)
                .param("to", to)
                .query(String.class)
                .list();

        Map<String, FileRows> files = new LinkedHashMap<>();
        for (String file : HmisColumns.FY2026.keySet()) {
            files.put(file, kept(file, projects, enrollments, exportId));
        }
        files.put("Export.csv", sink -> sink.accept(exportRow(exportId, sourceName, now, from, to)));
        Map<String, HmisRecords.Stored> organizations = records.all("Organization.csv");
        files.put("Organization.csv", rows("""
                select distinct o.* from housing.organization o join housing.project p on p.organization_id = o.id
                join housing.enrollment e on e.project_id = p.id where """ + " " + active + " order by o.id", from, to, (rs, r) -> {
            String id = rs.getString("id");
            overlay(r, organizations.get(id));
            r.put("OrganizationID", id);
            r.put("OrganizationName", rs.getString("name"));
            // Commonweal holds yes/no: an imported 8, 9 or 99 is kept while it still means "not yes"
            boolean victim = rs.getBoolean("victim_service_provider");
            Object imported = r.get("VictimServiceProvider");
            if (imported == null || "1".equals(imported) != victim) {
                r.put("VictimServiceProvider", victim ? 1 : 0);
            }
            stamp(r, now, now, exportId);
        }));
        files.put("User.csv", users(exportId, now));
        Map<String, HmisRecords.Stored> keptProjects = records.all("Project.csv");
        files.put("Project.csv", rows("""
                select distinct p.* from housing.project p join housing.enrollment e on e.project_id = p.id
                where """ + " " + active + " order by p.id", from, to, (rs, r) -> {
            int type = rs.getInt("project_type");
            overlay(r, keptProjects.get(rs.getString("id")));
            r.put("ProjectID", rs.getString("id"));
            r.put("OrganizationID", rs.getString("organization_id"));
            r.put("ProjectName", rs.getString("name"));
            r.put("OperatingStartDate", rs.getObject("operating_start", LocalDate.class));
            r.put("OperatingEndDate", rs.getObject("operating_end", LocalDate.class));
            r.put("ProjectType", type);
            // Commonweal's own projects: what it knows of them; an imported project keeps its own values
            r.putIfAbsent("ContinuumProject", 1);
            r.putIfAbsent(
                    "HousingType",
                    HudCodes.isPermanentHousingProjectType(type)
                            ? Integer.valueOf(3)
                            : type == 0 ? Integer.valueOf(1) : null);
            r.putIfAbsent("RRHSubType", type == 13 ? 2 : null);
            r.putIfAbsent("TargetPopulation", 4);
            stamp(r, now, now, exportId);
        }));
        files.put("ProjectCoC.csv", withOwn("ProjectCoC.csv", projects, enrollments, exportId, now, (project, r) -> {
            r.put("ProjectCoCID", "C" + project);
            r.put("ProjectID", project);
            r.put("CoCCode", COC);
        }));
        files.put(
                "HMISParticipation.csv",
                withOwn("HMISParticipation.csv", projects, enrollments, exportId, now, (project, r) -> {
                    r.put("HMISParticipationID", "H" + project);
                    r.put("ProjectID", project);
                    r.put("HMISParticipationType", 1); // participating: its records are in this system
                    r.put(
                            "HMISParticipationStatusStartDate",
                            jdbc.sql("select operating_start from housing.project where id = ?")
                                    .param(project)
                                    .query(LocalDate.class)
                                    .single());
                }));
        Map<String, HmisRecords.Stored> keptClients = new HashMap<>();
        records.all("Client.csv").values().forEach(c -> keptClients.put(c.recordId(), c));
        files.put(
                "Client.csv",
                rows(
                        """
                select c.* from housing.client c where exists (select 1 from housing.enrollment e
                where e.client_id = c.id and """ + " " + active + ") order by c.personal_id",
                        from,
                        to,
                        (rs, r) -> client(rs, r, keptClients.get(rs.getString("personal_id")), exportId)));
        Map<String, HmisRecords.Stored> keptEnrollments = records.all("Enrollment.csv");
        files.put(
                "Enrollment.csv",
                rows(
                        """
                select e.*, c.personal_id from housing.enrollment e join housing.client c on c.id = e.client_id
                where """ + " " + active + " order by e.id",
                        from,
                        to,
                        (rs, r) -> enrollment(rs, r, keptEnrollments.get(rs.getString("hmis_id")), exportId)));
        Map<String, HmisRecords.Stored> keptExits = records.exitsByEnrollment();
        files.put("Exit.csv", rows("""
                select e.*, c.personal_id from housing.enrollment e join housing.client c on c.id = e.client_id
                where """ + " " + active + " and e.exit_date <= :to order by e.id", from, to, (rs, r) -> {
            HmisRecords.Stored kept = keptExits.get(rs.getString("hmis_id"));
            overlay(r, kept);
            r.put("ExitID", kept != null ? kept.recordId() : "X" + rs.getString("hmis_id"));
            r.put("EnrollmentID", rs.getString("hmis_id"));
            r.put("PersonalID", rs.getString("personal_id"));
            r.put("ExitDate", rs.getObject("exit_date", LocalDate.class));
            r.put("Destination", rs.getInt("destination"));
            r.put("DestinationSubsidyType", rs.getObject("destination_subsidy_type"));
            stamp(r, ts(rs, "created_at"), ts(rs, "updated_at"), exportId, kept);
        }));
        FileRows keptServices = kept("Services.csv", projects, enrollments, exportId);
        FileRows ownServices = rows(
                """
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
                });
        files.put("Services.csv", sink -> {
            ownServices.forEach(sink);
            keptServices.forEach(sink);
        });
        FileRows keptEvents = kept("Event.csv", projects, enrollments, exportId);
        FileRows ownEvents = rows(
                """
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
                });
        files.put("Event.csv", sink -> {
            ownEvents.forEach(sink);
            keptEvents.forEach(sink);
        });
        Map<String, Integer> counts = new LinkedHashMap<>();
        var zip = new ZipOutputStream(out, StandardCharsets.UTF_8);
        for (var file : files.entrySet()) {
            zip.putNextEntry(new ZipEntry(file.getKey()));
            List<String> columns = columns(file.getKey());
            var writer = new java.io.BufferedWriter(
                    new java.io.OutputStreamWriter(
                            new java.io.FilterOutputStream(zip) {
                                @Override
                                public void close() {
                                    // the entry is closed by the zip stream, not by this writer
                                }

                                @Override
                                public void write(byte[] b, int off, int len) throws IOException {
                                    out.write(b, off, len);
                                }
                            },
                            StandardCharsets.UTF_8),
                    64 * 1024);
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
        return HmisColumns.of(file);
    }

    /** The kept records of a file (imported from another HMIS) linked to the projects or enrollments in scope. */
    private FileRows kept(String file, List<String> projects, List<String> enrollments, String exportId) {
        return sink -> {
            for (HmisRecords.Stored stored : records.linked(file, projects, enrollments)) {
                Map<String, Object> r = new HashMap<>(stored.fields());
                r.put("ExportID", exportId);
                sink.accept(r);
            }
        };
    }

    interface OwnRow {
        void fill(String project, Map<String, Object> row);
    }

    /** Kept records of a project-level file, and a row of Commonweal's own for each project in scope without one. */
    private FileRows withOwn(
            String file,
            List<String> projects,
            List<String> enrollments,
            String exportId,
            LocalDateTime now,
            OwnRow own) {
        return sink -> {
            java.util.Set<String> covered = new java.util.HashSet<>();
            for (HmisRecords.Stored stored : records.linked(file, projects, List.of())) {
                Map<String, Object> r = new HashMap<>(stored.fields());
                r.put("ExportID", exportId);
                covered.add(stored.projectId());
                sink.accept(r);
            }
            for (String project : projects) {
                if (!covered.contains(project)) {
                    Map<String, Object> r = new HashMap<>();
                    own.fill(project, r);
                    stamp(r, now, now, exportId);
                    sink.accept(r);
                }
            }
        };
    }

    /** Commonweal's own user (the author of its rows) and the users of imported sets. */
    private FileRows users(String exportId, LocalDateTime now) {
        return sink -> {
            Map<String, Object> self = new HashMap<>();
            self.put("UserID", USER);
            self.put("UserFirstName", "Commonweal");
            self.put("UserLastName", "Housing for Health");
            self.put("DateCreated", now);
            self.put("DateUpdated", now);
            self.put("ExportID", exportId);
            sink.accept(self);
            Map<String, HmisRecords.Stored> kept = records.all("User.csv");
            for (HmisRecords.Stored stored : kept.values()) {
                if (!stored.recordId().equals(USER)) {
                    Map<String, Object> r = new HashMap<>(stored.fields());
                    r.put("ExportID", exportId);
                    sink.accept(r);
                }
            }
            // a user named by imported records whose set had no User.csv row for them: known by id only
            for (String id : records.referencedUsers()) {
                if (!id.equals(USER) && !kept.containsKey(id)) {
                    Map<String, Object> r = new HashMap<>();
                    r.put("UserID", id);
                    r.put("DateCreated", now);
                    r.put("DateUpdated", now);
                    r.put("ExportID", exportId);
                    sink.accept(r);
                }
            }
        };
    }

    /** The kept columns of a record Commonweal also holds; its own values are then written over them. */
    private static void overlay(Map<String, Object> row, HmisRecords.Stored kept) {
        if (kept != null) {
            row.putAll(kept.fields());
        }
    }

    private static Map<String, Object> exportRow(
            String exportId, String sourceName, LocalDateTime now, LocalDate from, LocalDate to) {
        Map<String, Object> r = new HashMap<>();
        r.put("ExportID", exportId);
        r.put("SourceType", 2);
        r.put("SourceName", sourceName);
        r.put("ExportDate", now);
        r.put("ExportStartDate", from);
        r.put("ExportEndDate", to);
        r.put("SoftwareName", "Commonweal");
        r.put("SoftwareVersion", "1");
        r.put("CSVVersion", HmisColumns.CSV_VERSION);
        r.put("ExportPeriodType", 3);
        r.put("ExportDirective", 2);
        r.put("HashStatus", 1);
        r.put("ImplementationID", "commonweal-housing");
        return r;
    }

    private void client(ResultSet rs, Map<String, Object> r, HmisRecords.Stored kept, String exportId)
            throws SQLException {
        overlay(r, kept);
        List<String> race = Arrays.asList((String[]) rs.getArray("race").getArray());
        String last4 = rs.getString("ssn_last4");
        r.put("PersonalID", rs.getString("personal_id"));
        r.put("FirstName", rs.getString("first_name"));
        r.put("LastName", rs.getString("last_name"));
        r.put("NameDataQuality", rs.getInt("name_quality"));
        // only the last four digits are kept: the SSN goes out as partial, whatever the source had
        r.put("SSN", last4 == null ? null : "xxxxx" + last4);
        r.put("SSNDataQuality", last4 == null ? r.getOrDefault("SSNDataQuality", 99) : 2);
        r.put("DOB", rs.getObject("birth_date", LocalDate.class));
        r.put("DOBDataQuality", rs.getInt("dob_quality"));
        r.put("Sex", rs.getInt("sex"));
        for (int i = 0; i < HudCodes.RACE_COLUMNS.length; i++) {
            r.put(HmisFy2026.RACE_COLUMNS.get(i), race.contains(HudCodes.RACE_COLUMNS[i]) ? 1 : 0);
        }
        if (race.isEmpty()) {
            r.putIfAbsent("RaceNone", 99);
        } else {
            r.put("RaceNone", null);
        }
        r.put("VeteranStatus", rs.getInt("veteran_status"));
        stamp(r, ts(rs, "created_at"), ts(rs, "updated_at"), exportId, kept);
    }

    private void enrollment(ResultSet rs, Map<String, Object> r, HmisRecords.Stored kept, String exportId)
            throws SQLException {
        overlay(r, kept);
        r.put("EnrollmentID", rs.getString("hmis_id"));
        r.put("PersonalID", rs.getString("personal_id"));
        r.put("ProjectID", rs.getString("project_id"));
        r.put("EntryDate", rs.getObject("entry_date", LocalDate.class));
        r.put("HouseholdID", rs.getString("household_id"));
        r.put("RelationshipToHoH", rs.getInt("relationship_to_hoh"));
        r.putIfAbsent("EnrollmentCoC", COC);
        r.put("LivingSituation", rs.getInt("living_situation"));
        r.put("DisablingCondition", rs.getInt("disabling_condition"));
        r.put("MoveInDate", rs.getObject("move_in_date", LocalDate.class));
        stamp(r, ts(rs, "created_at"), ts(rs, "updated_at"), exportId, kept);
    }

    /**
     * Dates and author of a row Commonweal holds: an imported record keeps its own DateCreated, DateUpdated and UserID
     * unless Commonweal changed the record after the import (then DateUpdated is Commonweal's).
     */
    private void stamp(
            Map<String, Object> r,
            LocalDateTime created,
            LocalDateTime updated,
            String exportId,
            HmisRecords.Stored kept) {
        if (kept != null && updated != null && updated.atZone(zone).toInstant().isAfter(kept.importedAt())) {
            r.put("DateUpdated", updated);
        }
        stamp(r, created, updated, exportId);
    }

    private static void stamp(Map<String, Object> r, LocalDateTime created, LocalDateTime updated, String exportId) {
        r.putIfAbsent("DateCreated", created);
        r.putIfAbsent("DateUpdated", updated);
        r.putIfAbsent("UserID", USER);
        r.put("ExportID", exportId);
    }

    private LocalDateTime ts(ResultSet rs, String column) throws SQLException {
        var t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant().atZone(zone).toLocalDateTime().withNano(0);
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
