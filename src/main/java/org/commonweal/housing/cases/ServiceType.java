package org.commonweal.housing.cases;

import java.util.Arrays;

/**
 * Kinds of contact and service. {@code hopwaType} is the HMIS CSV Services.csv mapping used by the export: Housing
 * for Health services have no federal record type of their own, so they go out under the HOPWA service list (record
 * type 143), whose types are the closest; the rest as 14 "Other HOPWA funded service" with the name in
 * OtherTypeProvided.
 */
public enum ServiceType {
    OUTREACH(11),
    INTENSIVE_CASE_MANAGEMENT(2),
    TENANCY_SUPPORT(14),
    BENEFITS_ADVOCACY(14),
    HEALTH_NAVIGATION(8),
    ACCOMPANIMENT(14);

    private final int hopwaType;

    ServiceType(int hopwaType) {
        this.hopwaType = hopwaType;
    }

    public int hopwaType() {
        return hopwaType;
    }

    public String code() {
        return name().toLowerCase().replace('_', '-');
    }

    public static ServiceType parse(String code) {
        return Arrays.stream(values())
                .filter(t -> t.code().equals(code))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown service type '" + code + "'"));
    }
}
