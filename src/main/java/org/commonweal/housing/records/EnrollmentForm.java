package org.commonweal.housing.records;

import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.util.Map;
import org.commonweal.housing.HudCodes;

/**
 * The enrollment form as submitted, and its rules: HUD code lists for prior living situation (3.917), relationship
 * to head of household (3.15.1), destination (3.12) and rental subsidy type (3.12.A); a move-in date only in a
 * permanent housing project; move-in and exit not before entry, move-in not after exit; exit date and destination
 * together; subsidy type with destination 435 only, and required there.
 */
record EnrollmentForm(
        @Size(max = 64) String projectId,
        String entryDate,
        String livingSituation,
        @Size(max = 32) String householdId,
        String relationshipToHoh,
        String disablingCondition,
        String moveInDate,
        String exitDate,
        String destination,
        String destinationSubsidyType) {

    record Values(
            String projectId,
            LocalDate entryDate,
            int livingSituation,
            String householdId,
            int relationshipToHoh,
            int disablingCondition,
            LocalDate moveInDate,
            LocalDate exitDate,
            Integer destination,
            Integer destinationSubsidyType) {}

    record Checked(Values values, Map<String, String> errors) {

        boolean ok() {
            return errors.isEmpty();
        }
    }

    static EnrollmentForm of(Values v) {
        return new EnrollmentForm(
                v.projectId(),
                text(v.entryDate()),
                Integer.toString(v.livingSituation()),
                v.householdId(),
                Integer.toString(v.relationshipToHoh()),
                Integer.toString(v.disablingCondition()),
                text(v.moveInDate()),
                text(v.exitDate()),
                text(v.destination()),
                text(v.destinationSubsidyType()));
    }

    static EnrollmentForm blank(LocalDate today) {
        return new EnrollmentForm("", today.toString(), "", "", "1", "99", "", "", "", "");
    }

    /**
     * @param projectTypes the known projects and their HUD project types
     */
    Checked check(LocalDate today, Map<String, Integer> projectTypes) {
        FieldErrors e = new FieldErrors();
        String project = FieldErrors.blankToNull(projectId);
        if (project == null) {
            e.reject("projectId", "housing.error.required");
        } else if (!projectTypes.containsKey(project)) {
            e.reject("projectId", "housing.error.project");
        }
        LocalDate entry = e.date("entryDate", entryDate, true, today);
        Integer living = e.code("livingSituation", livingSituation, HudCodes.LIVING_SITUATIONS, null);
        String household = FieldErrors.blankToNull(householdId);
        if (household != null && !household.matches("[A-Za-z0-9-]{1,32}")) {
            e.reject("householdId", "housing.error.household");
        }
        Integer relationship = e.code("relationshipToHoh", relationshipToHoh, HudCodes.RELATIONSHIPS, null);
        Integer disabling = e.code("disablingCondition", disablingCondition, HudCodes.NO_YES, 99);
        LocalDate moveIn = e.date("moveInDate", moveInDate, false, today);
        LocalDate exit = e.date("exitDate", exitDate, false, today);
        Integer dest = e.code("destination", destination, HudCodes.LIVING_SITUATIONS, -1);
        Integer subsidy = e.code("destinationSubsidyType", destinationSubsidyType, HudCodes.RENTAL_SUBSIDY_TYPES, -1);
        dest = dest != null && dest == -1 ? null : dest;
        subsidy = subsidy != null && subsidy == -1 ? null : subsidy;

        if (moveIn != null
                && project != null
                && projectTypes.containsKey(project)
                && !HudCodes.isPermanentHousingProjectType(projectTypes.get(project))) {
            e.reject("moveInDate", "housing.error.moveInProject");
        }
        if (entry != null && moveIn != null && moveIn.isBefore(entry)) {
            e.reject("moveInDate", "housing.error.beforeEntry");
        }
        if (entry != null && exit != null && exit.isBefore(entry)) {
            e.reject("exitDate", "housing.error.beforeEntry");
        }
        if (moveIn != null && exit != null && moveIn.isAfter(exit)) {
            e.reject("moveInDate", "housing.error.moveInAfterExit");
        }
        if (exit != null && dest == null && !e.has("destination")) {
            e.reject("destination", "housing.error.destinationWithExit");
        }
        if (exit == null && dest != null && !e.has("exitDate")) {
            e.reject("exitDate", "housing.error.exitWithDestination");
        }
        if (dest != null && dest == 435 && subsidy == null && !e.has("destinationSubsidyType")) {
            e.reject("destinationSubsidyType", "housing.error.subsidyTypeRequired");
        }
        if (subsidy != null && (dest == null || dest != 435)) {
            e.reject("destinationSubsidyType", "housing.error.subsidyTypeOnly435");
        }
        if (!e.isEmpty()) {
            return new Checked(null, e.asMap());
        }
        return new Checked(
                new Values(project, entry, living, household, relationship, disabling, moveIn, exit, dest, subsidy),
                e.asMap());
    }

    private static String text(Object value) {
        return value == null ? "" : value.toString();
    }
}
