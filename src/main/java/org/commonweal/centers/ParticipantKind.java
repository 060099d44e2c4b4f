package org.commonweal.centers;

/**
 * Plan affiliation of a participant, as reported in the centers' statistics: a member of the plan that runs the
 * centers ({@code PlanIdentity}), a member of the partner plan that shares them, or anyone else. The stored codes are
 * those of the demo's plans (L.A. Care and Blue Shield of California Promise); the words people read are in the
 * {@code centers} bundle.
 */
public enum ParticipantKind {
    PLAN_MEMBER("lacare"),
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
