package org.commonweal.centers;

/**
 * Who registers: minimal data. {@code memberId} links an L.A. Care member; Blue Shield Promise members and community
 * residents have none.
 */
public record NewParticipant(ParticipantKind kind, String memberId, String firstName, String lastName, String phone,
        String email, String zip, String language, boolean consentToContact, String accessibilityNeeds) {

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
        if (kind == ParticipantKind.LACARE && (memberId == null || memberId.isBlank())) {
            throw new RegistrationException("memberId", "is required for L.A. Care members");
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
