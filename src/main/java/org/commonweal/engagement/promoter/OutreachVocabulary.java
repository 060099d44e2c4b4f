package org.commonweal.engagement.promoter;

import java.util.List;

/** The controlled lists a promoter picks from in the field. */
public final class OutreachVocabulary {

    public static final List<String> EVENT_TYPES =
            List.of("WORKSHOP", "HEALTH_FAIR", "DOOR_TO_DOOR", "CENTER_CLASS", "PHONE_BANK");

    /** Health topics; message keys are {@code engagement.topic.<code>}. */
    public static final List<String> TOPICS = List.of(
            "diabetes",
            "blood-pressure",
            "nutrition",
            "physical-activity",
            "mental-health",
            "immunizations",
            "prenatal-care",
            "asthma",
            "medi-cal-renewal",
            "benefits-enrollment",
            "preventive-screenings",
            "tobacco-cessation",
            "substance-use",
            "housing-resources",
            "food-resources");

    public static final List<String> REFERRAL_KINDS = List.of("CENTER_CLASS", "ENROLLMENT_HELP", "PROVIDER");

    public static final List<String> OUTCOMES =
            List.of("SENT", "ACCEPTED", "COMPLETED", "UNABLE_TO_REACH", "UNABLE_TO_PLACE");

    private OutreachVocabulary() {}
}
