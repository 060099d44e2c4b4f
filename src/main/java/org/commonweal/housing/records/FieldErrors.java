package org.commonweal.housing.records;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Field-level problems of a submitted form: field name → message key (in {@code i18n/housing.properties}). The
 * parsing helpers record a problem and return null, so one pass reports every bad field at once.
 */
final class FieldErrors {

    private final Map<String, String> errors = new LinkedHashMap<>();

    void reject(String field, String messageKey) {
        errors.putIfAbsent(field, messageKey);
    }

    boolean has(String field) {
        return errors.containsKey(field);
    }

    boolean isEmpty() {
        return errors.isEmpty();
    }

    Map<String, String> asMap() {
        return Collections.unmodifiableMap(errors);
    }

    String required(String field, String raw, int maxLength) {
        String value = blankToNull(raw);
        if (value == null) {
            reject(field, "housing.error.required");
        } else if (value.length() > maxLength) {
            reject(field, "housing.error.tooLong");
        }
        return value;
    }

    LocalDate date(String field, String raw, boolean required, LocalDate today) {
        String value = blankToNull(raw);
        if (value == null) {
            if (required) {
                reject(field, "housing.error.required");
            }
            return null;
        }
        try {
            LocalDate date = LocalDate.parse(value);
            if (date.isAfter(today)) {
                reject(field, "housing.error.future");
            } else if (date.isBefore(LocalDate.of(1900, 1, 1))) {
                reject(field, "housing.error.tooEarly");
            }
            return date;
        } catch (DateTimeParseException e) {
            reject(field, "housing.error.date");
            return null;
        }
    }

    /** A HUD code from {@code list}; blank gives {@code missing} (null: the field is required). */
    Integer code(String field, String raw, Map<Integer, String> list, Integer missing) {
        String value = blankToNull(raw);
        if (value == null) {
            if (missing == null) {
                reject(field, "housing.error.required");
            }
            return missing;
        }
        try {
            int code = Integer.parseInt(value);
            if (!list.containsKey(code)) {
                reject(field, "housing.error.code");
                return null;
            }
            return code;
        } catch (NumberFormatException e) {
            reject(field, "housing.error.code");
            return null;
        }
    }

    static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
