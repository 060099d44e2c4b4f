package org.commonweal.grants.lifecycle;

/** An Employer Identification Number, the identity of an organization: {@code 95-1234567}. */
public record Ein(String value) {

    public Ein {
        if (value == null || !value.matches("[0-9]{2}-[0-9]{7}")) {
            throw new GrantRuleViolation("EIN must be nine digits written 12-3456789.");
        }
    }

    /** Accepts {@code 951234567}, {@code 95-1234567} or with spaces, and normalizes. */
    public static Ein parse(String raw) {
        String digits = raw == null ? "" : raw.replaceAll("[\\s-]", "");
        if (!digits.matches("[0-9]{9}")) {
            throw new GrantRuleViolation("EIN must be nine digits written 12-3456789, not '" + raw + "'.");
        }
        return new Ein(digits.substring(0, 2) + "-" + digits.substring(2));
    }

    @Override
    public String toString() {
        return value;
    }
}
