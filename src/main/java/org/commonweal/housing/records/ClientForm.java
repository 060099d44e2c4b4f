package org.commonweal.housing.records;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.commonweal.housing.HudCodes;

/**
 * The client form as submitted (all text, so a bad value becomes a field error, not a 400), and its rules: the HMIS
 * universal data elements with their HUD code lists. The Bean Validation constraints are the lengths (HMIS CSV: names
 * S50); {@link #check} adds the code lists and the rules between fields.
 */
record ClientForm(
        @NotBlank @Size(max = 50) String firstName,
        @NotBlank @Size(max = 50) String lastName,
        String nameQuality,
        String birthDate,
        String dobQuality,
        @Size(max = 4) String ssnLast4,
        List<String> race,
        List<String> gender,
        String veteranStatus,
        String disablingCondition,
        @Size(max = 20) String memberId,
        String spa,
        @Size(max = 64) String caseManager) {

    /** The checked values of a client. */
    record Values(
            String firstName,
            String lastName,
            int nameQuality,
            LocalDate birthDate,
            int dobQuality,
            String ssnLast4,
            List<String> race,
            List<String> gender,
            int veteranStatus,
            int disablingCondition,
            String memberId,
            Integer spa) {}

    record Checked(Values values, String caseManager, Map<String, String> errors) {

        boolean ok() {
            return errors.isEmpty();
        }
    }

    static final Map<Integer, String> SPAS = new java.util.TreeMap<>(Map.of(
            1,
            "Antelope Valley",
            2,
            "San Fernando",
            3,
            "San Gabriel",
            4,
            "Metro",
            5,
            "West",
            6,
            "South",
            7,
            "East",
            8,
            "South Bay"));

    ClientForm {
        race = race == null ? List.of() : List.copyOf(race);
        gender = gender == null ? List.of() : List.copyOf(gender);
    }

    static ClientForm of(Values v, String caseManager) {
        return new ClientForm(
                v.firstName(),
                v.lastName(),
                Integer.toString(v.nameQuality()),
                v.birthDate() == null ? "" : v.birthDate().toString(),
                Integer.toString(v.dobQuality()),
                v.ssnLast4() == null ? "" : v.ssnLast4(),
                v.race(),
                v.gender(),
                Integer.toString(v.veteranStatus()),
                Integer.toString(v.disablingCondition()),
                v.memberId() == null ? "" : v.memberId(),
                v.spa() == null ? "" : v.spa().toString(),
                caseManager);
    }

    static ClientForm blank(String caseManager) {
        return new ClientForm("", "", "1", "", "99", "", List.of(), List.of(), "99", "99", "", "", caseManager);
    }

    /**
     * @param caseManagers who the client may be assigned to; null when the form does not assign (an edit)
     */
    Checked check(LocalDate today, Set<String> caseManagers) {
        FieldErrors e = new FieldErrors();
        String first = e.required("firstName", firstName, 50);
        String last = e.required("lastName", lastName, 50);
        Integer nq = e.code("nameQuality", nameQuality, HudCodes.NAME_QUALITY, 99);
        LocalDate dob = e.date("birthDate", birthDate, false, today);
        Integer dq = e.code("dobQuality", dobQuality, HudCodes.DOB_QUALITY, 99);
        if (dob == null && !e.has("birthDate") && dq != null && (dq == 1 || dq == 2)) {
            e.reject("birthDate", "housing.error.dobForQuality");
        }
        if (dob != null && dq != null && dq != 1 && dq != 2) {
            e.reject("dobQuality", "housing.error.dobQuality");
        }
        String ssn = FieldErrors.blankToNull(ssnLast4);
        if (ssn != null && !ssn.matches("[0-9]{4}")) {
            e.reject("ssnLast4", "housing.error.ssn");
        }
        checkFlags(e, "race", race, HudCodes.RACE_COLUMNS);
        checkFlags(e, "gender", gender, HudCodes.GENDER_COLUMNS);
        Integer vet = e.code("veteranStatus", veteranStatus, HudCodes.NO_YES, 99);
        Integer dis = e.code("disablingCondition", disablingCondition, HudCodes.NO_YES, 99);
        String member = FieldErrors.blankToNull(memberId);
        if (member != null && !member.matches("[A-Za-z0-9-]{1,20}")) {
            e.reject("memberId", "housing.error.memberId");
        }
        Integer spaCode = e.code("spa", spa, SPAS, -1);
        String manager = FieldErrors.blankToNull(caseManager);
        if (caseManagers != null && (manager == null || !caseManagers.contains(manager))) {
            e.reject("caseManager", "housing.error.caseManager");
        }
        if (!e.isEmpty()) {
            return new Checked(null, manager, e.asMap());
        }
        return new Checked(
                new Values(
                        first,
                        last,
                        nq,
                        dob,
                        dq,
                        ssn,
                        ordered(race, HudCodes.RACE_COLUMNS),
                        ordered(gender, HudCodes.GENDER_COLUMNS),
                        vet,
                        dis,
                        member,
                        spaCode == -1 ? null : spaCode),
                manager,
                e.asMap());
    }

    private static void checkFlags(FieldErrors e, String field, List<String> chosen, String[] allowed) {
        if (!Arrays.asList(allowed).containsAll(chosen)) {
            e.reject(field, "housing.error.code");
        }
    }

    /** In the HMIS column order, without duplicates. */
    private static List<String> ordered(List<String> chosen, String[] columns) {
        return Arrays.stream(columns).filter(chosen::contains).toList();
    }
}
