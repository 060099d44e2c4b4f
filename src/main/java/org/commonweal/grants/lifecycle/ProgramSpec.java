package org.commonweal.grants.lifecycle;

import java.math.BigDecimal;

/** What a grants officer enters for a program: code, names, strategy, funding source and envelope. */
public record ProgramSpec(
        String code,
        String name,
        String nameEs,
        String strategy,
        String fundingSource,
        BigDecimal envelope,
        Integer sinceYear) {

    public static final String CODE_PATTERN = "[A-Z][A-Z0-9-]{1,29}";

    /** Adds a problem per field; {@code thisYear} bounds the first year. */
    public FieldErrors validate(FieldErrors errors, int thisYear) {
        if (blank(code)) {
            errors.add("code", "grants.field.required");
        } else if (!code.matches(CODE_PATTERN)) {
            errors.add("code", "grants.field.code");
        }
        requireText(errors, "name", name);
        requireText(errors, "nameEs", nameEs);
        requireText(errors, "strategy", strategy);
        requireText(errors, "fundingSource", fundingSource);
        if (envelope == null) {
            errors.add("envelope", "grants.field.required");
        } else if (envelope.signum() < 0) {
            errors.add("envelope", "grants.field.notNegative");
        }
        if (sinceYear == null) {
            errors.add("sinceYear", "grants.field.required");
        } else if (sinceYear < 2000 || sinceYear > thisYear + 1) {
            errors.add("sinceYear", "grants.field.year", 2000, thisYear + 1);
        }
        return errors;
    }

    static void requireText(FieldErrors errors, String field, String value) {
        if (blank(value)) {
            errors.add(field, "grants.field.required");
        }
    }

    static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
