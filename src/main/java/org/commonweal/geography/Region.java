package org.commonweal.geography;

/** A numbered area with a name: a Service Planning Area or an advisory-committee region. */
public record Region(int number, String name) {}
