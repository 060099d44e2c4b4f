package org.commonweal.housing.records;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ClientFormTests {

    static final LocalDate TODAY = LocalDate.of(2026, 11, 29);

    static ClientForm form(String first, String dob, String dobQuality, String ssn, List<String> race, String manager) {
        return new ClientForm(
                first,
                "Flores",
                "1",
                dob,
                dobQuality,
                ssn,
                race,
                List.of("Woman"),
                "0",
                "1",
                "LA000000042",
                "4",
                manager);
    }

    @Test
    void acceptsTheUniversalDataElementsInHmisColumnOrder() {
        var checked = form("Ana", "1980-02-03", "1", "1234", List.of("White", "HispanicLatinaeo"), "cm-a")
                .check(TODAY, Set.of("cm-a"));
        assertThat(checked.errors()).isEmpty();
        assertThat(checked.values().race()).containsExactly("HispanicLatinaeo", "White");
        assertThat(checked.values().spa()).isEqualTo(4);
        assertThat(checked.caseManager()).isEqualTo("cm-a");
    }

    @Test
    void reportsEachBadFieldWithItsReason() {
        var checked =
                form(" ", "2027-01-01", "1", "12a4", List.of("Martian"), "cm-b").check(TODAY, Set.of("cm-a"));
        assertThat(checked.errors())
                .containsEntry("firstName", "housing.error.required")
                .containsEntry("birthDate", "housing.error.future")
                .containsEntry("ssnLast4", "housing.error.ssn")
                .containsEntry("race", "housing.error.code")
                .containsEntry("caseManager", "housing.error.caseManager");
        assertThat(checked.values()).isNull();
    }

    @Test
    void birthDateAndItsQualityAgree() {
        assertThat(form("Ana", "", "1", "", List.of(), "cm-a")
                        .check(TODAY, Set.of("cm-a"))
                        .errors())
                .containsEntry("birthDate", "housing.error.dobForQuality");
        assertThat(form("Ana", "1980-02-03", "99", "", List.of(), "cm-a")
                        .check(TODAY, Set.of("cm-a"))
                        .errors())
                .containsEntry("dobQuality", "housing.error.dobQuality");
        assertThat(form("Ana", "", "99", "", List.of(), "cm-a")
                        .check(TODAY, Set.of("cm-a"))
                        .errors())
                .isEmpty();
    }

    @Test
    void anEditDoesNotAssign() {
        assertThat(form("Ana", "", "99", "", List.of(), null).check(TODAY, null).errors())
                .isEmpty();
    }

    @Test
    void changedFieldsNameOnlyWhatDiffers() {
        var a = form("Ana", "1980-02-03", "1", "", List.of(), null)
                .check(TODAY, null)
                .values();
        var b = form("Anna", "1980-02-03", "1", "9876", List.of(), null)
                .check(TODAY, null)
                .values();
        assertThat(RecordEditing.changedFields(a, b)).containsExactly("firstName", "ssnLast4");
    }
}
