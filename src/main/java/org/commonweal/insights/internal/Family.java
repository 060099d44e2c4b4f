package org.commonweal.insights.internal;

/** The source module behind a group of measures: a refresh replaces one family's figures at a time. */
public enum Family {
    COVERAGE,
    ADEQUACY,
    CENTERS,
    ENGAGEMENT,
    GRANTS,
    HOUSING,
    QUALITY;

    public String code() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static Family of(String code) {
        for (Family f : values()) {
            if (f.code().equals(code)) {
                return f;
            }
        }
        throw new IllegalArgumentException(
                "family: one of coverage, adequacy, centers, engagement, grants, housing, quality, not '" + code + "'");
    }
}
