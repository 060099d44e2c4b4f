package org.commonweal.centers.web;

import java.util.Set;
import org.commonweal.centers.RegistrationException;
import org.springframework.validation.Errors;

/**
 * A rule the registration domain refused, turned into a form error: on the field it names when the form has one,
 * otherwise for the whole form. The message comes from {@code centers.rule.<field>} in the page's language.
 */
final class CentersFormErrors {

    private static final Set<String> RULES = Set.of("session", "participant", "center", "measures", "confirmation");

    private CentersFormErrors() {}

    static void reject(Errors errors, RegistrationException e) {
        String field = e.field();
        if (RULES.contains(field) || !isField(errors, field)) {
            errors.reject("centers.rule." + (RULES.contains(field) ? field : "other"), e.getMessage());
        } else {
            errors.rejectValue(field, "centers.rule.field", e.getMessage());
        }
    }

    private static boolean isField(Errors errors, String field) {
        try {
            errors.getFieldType(field);
            return errors.getFieldType(field) != null;
        } catch (RuntimeException e) {
            return false;
        }
    }
}
