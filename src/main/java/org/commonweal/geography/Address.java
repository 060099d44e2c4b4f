package org.commonweal.geography;

/** A postal address as people write it. */
public record Address(String line1, String line2, String city, String state, String zip) {}
