package org.commonweal.geography;

/** A spoken or written language of the service area; {@code threshold} ones get translated materials. */
public record Language(String code, String englishName, String nativeName, boolean threshold) {}
