package org.commonweal.housing.hmis;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.commonweal.housing.HudCodes;
import org.commonweal.platform.StorableText;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Reads HMIS CSV: a complete export of another HMIS (a ZIP of the FY2026 set, or an FY2024 set, converted), or
 * Client.csv, Enrollment.csv and Exit.csv on their own. Columns are found by name (FY2026 spelling; FY2024's renamed
 * columns and letter-case variants are recognised). Files are applied in the order of the set, referenced records
 * first (users, organizations, projects, project-level files, clients, enrollments, exits, enrollment-level files).
 * Each row is checked on its own: good rows are inserted or updated (organizations and projects by their id, clients
 * by PersonalID, enrollments by EnrollmentID) and kept as read ({@link HmisRecords}) so that an export gives them back;
 * bad rows are reported with file, line, field and reason and change nothing. Each row is applied in its own
 * transaction (its table row and its kept record together), so an import stopped at any point, a {@code kill -9}
 * included, leaves whole rows, and importing the set again completes it (every row is an upsert).
 */
@Component
class HmisImport {

    /** Rows applied; rows refused (file, line, field, reason); notes on the set (version, conversion, columns). */
    record Report(int applied, List<String> problems, List<String> notes) {

        Report(int applied, List<String> problems) {
            this(applied, problems, List.of());
        }
    }

    /** The most a set may hold, uncompressed (a ZIP that inflates beyond it is refused). */
    static final long MAX_SET_BYTES = 2L * 1024 * 1024 * 1024;

    private static final List<String> PROJECT_FILES = List.of(
            "Funder.csv",
            "ProjectCoC.csv",
            "Inventory.csv",
            "Affiliation.csv",
            "HMISParticipation.csv",
            "CEParticipation.csv");
    private static final List<String> ENROLLMENT_FILES = List.of(
            "IncomeBenefits.csv",
            "HealthAndDV.csv",
            "EmploymentEducation.csv",
            "Disabilities.csv",
            "Services.csv",
            "CurrentLivingSituation.csv",
            "Assessment.csv",
            "AssessmentQuestions.csv",
            "AssessmentResults.csv",
            "Event.csv",
            "YouthEducationStatus.csv");
    private static final Set<String> TIMESTAMPS = Set.of("DateCreated", "DateUpdated", "DateDeleted", "ExportDate");

    /** A bad row: the file, its line (header is line 1), the field and why. */
    static final class BadRow extends Exception {
        BadRow(String field, String reason) {
            super(field + ": " + reason);
        }
    }

    private static final Set<Integer> NO_YES = HudCodes.NO_YES.keySet();
    private static final Set<Integer> DATA_QUALITY = Set.of(1, 2, 8, 9, 99);

    private final JdbcClient jdbc;
    private final HmisRecords kept;
    private final TransactionTemplate tx;

    HmisImport(JdbcClient jdbc, HmisRecords kept, TransactionTemplate tx) {
        this.jdbc = jdbc;
        this.kept = kept;
        this.tx = tx;
    }

    /** Client.csv, Enrollment.csv and Exit.csv on their own (any may be null). */
    Report run(Reader clients, Reader enrollments, Reader exits) throws IOException {
        Map<String, List<List<String>>> files = new LinkedHashMap<>();
        try {
            if (clients != null) {
                files.put("Client.csv", HmisCsv.parse(clients));
            }
            if (enrollments != null) {
                files.put("Enrollment.csv", HmisCsv.parse(enrollments));
            }
            if (exits != null) {
                files.put("Exit.csv", HmisCsv.parse(exits));
            }
        } catch (IOException e) {
            return new Report(
                    0, List.of("the file could not be read, nothing was applied: " + e.getMessage()), List.of());
        }
        return apply(files, null, new ArrayList<>(), false);
    }

    /**
     * A complete HMIS CSV set in a ZIP (files at its root or in one folder). Export.csv says the version: FY2026 is
     * read as it is, FY2024 is converted (see {@link HmisFy2026}), anything else is refused before a row is read.
     */
    Report runSet(InputStream zip) throws IOException {
        Map<String, List<List<String>>> files = new LinkedHashMap<>();
        List<String> notes = new ArrayList<>();
        long[] budget = {MAX_SET_BYTES};
        try (var in = new ZipInputStream(zip, StandardCharsets.UTF_8)) {
            ZipEntry entry;
            while ((entry = in.getNextEntry()) != null) {
                if (entry.isDirectory()) {
                    continue;
                }
                String name = entry.getName().substring(entry.getName().lastIndexOf('/') + 1);
                String file = HmisColumns.FY2026.keySet().stream()
                        .filter(f -> f.equalsIgnoreCase(name))
                        .findFirst()
                        .orElse(null);
                if (file == null) {
                    notes.add(name + ": not a file of the FY2026 HMIS CSV set; not read");
                    continue;
                }
                files.put(
                        file,
                        HmisCsv.parse(new java.io.BufferedReader(
                                new java.io.InputStreamReader(bounded(in, budget), StandardCharsets.UTF_8))));
            }
        } catch (java.util.zip.ZipException e) {
            return new Report(0, List.of("not a ZIP of HMIS CSV files (" + e.getMessage() + ")"), notes);
        } catch (IOException e) {
            return new Report(0, List.of("the set could not be read, nothing was applied: " + e.getMessage()), notes);
        }
        List<List<String>> export = files.get("Export.csv");
        if (export == null || export.size() < 2) {
            return new Report(
                    0,
                    List.of("Export.csv: missing or without a row, so the set's CSVVersion is unknown;"
                            + " nothing was read"),
                    notes);
        }
        int versionAt = export.get(0).stream().map(String::strip).toList().indexOf("CSVVersion");
        String csvVersion = versionAt < 0 || versionAt >= export.get(1).size()
                ? ""
                : export.get(1).get(versionAt).strip();
        var version = HmisFy2026.version(csvVersion);
        if (version.isEmpty()) {
            return new Report(
                    0,
                    List.of("Export.csv line 2: CSVVersion: '" + csvVersion + "' is neither FY2026"
                            + " ('2026 …') nor FY2024 ('2024 …'); nothing was read. Export the set again as FY2026 from the"
                            + " source HMIS."),
                    notes);
        }
        int idAt = export.get(0).stream().map(String::strip).toList().indexOf("ExportID");
        String sourceExport = idAt < 0 || idAt >= export.get(1).size()
                ? null
                : export.get(1).get(idAt).strip();
        boolean fy2024 = version.get() == HmisFy2026.Version.FY2024;
        notes.add(
                0,
                "Export.csv: CSVVersion '" + csvVersion + "' read as " + version.get()
                        + (fy2024
                                ? " and converted to FY2026: Client.csv has no Sex in FY2024, so Sex is 99 (Data not"
                                        + " collected); the retired gender columns go to Commonweal's own gender field and are not"
                                        + " exported; the retired Enrollment.csv columns SexualOrientation, SexualOrientationOther,"
                                        + " TranslationNeeded, PreferredLanguage and PreferredLanguageDifferent are not kept;"
                                        + " HispanicLatinaeo is read as HispanicLatinao"
                                : ""));
        for (String file : HmisColumns.FY2026.keySet()) {
            if (!files.containsKey(file)) {
                notes.add(file + ": missing from the set");
            }
        }
        files.remove("Export.csv");
        return apply(files, sourceExport, notes, true);
    }

    private Report apply(Map<String, List<List<String>>> files, String sourceExport, List<String> notes, boolean set)
            throws IOException {
        List<String> problems = new ArrayList<>();
        int applied = 0;
        for (String file : HmisColumns.FY2026.keySet()) {
            List<List<String>> records = files.get(file);
            if (records == null) {
                continue;
            }
            applied += switch (file) {
                case "User.csv" ->
                    each(
                            file,
                            records,
                            List.of("UserID"),
                            problems,
                            notes,
                            set,
                            r -> keep(file, r, null, null, null, sourceExport));
                case "Organization.csv" ->
                    each(
                            file,
                            records,
                            List.of("OrganizationID", "OrganizationName"),
                            problems,
                            notes,
                            set,
                            r -> organization(r, sourceExport));
                case "Project.csv" ->
                    each(
                            file,
                            records,
                            List.of("ProjectID", "OrganizationID", "ProjectName", "OperatingStartDate", "ProjectType"),
                            problems,
                            notes,
                            set,
                            r -> project(r, sourceExport));
                case "Client.csv" ->
                    each(
                            file,
                            records,
                            List.of("PersonalID", "FirstName", "LastName", "DOB"),
                            problems,
                            notes,
                            set,
                            r -> client(r, sourceExport));
                case "Enrollment.csv" ->
                    each(
                            file,
                            records,
                            List.of(
                                    "EnrollmentID",
                                    "PersonalID",
                                    "ProjectID",
                                    "EntryDate",
                                    "HouseholdID",
                                    "RelationshipToHoH",
                                    "LivingSituation"),
                            problems,
                            notes,
                            set,
                            r -> enrollment(r, sourceExport));
                case "Exit.csv" ->
                    each(
                            file,
                            records,
                            List.of("EnrollmentID", "PersonalID", "ExitDate", "Destination"),
                            problems,
                            notes,
                            set,
                            r -> exit(r, sourceExport));
                default ->
                    PROJECT_FILES.contains(file)
                            ? each(
                                    file,
                                    records,
                                    List.of(HmisColumns.idColumn(file), "ProjectID"),
                                    problems,
                                    notes,
                                    set,
                                    r -> projectRecord(file, r, sourceExport))
                            : ENROLLMENT_FILES.contains(file)
                                    ? each(
                                            file,
                                            records,
                                            List.of(HmisColumns.idColumn(file), "EnrollmentID", "PersonalID"),
                                            problems,
                                            notes,
                                            set,
                                            r -> enrollmentRecord(file, r, sourceExport))
                                    : 0;
            };
        }
        return new Report(applied, problems, notes);
    }

    interface RowHandler {
        void apply(Map<String, String> row) throws BadRow;
    }

    private int each(
            String file,
            List<List<String>> records,
            List<String> required,
            List<String> problems,
            List<String> notes,
            boolean set,
            RowHandler handler) {
        if (records.isEmpty()) {
            problems.add(file + ": empty file");
            return 0;
        }
        List<String> header = records.get(0).stream()
                .map(String::strip)
                .map(h -> HmisFy2026.canonical(file, h))
                .toList();
        if (set) {
            List<String> retired = HmisFy2026.RETIRED.getOrDefault(file, List.of());
            List<String> unknown = header.stream()
                    .filter(h -> !HmisFy2026.known(file, h) && !retired.contains(h))
                    .toList();
            if (!unknown.isEmpty()) {
                notes.add(file + " line 1: not columns of the FY2026 file, not kept: " + String.join(", ", unknown));
            }
            List<String> absent = HmisColumns.of(file).stream()
                    .filter(c -> !header.contains(c))
                    .toList();
            if (!absent.isEmpty()) {
                notes.add(file + " line 1: FY2026 columns missing, read as blank: " + String.join(", ", absent));
            }
        }
        List<String> missing =
                required.stream().filter(c -> !header.contains(c)).toList();
        if (!missing.isEmpty()) {
            problems.add(file + " line 1: missing columns " + String.join(", ", missing));
            return 0;
        }
        int applied = 0;
        for (int i = 1; i < records.size(); i++) {
            List<String> values = records.get(i);
            if (values.size() == 1 && values.get(0).isBlank()) {
                continue;
            }
            int line = i + 1;
            if (values.size() != header.size()) {
                problems.add(file + " line " + line + ": " + values.size() + " fields, header has " + header.size());
                continue;
            }
            Map<String, String> row = new HashMap<>();
            for (int c = 0; c < header.size(); c++) {
                row.put(header.get(c), values.get(c).strip());
            }
            try {
                for (var cell : row.entrySet()) {
                    String unstorable = StorableText.problem(cell.getValue());
                    if (unstorable != null) {
                        throw new BadRow(cell.getKey(), unstorable);
                    }
                }
                if (!row.getOrDefault("DateDeleted", "").isEmpty()) {
                    throw new BadRow("DateDeleted", "a record deleted in the source HMIS; not applied");
                }
                dates(row);
                applyWhole(handler, row);
                applied++;
            } catch (BadRow e) {
                problems.add(file + " line " + line + ": " + e.getMessage());
            } catch (RuntimeException e) {
                problems.add(file + " line " + line + ": rejected by the database ("
                        + e.getClass().getSimpleName() + ")");
            }
        }
        return applied;
    }

    /** One row in one transaction: a bad row or a database error rolls back what the row had written. */
    private void applyWhole(RowHandler handler, Map<String, String> row) throws BadRow {
        BadRow[] bad = {null};
        tx.executeWithoutResult(status -> {
            try {
                handler.apply(row);
            } catch (BadRow e) {
                bad[0] = e;
                status.setRollbackOnly();
            }
        });
        if (bad[0] != null) {
            throw bad[0];
        }
    }

    private void organization(Map<String, String> r, String sourceExport) throws BadRow {
        String id = required(r, "OrganizationID");
        String name = required(r, "OrganizationName");
        int victim = code(r, "VictimServiceProvider", NO_YES, 0);
        jdbc.sql("""
                insert into housing.organization (id, name, victim_service_provider) values (?, ?, ?)
                on conflict (id) do update set name = excluded.name,
                    victim_service_provider = excluded.victim_service_provider""").params(id, name, victim == 1).update();
        keep("Organization.csv", r, null, null, null, sourceExport);
    }

    private void project(Map<String, String> r, String sourceExport) throws BadRow {
        String id = required(r, "ProjectID");
        String organization = required(r, "OrganizationID");
        if (jdbc.sql("select count(*) from housing.organization where id = ?")
                        .param(organization)
                        .query(Long.class)
                        .single()
                == 0) {
            throw new BadRow("OrganizationID", "unknown organization '" + organization + "'");
        }
        String name = required(r, "ProjectName");
        LocalDate start = date(r, "OperatingStartDate", true);
        LocalDate end = date(r, "OperatingEndDate", false);
        if (end != null && end.isBefore(start)) {
            throw new BadRow("OperatingEndDate", "before OperatingStartDate " + start);
        }
        int type = code(r, "ProjectType", HudCodes.PROJECT_TYPES.keySet(), null);
        jdbc.sql("""
                insert into housing.project (id, organization_id, name, project_type, operating_start, operating_end)
                values (?, ?, ?, ?, ?, ?)
                on conflict (id) do update set organization_id = excluded.organization_id, name = excluded.name,
                    project_type = excluded.project_type, operating_start = excluded.operating_start,
                    operating_end = excluded.operating_end""").params(id, organization, name, type, start, end).update();
        keep("Project.csv", r, id, null, null, sourceExport);
    }

    /** A record of a project-level file (Funder, ProjectCoC, Inventory…): kept when its project is known. */
    private void projectRecord(String file, Map<String, String> r, String sourceExport) throws BadRow {
        required(r, HmisColumns.idColumn(file));
        String project = required(r, "ProjectID");
        knownProject(project);
        if (file.equals("Affiliation.csv")
                && !r.getOrDefault("ResProjectID", "").isEmpty()) {
            knownProject(r.get("ResProjectID"));
        }
        keep(file, r, project, null, null, sourceExport);
    }

    /** A record of an enrollment-level file (IncomeBenefits, Services, Assessment…): kept when its enrollment is known. */
    private void enrollmentRecord(String file, Map<String, String> r, String sourceExport) throws BadRow {
        required(r, HmisColumns.idColumn(file));
        String enrollmentId = required(r, "EnrollmentID");
        String personalId = required(r, "PersonalID");
        var enrollment = jdbc.sql("""
                select c.personal_id, e.project_id from housing.enrollment e join housing.client c on c.id = e.client_id
                where e.hmis_id = ?""")
                .param(enrollmentId)
                .query((rs, n) -> new String[] {rs.getString(1), rs.getString(2)})
                .optional()
                .orElseThrow(() -> new BadRow("EnrollmentID", "unknown enrollment '" + enrollmentId + "'"));
        if (!enrollment[0].equals(personalId)) {
            throw new BadRow("PersonalID", "not the client of enrollment " + enrollmentId);
        }
        if (file.equals("AssessmentQuestions.csv") || file.equals("AssessmentResults.csv")) {
            String assessment = required(r, "AssessmentID");
            if (jdbc.sql("select count(*) from housing.hmis_record where file = 'Assessment.csv' and record_id = ?")
                            .param(assessment)
                            .query(Long.class)
                            .single()
                    == 0) {
                throw new BadRow("AssessmentID", "unknown assessment '" + assessment + "'");
            }
        }
        keep(file, r, enrollment[1], enrollmentId, personalId, sourceExport);
    }

    private void knownProject(String project) throws BadRow {
        if (jdbc.sql("select count(*) from housing.project where id = ?")
                        .param(project)
                        .query(Long.class)
                        .single()
                == 0) {
            throw new BadRow("ProjectID", "unknown project '" + project + "'");
        }
    }

    /** Keeps the row's FY2026 columns as read (retired and unknown columns are not kept; see HmisRecords). */
    private void keep(
            String file,
            Map<String, String> r,
            String project,
            String enrollment,
            String personal,
            String sourceExport) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String column : HmisColumns.of(file)) {
            if (file.equals("Client.csv") && HmisRecords.CLIENT_COLUMNS_NOT_KEPT.contains(column)) {
                continue;
            }
            if (r.containsKey(column) && !column.equals("ExportID")) {
                fields.put(column, r.get(column));
            }
        }
        kept.keep(file, r.get(HmisColumns.idColumn(file)), project, enrollment, personal, fields, sourceExport);
    }

    private void client(Map<String, String> r, String sourceExport) throws BadRow {
        String id = required(r, "PersonalID");
        if (id.length() > 32) {
            throw new BadRow("PersonalID", "longer than 32 characters");
        }
        String first = required(r, "FirstName");
        String last = required(r, "LastName");
        LocalDate dob = date(r, "DOB", false);
        if (dob != null && dob.isAfter(LocalDate.now())) {
            throw new BadRow("DOB", "in the future");
        }
        int dobQuality = code(r, "DOBDataQuality", DATA_QUALITY, 99);
        int veteran = code(r, "VeteranStatus", NO_YES, 99);
        String ssn = r.getOrDefault("SSN", "");
        String last4 = null;
        if (!ssn.isEmpty()) {
            if (!ssn.matches("[0-9xX]{9}") || !ssn.substring(5).matches("[0-9]{4}")) {
                throw new BadRow("SSN", "expected 9 characters ending in 4 digits (x for unknown digits)");
            }
            last4 = ssn.substring(5);
        }
        int nameQuality = code(r, "NameDataQuality", DATA_QUALITY, 1);
        int sex = code(r, "Sex", HmisFy2026.SEX, 99);
        // race flags under their FY2026 names, stored under Commonweal's codes (HudCodes.RACE_COLUMNS)
        List<String> race = new ArrayList<>();
        for (int i = 0; i < HudCodes.RACE_COLUMNS.length; i++) {
            if (flag(r, HmisFy2026.RACE_COLUMNS.get(i))) {
                race.add(HudCodes.RACE_COLUMNS[i]);
            }
        }
        // gender: retired in FY2026; read when an FY2024 file has it, else the client's record keeps what it had
        boolean hasGender = java.util.Arrays.stream(HudCodes.GENDER_COLUMNS).anyMatch(r::containsKey);
        List<String> gender = flags(r, HudCodes.GENDER_COLUMNS);
        jdbc.sql("""
                insert into housing.client (personal_id, first_name, last_name, name_quality, birth_date, dob_quality,
                                            ssn_last4, race, gender, sex, veteran_status)
                values (:id, :first, :last, :nq, :dob, :dq, :ssn, :race, :gender, :sex, :vet)
                on conflict (personal_id) do update set first_name = excluded.first_name, last_name = excluded.last_name,
                    name_quality = excluded.name_quality, birth_date = excluded.birth_date,
                    dob_quality = excluded.dob_quality, ssn_last4 = excluded.ssn_last4, race = excluded.race,
                    gender = case when :hasGender then excluded.gender else housing.client.gender end,
                    sex = excluded.sex, veteran_status = excluded.veteran_status, updated_at = now()""")
                .param("id", id)
                .param("first", first)
                .param("last", last)
                .param("nq", nameQuality)
                .param("dob", dob)
                .param("dq", dobQuality)
                .param("ssn", last4)
                .param("race", race.toArray(String[]::new))
                .param("gender", gender.toArray(String[]::new))
                .param("sex", sex)
                .param("hasGender", hasGender)
                .param("vet", veteran)
                .update();
        keep("Client.csv", r, null, null, id, sourceExport);
    }

    private static boolean flag(Map<String, String> r, String column) throws BadRow {
        String v = r.getOrDefault(column, "");
        if (!v.isEmpty() && !v.equals("0") && !v.equals("1")) {
            throw new BadRow(column, "must be 0 or 1, not '" + v + "'");
        }
        return v.equals("1");
    }

    private void enrollment(Map<String, String> r, String sourceExport) throws BadRow {
        String id = required(r, "EnrollmentID");
        Long clientId = clientId(required(r, "PersonalID"));
        String project = required(r, "ProjectID");
        if (jdbc.sql("select count(*) from housing.project where id = ?")
                        .param(project)
                        .query(Long.class)
                        .single()
                == 0) {
            throw new BadRow("ProjectID", "unknown project '" + project + "'");
        }
        LocalDate entry = date(r, "EntryDate", true);
        String household = required(r, "HouseholdID");
        int relationship = code(r, "RelationshipToHoH", HudCodes.RELATIONSHIPS.keySet(), null);
        int living = code(r, "LivingSituation", HudCodes.LIVING_SITUATIONS.keySet(), null);
        int disabling = code(r, "DisablingCondition", NO_YES, 99);
        LocalDate moveIn = date(r, "MoveInDate", false);
        if (moveIn != null && moveIn.isBefore(entry)) {
            throw new BadRow("MoveInDate", "before EntryDate " + entry);
        }
        Long owner = jdbc.sql("select client_id from housing.enrollment where hmis_id = ?")
                .param(id)
                .query(Long.class)
                .optional()
                .orElse(null);
        if (owner != null && !owner.equals(clientId)) {
            throw new BadRow("PersonalID", "enrollment " + id + " belongs to another client");
        }
        jdbc.sql("""
                insert into housing.enrollment (hmis_id, client_id, project_id, household_id, relationship_to_hoh,
                                                entry_date, living_situation, disabling_condition, move_in_date)
                values (:id, :client, :project, :household, :rel, :entry, :living, :dis, :movein)
                on conflict (hmis_id) do update set project_id = excluded.project_id,
                    household_id = excluded.household_id, relationship_to_hoh = excluded.relationship_to_hoh,
                    entry_date = excluded.entry_date, living_situation = excluded.living_situation,
                    disabling_condition = excluded.disabling_condition, move_in_date = excluded.move_in_date,
                    updated_at = now()""")
                .param("id", id)
                .param("client", clientId)
                .param("project", project)
                .param("household", household)
                .param("rel", relationship)
                .param("entry", entry)
                .param("living", living)
                .param("dis", disabling)
                .param("movein", moveIn)
                .update();
        keep("Enrollment.csv", r, project, id, r.get("PersonalID"), sourceExport);
    }

    private void exit(Map<String, String> r, String sourceExport) throws BadRow {
        String enrollmentId = required(r, "EnrollmentID");
        Long clientId = clientId(required(r, "PersonalID"));
        var enrollment = jdbc.sql("select client_id, entry_date from housing.enrollment where hmis_id = ?")
                .param(enrollmentId)
                .query((rs, n) -> new Object[] {rs.getLong(1), rs.getObject(2, LocalDate.class)})
                .optional()
                .orElseThrow(() -> new BadRow("EnrollmentID", "unknown enrollment '" + enrollmentId + "'"));
        if (!clientId.equals(enrollment[0])) {
            throw new BadRow("PersonalID", "not the client of enrollment " + enrollmentId);
        }
        LocalDate exitDate = date(r, "ExitDate", true);
        if (exitDate.isBefore((LocalDate) enrollment[1])) {
            throw new BadRow("ExitDate", "before EntryDate " + enrollment[1]);
        }
        int destination = code(r, "Destination", HudCodes.LIVING_SITUATIONS.keySet(), null);
        Integer subsidy = r.getOrDefault("DestinationSubsidyType", "").isEmpty()
                ? null
                : code(r, "DestinationSubsidyType", HudCodes.RENTAL_SUBSIDY_TYPES.keySet(), null);
        if (subsidy != null && destination != 435) {
            throw new BadRow("DestinationSubsidyType", "only with Destination 435");
        }
        jdbc.sql("""
                update housing.enrollment set exit_date = ?, destination = ?, destination_subsidy_type = ?,
                    updated_at = now() where hmis_id = ?""").params(exitDate, destination, subsidy, enrollmentId).update();
        Map<String, String> row = new HashMap<>(r);
        if (row.getOrDefault("ExitID", "").isEmpty()) {
            row.put("ExitID", "X" + enrollmentId);
        }
        String project = jdbc.sql("select project_id from housing.enrollment where hmis_id = ?")
                .param(enrollmentId)
                .query(String.class)
                .single();
        keep("Exit.csv", row, project, enrollmentId, r.get("PersonalID"), sourceExport);
        // the enrollment changed by its own exit, not by Commonweal: its kept record stays current
        jdbc.sql("update housing.hmis_record set imported_at = now() where file = 'Enrollment.csv' and record_id = ?")
                .param(enrollmentId)
                .update();
    }

    /** Dates (yyyy-MM-dd) and timestamps (yyyy-MM-dd HH:mm:ss) of any file, by the specification's column names. */
    private static void dates(Map<String, String> r) throws BadRow {
        for (var e : r.entrySet()) {
            String column = e.getKey();
            String v = e.getValue();
            if (v.isEmpty()
                    || !(column.endsWith("Date") || column.startsWith("Date") || column.endsWith("StartDate"))) {
                continue;
            }
            try {
                if (TIMESTAMPS.contains(column)) {
                    if (v.length() == 10) {
                        LocalDate.parse(v);
                    } else {
                        java.time.LocalDateTime.parse(v, HmisCsv.TIMESTAMP);
                    }
                } else {
                    LocalDate.parse(v);
                }
            } catch (DateTimeParseException notADate) {
                throw new BadRow(
                        column,
                        TIMESTAMPS.contains(column)
                                ? "not a timestamp (yyyy-MM-dd HH:mm:ss): '" + v + "'"
                                : "not a date (yyyy-MM-dd): '" + v + "'");
            }
        }
    }

    /** The ZIP entry's bytes, counted against what the whole set may hold. */
    private static InputStream bounded(InputStream in, long[] budget) {
        return new java.io.FilterInputStream(in) {
            @Override
            public int read() throws IOException {
                int b = super.read();
                if (b >= 0 && --budget[0] < 0) {
                    throw new IOException("the set is larger than " + MAX_SET_BYTES + " bytes uncompressed");
                }
                return b;
            }

            @Override
            public int read(byte[] buf, int off, int len) throws IOException {
                int n = super.read(buf, off, len);
                if (n > 0 && (budget[0] -= n) < 0) {
                    throw new IOException("the set is larger than " + MAX_SET_BYTES + " bytes uncompressed");
                }
                return n;
            }

            @Override
            public void close() {
                // the ZIP stream is closed by its owner
            }
        };
    }

    private Long clientId(String personalId) throws BadRow {
        return jdbc.sql("select id from housing.client where personal_id = ?")
                .param(personalId)
                .query(Long.class)
                .optional()
                .orElseThrow(() -> new BadRow("PersonalID", "unknown client '" + personalId + "'"));
    }

    private static String required(Map<String, String> r, String field) throws BadRow {
        String v = r.getOrDefault(field, "");
        if (v.isEmpty()) {
            throw new BadRow(field, "required");
        }
        return v;
    }

    private static LocalDate date(Map<String, String> r, String field, boolean required) throws BadRow {
        String v = r.getOrDefault(field, "");
        if (v.isEmpty()) {
            if (required) {
                throw new BadRow(field, "required");
            }
            return null;
        }
        try {
            return LocalDate.parse(v.length() > 10 ? v.substring(0, 10) : v);
        } catch (DateTimeParseException e) {
            throw new BadRow(field, "not a date (yyyy-MM-dd): '" + v + "'");
        }
    }

    private static int code(Map<String, String> r, String field, Set<Integer> allowed, Integer missing) throws BadRow {
        String v = r.getOrDefault(field, "");
        if (v.isEmpty()) {
            if (missing == null) {
                throw new BadRow(field, "required");
            }
            return missing;
        }
        try {
            int code = Integer.parseInt(v);
            if (!allowed.contains(code)) {
                throw new BadRow(field, "'" + v + "' is not a HUD code of this field");
            }
            return code;
        } catch (NumberFormatException e) {
            throw new BadRow(field, "not a number: '" + v + "'");
        }
    }

    private static List<String> flags(Map<String, String> r, String[] columns) throws BadRow {
        List<String> set = new ArrayList<>();
        for (String column : columns) {
            String v = r.getOrDefault(column, "");
            if (v.equals("1")) {
                set.add(column);
            } else if (!v.isEmpty() && !v.equals("0")) {
                throw new BadRow(column, "must be 0 or 1, not '" + v + "'");
            }
        }
        return set;
    }
}
