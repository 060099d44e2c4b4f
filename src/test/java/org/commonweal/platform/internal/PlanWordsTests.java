package org.commonweal.platform.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import org.commonweal.platform.PlanIdentity;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.PropertiesPropertySourceLoader;
import org.springframework.context.MessageSource;
import org.springframework.core.io.ClassPathResource;

/**
 * The plan's words in messages (issue #19): with the demo's configuration, as application.properties binds it, every
 * message that now takes them reads word for word as the demo's bundles wrote it before; the expected texts are those
 * bundles' lines.
 */
class PlanWordsTests {

    private static final Locale ES = Locale.forLanguageTag("es");

    static PlanIdentity demoPlan() throws Exception {
        var sources = new PropertiesPropertySourceLoader()
                .load("application", new ClassPathResource("application.properties"));
        return new Binder(ConfigurationPropertySources.from(sources))
                .bind("commonweal.plan", PlanIdentity.class)
                .get();
    }

    static PlanIdentity demoPlanOrFail() {
        try {
            return demoPlan();
        } catch (Exception e) {
            throw new IllegalStateException("application.properties: " + e.getMessage(), e);
        }
    }

    private final MessageSource messages = new MessagesConfiguration().messageSource(demoPlan());

    PlanWordsTests() throws Exception {}

    private String en(String key, Object... args) {
        return messages.getMessage(key, args, Locale.ENGLISH);
    }

    private String es(String key, Object... args) {
        return messages.getMessage(key, args, ES);
    }

    @Test
    void theDemosWordsAreUnchanged() {
        assertThat(en("insights.county")).isEqualTo("Los Angeles County");
        assertThat(es("insights.county")).isEqualTo("Condado de Los Ángeles");
        assertThat(en("insights.brief.title")).isEqualTo("L.A. Care Health Plan — Equity insights brief");
        assertThat(es("insights.brief.title")).isEqualTo("L.A. Care Health Plan — Resumen de datos de equidad");
        // the county's counts from its geography files (8 SPAs, 11 regions in the demo's): the words as written before
        assertThat(en("places.lead", 8, 11))
                .isEqualTo("Los Angeles County is organized in eight Service Planning Areas. Our member advisory"
                        + " committees meet in eleven regions.");
        assertThat(es("places.lead", 8, 11))
                .isEqualTo("El condado de Los Ángeles se organiza en ocho Áreas de Planificación de Servicios. Nuestros"
                        + " comités asesores de miembros se reúnen en once regiones.");
        assertThat(en("engagement.public.lead", 11))
                .isEqualTo("Members and their advocates advise the plan in eleven regional committees and an executive"
                        + " committee that reports to the Board of Governors. Meetings are open to the public, with"
                        + " interpretation.");
        assertThat(es("engagement.public.lead", 11))
                .startsWith("Los miembros y sus defensores asesoran al plan en once comités regionales y un comité");
        assertThat(en("engagement.error.spa", 1, 8)).isEqualTo("Choose a service planning area (1 to 8).");
        assertThat(es("engagement.error.spa", 1, 8)).isEqualTo("Elija un área de planificación de servicios (1 a 8).");
        assertThat(en("grants.register.error.spa", "SPA", 1, 8)).isEqualTo("SPA: enter a number from 1 to 8");
        assertThat(es("grants.register.error.spa", "SPA", 1, 8)).isEqualTo("SPA: escriba un número del 1 al 8");
        assertThat(en("grants.opportunities.lead")).endsWith("serve the people of Los Angeles County.");
        assertThat(es("grants.opportunities.lead")).endsWith("la población del Condado de Los Ángeles.");
        assertThat(en("grants.cycle.deadlineTime")).isEqualTo("Time (Los Angeles)");
        assertThat(es("grants.cycle.deadlineTime")).isEqualTo("Hora (Los Ángeles)");
        assertThat(en("form.zip", "ZIP")).isEqualTo("ZIP: enter a 5-digit ZIP code, for example 90012");
        assertThat(en("form.zip.county", "ZIP"))
                .isEqualTo("ZIP: enter a ZIP code in Los Angeles County, for example 90012");
        assertThat(es("form.zip.county", "Código postal"))
                .isEqualTo("Código postal: escriba un código postal del condado de Los Ángeles, por ejemplo 90012");
        assertThat(en("network.find.placeunknown", "Atlantis"))
                .isEqualTo("We could not find “Atlantis” in our service area. Enter a five-digit ZIP code (such as"
                        + " 90012), a city or neighbourhood of Los Angeles County (such as Pasadena or San Pedro), or a"
                        + " street address with its city or ZIP code (such as 1055 W 7th St, 90017).");
        assertThat(es("network.find.placeunknown", "Atlántida"))
                .isEqualTo("No encontramos “Atlántida” en nuestra área de servicio. Escriba un código postal de cinco"
                        + " dígitos (como 90012), una ciudad o vecindario del condado de Los Ángeles (como Pasadena o"
                        + " San Pedro) o una dirección con su ciudad o código postal (como 1055 W 7th St, 90017).");
    }

    @Test
    void theCountysCountsAreWordsInEitherLanguageWithTheirPlurals() {
        assertThat(en("places.lead", 5, 3))
                .endsWith("County is organized in five Service Planning Areas. Our member advisory committees meet"
                        + " in three regions.");
        assertThat(es("places.lead", 5, 3))
                .endsWith("se organiza en cinco Áreas de Planificación de Servicios. Nuestros comités asesores de"
                        + " miembros se reúnen en tres regiones.");
        assertThat(en("places.lead", 1, 1))
                .endsWith("is organized in one Service Planning Area. Our member advisory committees meet in one"
                        + " region.");
        assertThat(es("places.lead", 1, 1))
                .endsWith("se organiza en un Área de Planificación de Servicios. Nuestros comités asesores de miembros"
                        + " se reúnen en una región.");
        // regions are feminine in Spanish: "veintiuna regiones", not "veintiuno"
        assertThat(es("places.lead", 21, 21)).contains("veintiuna Áreas").endsWith("en veintiuna regiones.");
        assertThat(en("engagement.public.lead", 1)).contains("advise the plan in one regional committee and");
        assertThat(es("engagement.public.lead", 3)).contains("asesoran al plan en tres comités regionales y");
        assertThat(en("engagement.error.spa", 1, 5)).isEqualTo("Choose a service planning area (1 to 5).");
        assertThat(es("grants.register.error.spa", "Área", 1, 12)).isEqualTo("Área: escriba un número del 1 al 12");
    }

    @Test
    void theCentersNameBothPlansAsBefore() {
        assertThat(en("centers.lead"))
                .startsWith("Our centers, run with Blue Shield of California Promise Health Plan, are free");
        assertThat(en("centers.kind.lacare")).isEqualTo("an L.A. Care member");
        assertThat(es("centers.kind.lacare")).isEqualTo("miembro de L.A. Care");
        assertThat(en("centers.kind.bsp")).isEqualTo("a Blue Shield of California Promise member");
        assertThat(es("centers.kind.bsp")).isEqualTo("miembro de Blue Shield of California Promise");
        assertThat(en("centers.plan.lacare")).isEqualTo("L.A. Care");
        assertThat(en("centers.plan.bsp")).isEqualTo("Blue Shield Promise");
        assertThat(en("centers.register.membership")).isEqualTo("Link to your L.A. Care membership (optional)");
        assertThat(es("centers.register.field.memberId")).isEqualTo("Número de miembro de L.A. Care");
        assertThat(en("centers.register.memberId.required", "Member ID"))
                .isEqualTo("Member ID: enter your member id (it is on your L.A. Care card), or choose another option"
                        + " above");
    }

    @Test
    void aPlanWordWithAnApostropheOrBracesStaysAsWrittenInAFormattedMessage() throws Exception {
        var plan = demoPlan();
        var odd = new PlanIdentity(
                "St. Mary's {Community} Plan",
                plan.payerName(),
                plan.payerId(),
                plan.timeZone(),
                plan.currency(),
                plan.serviceArea(),
                "St. Mary's",
                plan.partner());
        var source = new MessagesConfiguration().messageSource(odd);
        assertThat(source.getMessage("insights.brief.title", null, Locale.ENGLISH))
                .isEqualTo("St. Mary's {Community} Plan — Equity insights brief");
        assertThat(source.getMessage("centers.register.memberId.required", new Object[] {"ID"}, Locale.ENGLISH))
                .isEqualTo("ID: enter your member id (it is on your St. Mary's card), or choose another option above");
    }

    @Test
    void theEnglishArticleFollowsTheFirstSound() {
        assertThat(PlanWords.englishArticle("L.A. Care")).isEqualTo("an");
        assertThat(PlanWords.englishArticle("IEHP")).isEqualTo("an");
        assertThat(PlanWords.englishArticle("Inland Empire Health Plan")).isEqualTo("an");
        assertThat(PlanWords.englishArticle("Blue Shield of California Promise"))
                .isEqualTo("a");
        assertThat(PlanWords.englishArticle("CalOptima")).isEqualTo("a");
        assertThat(PlanWords.englishArticle("Health Net")).isEqualTo("a");
        assertThat(PlanWords.englishArticle("HPSJ")).isEqualTo("an");
        assertThat(PlanWords.englishArticle("United Healthcare")).isEqualTo("a");
    }
}
