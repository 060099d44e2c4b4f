package org.commonweal.housing.records;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EnrollmentFormTests {

    static final LocalDate TODAY = LocalDate.of(2026, 11, 29);
    static final Map<String, Integer> PROJECTS = Map.of("P-PSH", 3, "P-SO", 4);

    static EnrollmentForm form(
            String project, String entry, String moveIn, String exit, String destination, String subsidyType) {
        return new EnrollmentForm(project, entry, "116", "", "1", "1", moveIn, exit, destination, subsidyType);
    }

    @Test
    void acceptsAHousedEnrollmentAndLeavesTheHouseholdToTheDatabase() {
        var checked = form("P-PSH", "2026-01-05", "2026-03-01", "", "", "").check(TODAY, PROJECTS);
        assertThat(checked.errors()).isEmpty();
        assertThat(checked.values().moveInDate()).isEqualTo(LocalDate.of(2026, 3, 1));
        assertThat(checked.values().householdId()).isNull();
        assertThat(checked.values().destination()).isNull();
    }

    @Test
    void rejectsAMoveInBeforeEntryAndAnExitWithoutDestination() {
        var checked =
                form("P-PSH", "2026-01-05", "2025-12-01", "2026-02-01", "", "").check(TODAY, PROJECTS);
        assertThat(checked.errors())
                .containsEntry("moveInDate", "housing.error.beforeEntry")
                .containsEntry("destination", "housing.error.destinationWithExit");
        assertThat(checked.values()).isNull();
    }

    @Test
    void rejectsAMoveInOutsidePermanentHousingAndInTheFuture() {
        assertThat(form("P-SO", "2026-01-05", "2026-02-01", "", "", "")
                        .check(TODAY, PROJECTS)
                        .errors())
                .containsEntry("moveInDate", "housing.error.moveInProject");
        assertThat(form("P-PSH", "2026-01-05", "2026-12-01", "", "", "")
                        .check(TODAY, PROJECTS)
                        .errors())
                .containsEntry("moveInDate", "housing.error.future");
    }

    @Test
    void namesEveryBadFieldAtOnce() {
        var checked = new EnrollmentForm("P-NONE", "05/01/2026", "7777", "bad id!", "42", "1", "", "", "", "")
                .check(TODAY, PROJECTS);
        assertThat(checked.errors())
                .containsOnlyKeys("projectId", "entryDate", "livingSituation", "householdId", "relationshipToHoh");
        assertThat(checked.errors().get("entryDate")).isEqualTo("housing.error.date");
        assertThat(checked.errors().get("livingSituation")).isEqualTo("housing.error.code");
    }

    @Test
    void subsidyTypeGoesWithDestination435Only() {
        assertThat(form("P-PSH", "2026-01-05", "2026-02-01", "2026-10-01", "435", "")
                        .check(TODAY, PROJECTS)
                        .errors())
                .containsEntry("destinationSubsidyType", "housing.error.subsidyTypeRequired");
        assertThat(form("P-PSH", "2026-01-05", "2026-02-01", "2026-10-01", "410", "439")
                        .check(TODAY, PROJECTS)
                        .errors())
                .containsEntry("destinationSubsidyType", "housing.error.subsidyTypeOnly435");
        var ok = form("P-PSH", "2026-01-05", "2026-02-01", "2026-10-01", "435", "439")
                .check(TODAY, PROJECTS);
        assertThat(ok.errors()).isEmpty();
        assertThat(ok.values().destinationSubsidyType()).isEqualTo(439);
    }

    @Test
    void destinationNeedsTheExitDateAndMoveInNotAfterExit() {
        assertThat(form("P-PSH", "2026-01-05", "", "", "410", "")
                        .check(TODAY, PROJECTS)
                        .errors())
                .containsEntry("exitDate", "housing.error.exitWithDestination");
        assertThat(form("P-PSH", "2026-01-05", "2026-06-01", "2026-05-01", "410", "")
                        .check(TODAY, PROJECTS)
                        .errors())
                .containsEntry("moveInDate", "housing.error.moveInAfterExit");
    }
}
