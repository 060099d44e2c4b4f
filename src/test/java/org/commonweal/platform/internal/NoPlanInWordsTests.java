package org.commonweal.platform.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Adoption by configuration (issue #19), checked at build time: no message bundle, template or script names the demo
 * plan (L.A. Care), its county (Los Angeles), its partner plan (Blue Shield of California Promise) or its time zone
 * (Pacific); they come from {@code commonweal.plan.*} through {@link PlanWords}. The demo configuration itself,
 * application.properties, is the one place they are written.
 */
class NoPlanInWordsTests {

    /** The demo plan's words; "Pacific Islander" (a race in HUD's and the census's lists) is not a time zone. */
    static final Pattern DEMO_PLAN = Pattern.compile(
            "L\\.A\\.|LA Care|Los [AÁ]ngeles|LA County|Blue Shield|\\bPacific\\b(?! Islander)|(?<!islas del )\\bPac[ií]fico"
                    + "|lacare\\.org",
            Pattern.CASE_INSENSITIVE);

    private static final Path RESOURCES = Path.of("src/main/resources");

    @Test
    void noBundleTemplateOrScriptNamesTheDemoPlan() throws IOException {
        List<String> found = new ArrayList<>();
        List<Path> files = words();
        for (Path file : files) {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            for (int i = 0; i < lines.size(); i++) {
                Matcher m = DEMO_PLAN.matcher(lines.get(i));
                if (m.find()) {
                    found.add(RESOURCES.relativize(file) + ":" + (i + 1) + " \"" + m.group() + "\": " + lines.get(i));
                }
            }
        }
        System.out.printf(
                Locale.ROOT, "demo plan's words: %d files scanned, %d lines found%n", files.size(), found.size());
        assertThat(files).hasSizeGreaterThan(100);
        assertThat(found)
                .as("write {planShortName}, {planCounty} … (PlanWords) instead")
                .isEmpty();
    }

    /**
     * The demo county's counts written as words or ranges (eight SPAs, eleven regions, "1 to 8"): they come from the
     * geography files as message arguments instead (issue #19).
     */
    static final Pattern COUNTY_COUNTS = Pattern.compile(
            "\\b(eight|eleven|ocho|once) (Service Planning|[ÁA]reas? de Planificaci[óo]n|regions?\\b|regional"
                    + "|regiones|comit[ée]s)"
                    + "|\\b1 (to|a) 8\\b|\\bdel 1 al 8\\b",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

    @Test
    void noBundleOrTemplateWritesTheDemoCountysCounts() throws IOException {
        List<String> found = new ArrayList<>();
        for (Path file : words()) {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            for (int i = 0; i < lines.size(); i++) {
                Matcher m = COUNTY_COUNTS.matcher(lines.get(i));
                if (m.find()) {
                    found.add(RESOURCES.relativize(file) + ":" + (i + 1) + " \"" + m.group() + "\"");
                }
            }
        }
        assertThat(found)
                .as("pass the geography's counts as arguments ({0, plural, …} with {0, spellout})")
                .isEmpty();
    }

    @Test
    void theCountsCheckFindsTheOldTexts() {
        // the lines this check would have failed on before the counts came from the geography files
        assertThat(COUNTY_COUNTS
                        .matcher("is organized in eight Service Planning Areas")
                        .find())
                .isTrue();
        assertThat(COUNTY_COUNTS.matcher("meet in eleven regions.").find()).isTrue();
        assertThat(COUNTY_COUNTS
                        .matcher("se organiza en ocho Áreas de Planificación")
                        .find())
                .isTrue();
        assertThat(COUNTY_COUNTS.matcher("se reúnen en once regiones.").find()).isTrue();
        assertThat(COUNTY_COUNTS.matcher("en once comités regionales").find()).isTrue();
        assertThat(COUNTY_COUNTS.matcher("(1 to 8)").find()).isTrue();
        assertThat(COUNTY_COUNTS.matcher("(1 a 8)").find()).isTrue();
        assertThat(COUNTY_COUNTS.matcher("escriba un número del 1 al 8").find()).isTrue();
        assertThat(COUNTY_COUNTS.matcher("max=\"8\" shown once, regions listed").find())
                .isFalse();
    }

    @Test
    void everyPlanWordABundleNamesIsOne() throws IOException {
        var known = new PlanWords(PlanWordsTests.demoPlanOrFail())
                .in(Locale.ENGLISH)
                .keySet();
        List<String> unknown = new ArrayList<>();
        int used = 0;
        for (Path file : words()) {
            if (!file.toString().endsWith(".properties")) {
                continue;
            }
            Matcher m = PlanWords.WORD.matcher(Files.readString(file, StandardCharsets.UTF_8));
            while (m.find()) {
                used++;
                if (!known.contains(m.group(1))) {
                    unknown.add(RESOURCES.relativize(file) + ": " + m.group());
                }
            }
        }
        assertThat(used).isGreaterThan(20);
        assertThat(unknown).isEmpty();
    }

    @Test
    void theCheckFindsTheDemosWords() {
        // the lines this check would have failed on before the plan's words moved to configuration
        assertThat(DEMO_PLAN.matcher("centers.kind.lacare=an L.A. Care member").find())
                .isTrue();
        assertThat(DEMO_PLAN.matcher("insights.county=Condado de Los Ángeles").find())
                .isTrue();
        assertThat(DEMO_PLAN.matcher("centers.plan.bsp=Blue Shield Promise").find())
                .isTrue();
        assertThat(DEMO_PLAN.matcher("time=Pacific time").find()).isTrue();
        assertThat(DEMO_PLAN.matcher("race=Native Hawaiian or Pacific Islander").find())
                .isFalse();
        assertThat(DEMO_PLAN
                        .matcher("race=Nativo de Hawái o de las islas del Pacífico")
                        .find())
                .isFalse();
        assertThat(DEMO_PLAN
                        .matcher("kind={planShortNameArticle} {planShortName} member")
                        .find())
                .isFalse();
    }

    /** Every bundle (all of src/main/resources but application.properties), template and script. */
    private static List<Path> words() throws IOException {
        try (Stream<Path> all = Files.walk(RESOURCES)) {
            return all.filter(Files::isRegularFile)
                    .filter(p -> {
                        String name = p.getFileName().toString();
                        return (name.endsWith(".properties") && !name.equals("application.properties"))
                                || name.endsWith(".html")
                                || (name.endsWith(".js") && !p.toString().contains("/vendor/"));
                    })
                    .sorted()
                    .toList();
        }
    }
}
