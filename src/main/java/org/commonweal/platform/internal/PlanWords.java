package org.commonweal.platform.internal;

import com.ibm.icu.text.ListFormatter;
import com.ibm.icu.text.TimeZoneNames;
import com.ibm.icu.util.ULocale;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.commonweal.platform.PlanIdentity;

/**
 * The plan's words in messages: a bundle writes {@code {planShortName}} where the demo said "L.A. Care", and each
 * message is given the configured plan's word in the message's language (issue #19, adoption by configuration). The
 * names look like ICU named arguments so every bundle stays a valid ICU pattern; they are filled in before the
 * message is formatted, so messages keep their numbered arguments ({@code {0}}) for the caller.
 */
final class PlanWords {

    /** A plan word in a message: {@code {planCounty}}. */
    static final Pattern WORD = Pattern.compile("\\{(plan[A-Z][A-Za-z]*)}");

    private final PlanIdentity plan;
    private final Map<String, Map<String, String>> byLanguage = new ConcurrentHashMap<>();

    PlanWords(PlanIdentity plan) {
        this.plan = plan;
    }

    /** Every word a message may name, in a language: what the bundles can use. */
    Map<String, String> in(Locale language) {
        return byLanguage.computeIfAbsent(language.getLanguage(), tag -> words(Locale.forLanguageTag(tag)));
    }

    /**
     * The message with its plan words filled in; {@code pattern} when it names none. {@code forIcu}: the message
     * is an ICU pattern still to be formatted, so a word's apostrophes and braces are quoted.
     */
    String fill(String pattern, Locale language, boolean forIcu) {
        if (pattern == null || !pattern.contains("{plan")) {
            return pattern;
        }
        Map<String, String> words = in(language);
        Matcher m = WORD.matcher(pattern);
        StringBuilder out = new StringBuilder(pattern.length() + 32);
        while (m.find()) {
            String word = words.get(m.group(1));
            String text = word == null ? m.group() : forIcu ? icuLiteral(word) : word;
            m.appendReplacement(out, Matcher.quoteReplacement(text));
        }
        m.appendTail(out);
        return out.toString();
    }

    private Map<String, String> words(Locale language) {
        ULocale locale = ULocale.forLocale(language);
        var area = plan.serviceArea();
        return Map.ofEntries(
                Map.entry("planName", plan.name()),
                Map.entry("planShortName", plan.shortName()),
                Map.entry("planShortNameArticle", englishArticle(plan.shortName())),
                Map.entry("planCounty", area.county(language)),
                Map.entry("planPartnerName", plan.partner().name()),
                Map.entry("planPartnerBrandName", plan.partner().brandName()),
                Map.entry(
                        "planPartnerBrandNameArticle",
                        englishArticle(plan.partner().brandName())),
                Map.entry("planPartnerShortName", plan.partner().shortName()),
                // "Los Angeles" / "Los Ángeles" for America/Los_Angeles: CLDR's exemplar city of the plan's zone
                Map.entry("planTimeZoneCity", timeZoneCity(locale)),
                Map.entry("planExampleZip", area.exampleZip()),
                Map.entry(
                        "planExamplePlaces",
                        ListFormatter.getInstance(locale, ListFormatter.Type.OR, ListFormatter.Width.WIDE)
                                .format(area.examplePlaces())),
                Map.entry("planExampleAddress", area.exampleAddress()));
    }

    /**
     * "a" or "an" before a name in English, by its first sound: "an L.A. Care member", "an Inland Empire Health Plan
     * member", "a Blue Shield of California Promise member". An initialism ("L.A.", "IEHP") is read letter by letter,
     * so its first letter's name counts (el, eye); a word by its first letter, "U" as in "United" taking "a".
     */
    static String englishArticle(String name) {
        String first = name.strip().split("[\\s-]+", 2)[0];
        if (first.isEmpty()) {
            return "a";
        }
        char c = Character.toUpperCase(first.charAt(0));
        boolean initialism = first.length() > 1
                && (first.charAt(1) == '.' || first.chars().allMatch(ch -> Character.isUpperCase(ch) || ch == '.'));
        String vowelSounds = initialism ? "AEFHILMNORSX" : "AEIO";
        return vowelSounds.indexOf(c) >= 0 ? "an" : "a";
    }

    private String timeZoneCity(ULocale locale) {
        String id = plan.timeZone().getId();
        String city = TimeZoneNames.getInstance(locale).getExemplarLocationName(id);
        return city == null ? id : city;
    }

    /** Text inside an ICU pattern: apostrophes doubled, braces quoted. */
    private static String icuLiteral(String text) {
        return text.replace("'", "''").replace("{", "'{'").replace("}", "'}'");
    }
}
