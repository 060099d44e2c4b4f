package org.commonweal.network;

/**
 * A NUCC provider taxonomy code with the plain-language names members search by.
 *
 * @param group {@code pcp}, {@code specialist}, {@code behavioral}, {@code pharmacist} or {@code facility}
 * @param adequacyType the provider type of the time-or-distance standards ({@code primary-care}, {@code specialist},
 *        {@code hospital}, {@code pharmacy} …), empty where none applies
 */
public record Specialty(
        String code,
        String group,
        String display,
        String plainEnglish,
        String plainSpanish,
        double weight,
        String suffix,
        String adequacyType) {

    public String plainName(java.util.Locale locale) {
        return "es".equals(locale.getLanguage()) ? plainSpanish : plainEnglish;
    }
}
