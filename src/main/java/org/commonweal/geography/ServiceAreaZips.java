package org.commonweal.geography;

import java.util.Optional;
import org.commonweal.shell.FieldChecks;
import org.springframework.stereotype.Component;
import org.springframework.validation.Errors;

/**
 * The one rule for the ZIP of an address a member or a visitor enters (#18): a US ZIP code (five digits, or ZIP+4)
 * that lies in the plan's service area (Los Angeles County for L.A. Care), as the reference geography knows it. Every
 * form that takes a member's or visitor's home ZIP calls it, so the rule and its message ({@code form.zip.county})
 * live here and nowhere else.
 */
@Component
public class ServiceAreaZips {

    private final Geography geography;

    ServiceAreaZips(Geography geography) {
        this.geography = geography;
    }

    /**
     * Rejects the field when the value is not a ZIP code, or not one of the service area. An empty value passes
     * (whether the field is required is the form's own {@code @NotBlank}).
     *
     * @return true when the value passes (or is empty)
     */
    public boolean check(Errors errors, String field, String value) {
        if (errors.hasFieldErrors(field)) {
            return false;
        }
        Optional<String> problem = problem(value);
        problem.ifPresent(code -> FieldChecks.reject(errors, field, code));
        return problem.isEmpty();
    }

    /**
     * What is wrong with a ZIP as a message code of the shell bundle ({@code form.zip}: not a ZIP code;
     * {@code form.zip.county}: not one of the service area), or empty when it passes or is empty.
     */
    public Optional<String> problem(String value) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        if (!FieldChecks.isZip(value)) {
            return Optional.of("form.zip");
        }
        return geography.zip(value.strip().substring(0, 5)).isPresent()
                ? Optional.empty()
                : Optional.of("form.zip.county");
    }
}
