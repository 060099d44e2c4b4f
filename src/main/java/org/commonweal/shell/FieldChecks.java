package org.commonweal.shell;

import java.util.regex.Pattern;
import org.springframework.validation.BindingResult;
import org.springframework.validation.Errors;
import org.springframework.validation.FieldError;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Format checks shared by every module's forms, as domain checks on the server (a browser's own checks are a
 * convenience, never the guard). Each one rejects the field with a message code of the shell bundle
 * ({@code form.zip}, {@code form.phone}, …), so the form comes back naming the field and the expected form. An empty
 * value passes: whether a field is required is the form's own {@code @NotBlank}.
 */
public final class FieldChecks {

    private static final Pattern ZIP = Pattern.compile("\\d{5}(-\\d{4})?");
    /** NANP: an area code and exchange that do not start with 0 or 1, with or without +1 and punctuation. */
    private static final Pattern NANP = Pattern.compile("(\\+?1)?[2-9]\\d{2}[2-9]\\d{6}");

    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s.]+(\\.[^@\\s.]+)+");
    private static final Pattern MEMBER_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9-]{2,19}");

    private FieldChecks() {}

    /** A US ZIP code of five digits (or ZIP+4). */
    public static boolean zip(Errors errors, String field, String value) {
        return check(errors, field, value, v -> ZIP.matcher(v).matches(), "form.zip");
    }

    /** Whether a value is a US ZIP code of five digits (or ZIP+4), spaces around it aside. */
    public static boolean isZip(String value) {
        return value != null && ZIP.matcher(value.strip()).matches();
    }

    /** A North American phone number of ten digits; spaces, dots, dashes and parentheses are allowed. */
    public static boolean phone(Errors errors, String field, String value) {
        return check(
                errors,
                field,
                value,
                v -> NANP.matcher(v.replaceAll("[\\s().-]", "")).matches(),
                "form.phone");
    }

    public static boolean email(Errors errors, String field, String value) {
        return check(
                errors, field, value, v -> v.length() <= 254 && EMAIL.matcher(v).matches(), "form.email");
    }

    /** The form of a plan member id (letters and digits); whether such a member exists is the caller's check. */
    public static boolean memberId(Errors errors, String field, String value) {
        return check(errors, field, value, v -> MEMBER_ID.matcher(v).matches(), "form.memberId");
    }

    /**
     * Rejects a field, also when the form could not be built (a value of the wrong type elsewhere leaves the
     * binding result without a target, and {@code Errors.rejectValue} would then fail).
     */
    public static void reject(Errors errors, String field, String code, Object... arguments) {
        if (errors instanceof BindingResult result && result.getTarget() == null) {
            String[] submitted = submitted(field);
            result.addError(new FieldError(
                    result.getObjectName(),
                    field,
                    submitted == null ? null : String.join(",", submitted),
                    false,
                    result.resolveMessageCodes(code, field),
                    arguments.length == 0 ? null : arguments,
                    null));
        } else {
            errors.rejectValue(field, code, arguments.length == 0 ? null : arguments, null);
        }
    }

    private static String[] submitted(String field) {
        return RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes
                ? attributes.getRequest().getParameterValues(field)
                : null;
    }

    private static boolean check(
            Errors errors, String field, String value, java.util.function.Predicate<String> valid, String code) {
        if (value == null || value.isBlank() || errors.hasFieldErrors(field) || valid.test(value.strip())) {
            return true;
        }
        reject(errors, field, code);
        return false;
    }
}
