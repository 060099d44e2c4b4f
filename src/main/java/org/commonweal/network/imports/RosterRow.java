package org.commonweal.network.imports;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.commonweal.network.Specialties;

/**
 * One row of a provider roster, as medical groups and IPAs send them: one practitioner at one location in one
 * network. {@link #parse} checks every field and names the ones that are wrong.
 */
record RosterRow(
        String npi,
        String lastName,
        String firstName,
        String credential,
        String gender,
        List<String> languages,
        String licenseNumber,
        String specialty,
        String groupNpi,
        String groupName,
        String locationName,
        String address,
        String city,
        String zip,
        String phone,
        String productLine,
        String accepting,
        boolean telehealth,
        LocalDate effective,
        LocalDate end) {

    static final List<String> COLUMNS = List.of(
            "npi",
            "last_name",
            "first_name",
            "credential",
            "gender",
            "languages",
            "license_number",
            "specialty_taxonomy",
            "group_npi",
            "group_name",
            "location_name",
            "address",
            "city",
            "zip",
            "phone",
            "network",
            "accepting_new_patients",
            "telehealth",
            "effective_date",
            "end_date");
    static final Set<String> PRODUCT_LINES = Set.of("medi-cal", "medicare", "covered-ca", "pasc-sein");
    private static final Map<String, String> ACCEPTING =
            Map.of("y", "newpt", "yes", "newpt", "n", "nopt", "no", "nopt", "existing", "existptonly");

    static RosterRow parse(long line, Map<String, String> f, List<ImportProblem> problems) {
        int before = problems.size();
        String npi = f.get("npi");
        if (npi == null || !npi.matches("\\d{10}") || !validNpi(npi)) {
            problems.add(new ImportProblem(
                    line, "npi", "must be a 10-digit NPI with a valid check digit, not '" + npi + "'"));
        }
        String last = required(line, f, "last_name", problems);
        String first = required(line, f, "first_name", problems);
        String gender = f.getOrDefault("gender", "").toLowerCase(Locale.ROOT);
        gender = switch (gender) {
            case "f", "female" -> "female";
            case "m", "male" -> "male";
            case "", "u", "unknown" -> null;
            default -> {
                problems.add(new ImportProblem(line, "gender", "must be F, M or blank, not '" + f.get("gender") + "'"));
                yield null;
            }
        };
        List<String> languages = new ArrayList<>();
        for (String l : f.getOrDefault("languages", "").split("[;|]")) {
            if (!l.isBlank()) {
                languages.add(l.strip().toLowerCase(Locale.ROOT));
            }
        }
        if (languages.isEmpty()) {
            languages.add("en");
        }
        String specialty = f.get("specialty_taxonomy");
        if (specialty == null || !specialty.matches("[0-9A-Z]{9}X")) {
            problems.add(new ImportProblem(
                    line,
                    "specialty_taxonomy",
                    "must be a NUCC taxonomy code like 207Q00000X," + " not '" + specialty + "'"));
        } else if (Specialties.catalog().byCode(specialty).isEmpty()) {
            problems.add(new ImportProblem(
                    line, "specialty_taxonomy", "NUCC code " + specialty + " is not one the directory lists"));
        }
        String groupNpi = f.get("group_npi");
        if (groupNpi != null && !groupNpi.isBlank() && (!groupNpi.matches("\\d{10}") || !validNpi(groupNpi))) {
            problems.add(new ImportProblem(line, "group_npi", "must be a 10-digit NPI, not '" + groupNpi + "'"));
        }
        String groupName = required(line, f, "group_name", problems);
        String address = required(line, f, "address", problems);
        String city = required(line, f, "city", problems);
        String zip = f.get("zip");
        if (zip == null || !zip.matches("\\d{5}(-\\d{4})?")) {
            problems.add(new ImportProblem(line, "zip", "must be a 5-digit ZIP code, not '" + zip + "'"));
        }
        String network = f.getOrDefault("network", "").toLowerCase(Locale.ROOT);
        if (!PRODUCT_LINES.contains(network)) {
            problems.add(new ImportProblem(
                    line,
                    "network",
                    "must be one of " + PRODUCT_LINES.stream().sorted().toList() + ", not '" + f.get("network") + "'"));
        }
        String accepting =
                ACCEPTING.get(f.getOrDefault("accepting_new_patients", "y").toLowerCase(Locale.ROOT));
        if (accepting == null) {
            problems.add(new ImportProblem(
                    line,
                    "accepting_new_patients",
                    "must be Y, N or existing, not '" + f.get("accepting_new_patients") + "'"));
        }
        String tele = f.getOrDefault("telehealth", "n").toLowerCase(Locale.ROOT);
        if (!Set.of("y", "yes", "n", "no", "").contains(tele)) {
            problems.add(new ImportProblem(line, "telehealth", "must be Y or N, not '" + f.get("telehealth") + "'"));
        }
        LocalDate effective = date(line, f, "effective_date", problems);
        LocalDate end = date(line, f, "end_date", problems);
        if (effective != null && end != null && end.isBefore(effective)) {
            problems.add(new ImportProblem(line, "end_date", "is before effective_date"));
        }
        if (problems.size() > before) {
            return null;
        }
        String zip5 = zip.substring(0, 5);
        return new RosterRow(
                npi,
                last,
                first,
                blank(f.get("credential")),
                gender,
                languages,
                blank(f.get("license_number")),
                specialty,
                blank(groupNpi),
                groupName,
                blank(f.get("location_name")) == null
                        ? groupName
                        : f.get("location_name").strip(),
                address,
                city,
                zip5,
                blank(f.get("phone")),
                network,
                accepting,
                tele.startsWith("y"),
                effective,
                end);
    }

    private static String required(long line, Map<String, String> f, String field, List<ImportProblem> problems) {
        String v = f.get(field);
        if (v == null || v.isBlank()) {
            problems.add(new ImportProblem(line, field, "is required"));
            return null;
        }
        return v.strip();
    }

    private static LocalDate date(long line, Map<String, String> f, String field, List<ImportProblem> problems) {
        String v = f.get(field);
        if (v == null || v.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(v.strip());
        } catch (DateTimeParseException e) {
            problems.add(new ImportProblem(line, field, "must be a date like 2026-01-31, not '" + v + "'"));
            return null;
        }
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    /** The NPI check digit: Luhn over the number prefixed with 80840. */
    static boolean validNpi(String npi) {
        int sum = 24;
        for (int i = 0; i < 9; i++) {
            int d = npi.charAt(8 - i) - '0';
            if (i % 2 == 0) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
        }
        return (10 - sum % 10) % 10 == npi.charAt(9) - '0';
    }
}
