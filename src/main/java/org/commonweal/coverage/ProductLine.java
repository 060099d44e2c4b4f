package org.commonweal.coverage;

/** A line of business, for example Medi-Cal; data, not code. */
public record ProductLine(
        String code, String name, String payerName, String memberPhone, String nursePhone, boolean medicaid) {}
