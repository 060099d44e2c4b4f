package org.commonweal.centers;

/** Plan affiliation of a participant, as reported in the centers' statistics. */
public enum ParticipantKind {
    LACARE("lacare"),
    BSP("bsp"),
    COMMUNITY("community");

    private final String code;

    ParticipantKind(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    public static ParticipantKind of(String code) {
        for (ParticipantKind k : values()) {
            if (k.code.equalsIgnoreCase(code) || k.name().equalsIgnoreCase(code)) {
                return k;
            }
        }
        throw new RegistrationException("kind", "must be lacare, bsp or community, not '" + code + "'");
    }
}
