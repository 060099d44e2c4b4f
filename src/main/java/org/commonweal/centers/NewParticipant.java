package org.commonweal.centers;

/**
 * Who registers: minimal data. {@code memberId} links an L.A. Care member whose membership was checked (by staff,
 * by the member signing in, or CIN and birth date); without it an L.A. Care member is counted as one but linked to
 * no record. Blue Shield Promise members and community residents have none.
 */
public record NewParticipant(
        ParticipantKind kind,
        String memberId,
        String firstName,
        String lastName,
        String phone,
        String email,
        String zip,
        String language,
        boolean consentToContact,
        String accessibilityNeeds) {

    public NewParticipant {
        if (kind == null) {
            throw new RegistrationException("participant.kind", "is required");
        }
        if (firstName == null || firstName.isBlank()) {
            throw new RegistrationException("firstName", "is required");
        }
        if (lastName == null || lastName.isBlank()) {
            throw new RegistrationException("lastName", "is required");
        }
        if (zip != null && !zip.isBlank() && !zip.trim().matches("\\d{5}")) {
            throw new RegistrationException("zip", "must be five digits");
        }
        firstName = firstName.strip();
        lastName = lastName.strip();
        memberId = blankToNull(memberId);
        phone = blankToNull(phone);
        email = blankToNull(email);
        zip = blankToNull(zip);
        language = language == null || language.isBlank() ? "en" : language.strip();
        accessibilityNeeds = blankToNull(accessibilityNeeds);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
