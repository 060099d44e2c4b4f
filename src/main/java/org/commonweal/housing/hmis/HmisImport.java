package org.commonweal.housing.hmis;

import java.io.IOException;
import java.io.Reader;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.commonweal.housing.HudCodes;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Reads Client.csv, Enrollment.csv and Exit.csv from an HMIS (FY2024 layout, columns found by name). Each row is
 * checked on its own: good rows are inserted or updated (clients by PersonalID, enrollments by EnrollmentID), bad
 * rows are reported with file, line, field and reason and change nothing.
 */
@Component
class HmisImport {

    record Report(int applied, List<String> problems) {
    }

    /** A bad row: the file, its line (header is line 1), the field and why. */
    static final class BadRow extends Exception {
        BadRow(String field, String reason) {
            super(field + ": " + reason);
        }
    }

    private static final Set<Integer> NO_YES = HudCodes.NO_YES.keySet();
    private static final Set<Integer> DATA_QUALITY = Set.of(1, 2, 8, 9, 99);

    private final JdbcClient jdbc;

    HmisImport(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Report run(Reader clients, Reader enrollments, Reader exits) throws IOException {
        List<String> problems = new ArrayList<>();
        int applied = 0;
        if (clients != null) {
            applied += each("Client.csv", clients, List.of("PersonalID", "FirstName", "LastName", "DOB"), problems,
                    this::client);
        }
        if (enrollments != null) {
            applied += each("Enrollment.csv", enrollments, List.of("EnrollmentID", "PersonalID", "ProjectID",
                    "EntryDate", "HouseholdID", "RelationshipToHoH", "LivingSituation"), problems, this::enrollment);
        }
        if (exits != null) {
            applied += each("Exit.csv", exits, List.of("EnrollmentID", "PersonalID", "ExitDate", "Destination"),
                    problems, this::exit);
        }
        return new Report(applied, problems);
    }

    interface RowHandler {
        void apply(Map<String, String> row) throws BadRow;
    }

    private int each(String file, Reader reader, List<String> required, List<String> problems, RowHandler handler)
            throws IOException {
        List<List<String>> records = HmisCsv.parse(reader);
        if (records.isEmpty()) {
            problems.add(file + ": empty file");
            return 0;
        }
        List<String> header = records.get(0).stream().map(String::strip).toList();
        List<String> missing = required.stream().filter(c -> !header.contains(c)).toList();
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
                handler.apply(row);
                applied++;
            } catch (BadRow e) {
                problems.add(file + " line " + line + ": " + e.getMessage());
            } catch (RuntimeException e) {
                problems.add(file + " line " + line + ": rejected by the database (" + e.getClass().getSimpleName() + ")");
            }
        }
        return applied;
    }

    private void client(Map<String, String> r) throws BadRow {
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
        List<String> race = flags(r, HudCodes.RACE_COLUMNS);
        List<String> gender = flags(r, HudCodes.GENDER_COLUMNS);
        jdbc.sql("""
                insert into housing.client (personal_id, first_name, last_name, birth_date, dob_quality, ssn_last4,
                                            race, gender, veteran_status)
                values (:id, :first, :last, :dob, :dq, :ssn, :race, :gender, :vet)
                on conflict (personal_id) do update set first_name = excluded.first_name, last_name = excluded.last_name,
                    birth_date = excluded.birth_date, dob_quality = excluded.dob_quality, ssn_last4 = excluded.ssn_last4,
                    race = excluded.race, gender = excluded.gender, veteran_status = excluded.veteran_status,
                    updated_at = now()""")
                .param("id", id).param("first", first).param("last", last).param("dob", dob).param("dq", dobQuality)
                .param("ssn", last4).param("race", race.toArray(String[]::new))
                .param("gender", gender.toArray(String[]::new)).param("vet", veteran).update();
    }

    private void enrollment(Map<String, String> r) throws BadRow {
        String id = required(r, "EnrollmentID");
        Long clientId = clientId(required(r, "PersonalID"));
        String project = required(r, "ProjectID");
        if (jdbc.sql("select count(*) from housing.project where id = ?").param(project).query(Long.class).single() == 0) {
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
        Long owner = jdbc.sql("select client_id from housing.enrollment where hmis_id = ?").param(id)
                .query(Long.class).optional().orElse(null);
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
                .param("id", id).param("client", clientId).param("project", project).param("household", household)
                .param("rel", relationship).param("entry", entry).param("living", living).param("dis", disabling)
                .param("movein", moveIn).update();
    }

    private void exit(Map<String, String> r) throws BadRow {
        String enrollmentId = required(r, "EnrollmentID");
        Long clientId = clientId(required(r, "PersonalID"));
        var enrollment = jdbc.sql("select client_id, entry_date from housing.enrollment where hmis_id = ?")
                .param(enrollmentId).query((rs, n) -> new Object[] {rs.getLong(1), rs.getObject(2, LocalDate.class)})
                .optional().orElseThrow(() -> new BadRow("EnrollmentID", "unknown enrollment '" + enrollmentId + "'"));
        if (!clientId.equals(enrollment[0])) {
            throw new BadRow("PersonalID", "not the client of enrollment " + enrollmentId);
        }
        LocalDate exitDate = date(r, "ExitDate", true);
        if (exitDate.isBefore((LocalDate) enrollment[1])) {
            throw new BadRow("ExitDate", "before EntryDate " + enrollment[1]);
        }
        int destination = code(r, "Destination", HudCodes.LIVING_SITUATIONS.keySet(), null);
        Integer subsidy = r.getOrDefault("DestinationSubsidyType", "").isEmpty() ? null
                : code(r, "DestinationSubsidyType", HudCodes.RENTAL_SUBSIDY_TYPES.keySet(), null);
        if (subsidy != null && destination != 435) {
            throw new BadRow("DestinationSubsidyType", "only with Destination 435");
        }
        jdbc.sql("""
                update housing.enrollment set exit_date = ?, destination = ?, destination_subsidy_type = ?,
                    updated_at = now() where hmis_id = ?""").params(exitDate, destination, subsidy, enrollmentId).update();
    }

    private Long clientId(String personalId) throws BadRow {
        return jdbc.sql("select id from housing.client where personal_id = ?").param(personalId).query(Long.class)
                .optional().orElseThrow(() -> new BadRow("PersonalID", "unknown client '" + personalId + "'"));
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
