package org.commonweal.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.validation.MapBindingResult;

/** The shared format checks, on the values that were saved although wrong (#18) and on good ones. */
class FieldChecksTests {

    private static String codeOf(java.util.function.BiFunction<MapBindingResult, String, Boolean> check, String value) {
        Map<String, Object> values = new HashMap<>();
        values.put("f", value);
        var errors = new MapBindingResult(values, "form");
        check.apply(errors, value);
        return errors.hasFieldErrors("f") ? errors.getFieldError("f").getCode() : null;
    }

    @Test
    void zipCodesHaveFiveDigitsOrZipPlusFour() {
        assertThat(codeOf((e, v) -> FieldChecks.zip(e, "f", v), "9003")).isEqualTo("form.zip");
        assertThat(codeOf((e, v) -> FieldChecks.zip(e, "f", v), "ABC")).isEqualTo("form.zip");
        assertThat(codeOf((e, v) -> FieldChecks.zip(e, "f", v), "90033")).isNull();
        assertThat(codeOf((e, v) -> FieldChecks.zip(e, "f", v), "90033-1234")).isNull();
        assertThat(codeOf((e, v) -> FieldChecks.zip(e, "f", v), ""))
                .as("blank is the form's @NotBlank")
                .isNull();
    }

    @Test
    void phoneNumbersAreNorthAmericanWithTenDigits() {
        assertThat(codeOf((e, v) -> FieldChecks.phone(e, "f", v), "abc")).isEqualTo("form.phone");
        assertThat(codeOf((e, v) -> FieldChecks.phone(e, "f", v), "555-0100")).isEqualTo("form.phone");
        assertThat(codeOf((e, v) -> FieldChecks.phone(e, "f", v), "(013) 555-0100"))
                .as("no area code starts with 0")
                .isEqualTo("form.phone");
        assertThat(codeOf((e, v) -> FieldChecks.phone(e, "f", v), "(213) 555-0100"))
                .isNull();
        assertThat(codeOf((e, v) -> FieldChecks.phone(e, "f", v), "+1 213.555.0100"))
                .isNull();
    }

    @Test
    void emailsHaveANameAndADomain() {
        assertThat(codeOf((e, v) -> FieldChecks.email(e, "f", v), "foo@")).isEqualTo("form.email");
        assertThat(codeOf((e, v) -> FieldChecks.email(e, "f", v), "foo@bar")).isEqualTo("form.email");
        assertThat(codeOf((e, v) -> FieldChecks.email(e, "f", v), "ana.lopez@example.org"))
                .isNull();
    }

    @Test
    void memberIdsAreLettersDigitsAndDashes() {
        assertThat(codeOf((e, v) -> FieldChecks.memberId(e, "f", v), "NOT A MEMBER"))
                .isEqualTo("form.memberId");
        assertThat(codeOf((e, v) -> FieldChecks.memberId(e, "f", v), "<script>"))
                .isEqualTo("form.memberId");
        assertThat(codeOf((e, v) -> FieldChecks.memberId(e, "f", v), "DEMO-MEMBER-1"))
                .isNull();
    }
}
