package org.commonweal.engagement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import org.commonweal.IntegrationTest;
import org.commonweal.centers.Centers;
import org.commonweal.centers.ClassSession;
import org.commonweal.centers.Registration;
import org.commonweal.centers.RegistrationStatus;
import org.commonweal.centers.schedule.SeriesScheduler;
import org.commonweal.centers.schedule.SessionQueries;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * The referral loop end to end: a promoter's referral to a center class publishes {@link ClassReferralMade}, the
 * centers module registers the person (a seat, or the waitlist) and answers with {@link ReferralOutcomeReported},
 * which the referral then shows; attendance completes it, and an unknown class comes back as not placed.
 * The field page's validation is tested here too.
 */
@IntegrationTest
@RecordApplicationEvents
class ReferralLoopIntegrationTests {

    static final RequestPostProcessor STAFF = user("engagement-staff").roles("ENGAGEMENT_STAFF");

    @Autowired
    MockMvc mvc;

    @Autowired
    ApplicationEvents events;

    @Autowired
    Centers centers;

    @Autowired
    SeriesScheduler scheduler;

    @Autowired
    SessionQueries queries;

    @Autowired
    JdbcClient jdbc;

    @Test
    void aCenterClassReferralBecomesARegistrationAndTheOutcomesComeBack() throws Exception {
        String title = "Referral Cooking " + System.nanoTime();
        ClassSession session = newSession(title, 1);
        String reference = "EAST-LA:" + title.toUpperCase().replace(' ', '-');

        ClassReferralMade first = refer("Maria Lopez", "DEMO-M" + System.nanoTime() % 1_000_000, reference);
        assertThat(first.classReference()).isEqualTo(reference);
        assertThat(first.promoterId()).isEqualTo(promoter());
        assertThat(jdbc.sql("select count(*) from audit.audit_event where entity_type = 'engagement-referral'"
                                + " and entity_id = ? and member_id = ?")
                        .params(String.valueOf(first.referralId()), first.memberId())
                        .query(Long.class)
                        .single())
                .isEqualTo(1);

        // the centers module registers her on the one seat and answers with the confirmation code
        assertThat(awaitOutcome(first.referralId(), "ACCEPTED")).isEqualTo("ACCEPTED");
        String code = externalRef(first.referralId());
        Registration registration = centers.registration(code).orElseThrow();
        assertThat(registration.sessionId()).isEqualTo(session.id());
        assertThat(registration.status()).isEqualTo(RegistrationStatus.REGISTERED);
        assertThat(jdbc.sql("select channel from centers.registration where confirmation_code = ?")
                        .param(code)
                        .query(String.class)
                        .single())
                .isEqualTo("engagement");

        // the first session is full: a free seat a week later is preferred to its waitlist
        ClassReferralMade second = refer("Jose Ramirez", null, reference);
        assertThat(awaitOutcome(second.referralId(), "ACCEPTED")).isEqualTo("ACCEPTED");
        Registration next =
                centers.registration(externalRef(second.referralId())).orElseThrow();
        assertThat(next.sessionId()).isNotEqualTo(session.id());
        assertThat(next.status()).isEqualTo(RegistrationStatus.REGISTERED);

        // both are full: the next person referred is waitlisted on the first, which is still an accepted referral
        ClassReferralMade third = refer("Carmen Diaz", null, reference);
        assertThat(awaitOutcome(third.referralId(), "ACCEPTED")).isEqualTo("ACCEPTED");
        Registration waiting =
                centers.registration(externalRef(third.referralId())).orElseThrow();
        assertThat(waiting.sessionId()).isEqualTo(session.id());
        assertThat(waiting.status()).isEqualTo(RegistrationStatus.WAITLISTED);

        // she comes to the class: the referral is completed
        centers.checkIn(code, "center-staff");
        assertThat(awaitOutcome(first.referralId(), "COMPLETED")).isEqualTo("COMPLETED");

        // a class the centers do not have is answered with the reason, and nobody is registered
        long before = jdbc.sql("select count(*) from centers.registration")
                .query(Long.class)
                .single();
        ClassReferralMade unknown = refer("Ana Ruiz", null, "EAST-LA:UNDERWATER-BASKET-WEAVING");
        assertThat(awaitOutcome(unknown.referralId(), "UNABLE_TO_PLACE")).isEqualTo("UNABLE_TO_PLACE");
        assertThat(externalRef(unknown.referralId()))
                .contains("classReference")
                .contains("no upcoming session of 'underwater-basket-weaving' at east-la");
        assertThat(jdbc.sql("select count(*) from centers.registration where referral_id = ?")
                        .param(unknown.referralId())
                        .query(Long.class)
                        .single())
                .isZero();
        assertThat(jdbc.sql("select count(*) from centers.registration")
                        .query(Long.class)
                        .single())
                .isEqualTo(before);
    }

    @Test
    void aReferralBySessionNumberIsPlacedOnThatSession() throws Exception {
        ClassSession session = newSession("Referral Yoga " + System.nanoTime(), 10);
        ClassReferralMade made = refer("Lucia Hernandez", null, String.valueOf(session.id()));
        assertThat(awaitOutcome(made.referralId(), "ACCEPTED")).isEqualTo("ACCEPTED");
        assertThat(centers.registration(externalRef(made.referralId()))
                        .orElseThrow()
                        .sessionId())
                .isEqualTo(session.id());
        assertThat(centers.session(session.id()).orElseThrow().taken()).isEqualTo(1);
    }

    private ClassReferralMade refer(String name, String memberId, String reference) throws Exception {
        var request = post("/engagement/field/contacts")
                .with(STAFF)
                .with(csrf())
                .param("promoterId", String.valueOf(promoter()))
                .param("personName", name)
                .param("phone", "(323) 555-0142")
                .param("language", "es")
                .param("referralKind", "CENTER_CLASS")
                .param("referralTarget", reference);
        if (memberId != null) {
            request.param("memberId", memberId);
        }
        mvc.perform(request).andExpect(status().is3xxRedirection());
        ClassReferralMade made =
                events.stream(ClassReferralMade.class).reduce((a, b) -> b).orElseThrow();
        assertThat(made.personName()).isEqualTo(name);
        assertThat(made.memberId()).isEqualTo(memberId);
        return made;
    }

    private ClassSession newSession(String title, int capacity) {
        int center = jdbc.sql("select id from centers.center where code = 'east-la'")
                .query(Integer.class)
                .single();
        int program = jdbc.sql("select id from centers.program where code = 'cooking'")
                .query(Integer.class)
                .single();
        LocalDateTime start = LocalDate.now(java.time.ZoneId.of("America/Los_Angeles"))
                .plusDays(3)
                .atTime(18, 0);
        long series = scheduler.create(
                new SeriesScheduler.NewSeries(
                        center,
                        program,
                        title,
                        title,
                        "es",
                        "Rosa",
                        "Kitchen",
                        capacity,
                        "everyone",
                        start,
                        90,
                        "FREQ=WEEKLY;COUNT=2"),
                start.toLocalDate().plusDays(8));
        return queries.seriesSessions(series).getFirst();
    }

    private long promoter() {
        return jdbc.sql("select id from engagement.promoter where username = 'engagement-staff'")
                .query(Long.class)
                .single();
    }

    /** The loop runs after commit on other threads: wait (bounded) for the outcome to arrive. */
    private String awaitOutcome(long referral, String expected) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!outcome(referral).equals(expected) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        return outcome(referral);
    }

    private String externalRef(long referral) {
        return jdbc.sql("select external_ref from engagement.referral where id = ?")
                .param(referral)
                .query(String.class)
                .single();
    }

    @Test
    void otherReferralsPublishNothingAndAReferralNeedsAName() throws Exception {
        long before = events.stream(ClassReferralMade.class).count();
        mvc.perform(post("/engagement/field/contacts")
                        .with(STAFF)
                        .with(csrf())
                        .param("promoterId", "2")
                        .param("personName", "Ana Ruiz")
                        .param("referralKind", "ENROLLMENT_HELP")
                        .param("referralTarget", "Medi-Cal renewal"))
                .andExpect(status().is3xxRedirection());
        String rejected = mvc.perform(post("/engagement/field/contacts")
                        .with(STAFF)
                        .with(csrf())
                        .param("promoterId", "2")
                        .param("tally", "4")
                        .param("referralKind", "CENTER_CLASS")
                        .param("referralTarget", "POMONA:ZUMBA"))
                .andExpect(status().isUnprocessableContent())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(rejected)
                .contains(
                        "href=\"#c-referralKind\"",
                        "Referral: a referral needs the person&#39;s name",
                        "value=\"POMONA:ZUMBA\"");
        assertThat(events.stream(ClassReferralMade.class).count()).isEqualTo(before);
    }

    @Test
    void fieldEventIsGeocodedAndBadInputNamesEachField() throws Exception {
        String today = LocalDate.now(java.time.ZoneId.of("America/Los_Angeles")).toString();
        var bad = mvc.perform(post("/engagement/field/events")
                        .with(STAFF)
                        .with(csrf())
                        .param("promoterId", "3")
                        .param("eventType", "WORKSHOP")
                        .param("heldOn", "2999-01-01")
                        .param("zip", "10001")
                        .param("language", "es")
                        .param("topics", "astrology")
                        .param("members", "5")
                        .param("age0to17", "9"))
                .andExpect(status().isUnprocessableContent())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(bad)
                .contains(
                        "Date: Jan 1, 2999 is in the future",
                        "ZIP code: enter a ZIP code in Los Angeles County",
                        "Topics: &quot;astrology&quot; is not on the list",
                        "Age 0–17: the age bands add up to 9, but 5 people attended");
        var good = mvc.perform(post("/engagement/field/events")
                        .with(STAFF)
                        .with(csrf())
                        .param("promoterId", "3")
                        .param("eventType", "HEALTH_FAIR")
                        .param("heldOn", today)
                        .param("placeName", "Lynwood Park")
                        .param("zip", "90262")
                        .param("language", "es")
                        .param("topics", "diabetes", "nutrition")
                        .param("members", "30")
                        .param("nonMembers", "12")
                        .param("age0to17", "10")
                        .param("age18to64", "25")
                        .param("age65plus", "7"))
                .andExpect(status().is3xxRedirection())
                .andReturn();
        long id = Long.parseLong(good.getResponse().getRedirectedUrl().replaceAll(".*event=", ""));
        var row = jdbc.sql("select spa, latitude is not null, topics::text from engagement.outreach_event where id = ?")
                .param(id)
                .query((rs, n) -> new Object[] {rs.getInt(1), rs.getBoolean(2), rs.getString(3)})
                .single();
        assertThat(row[0]).isEqualTo(6);
        assertThat(row[1]).isEqualTo(true);
        assertThat(row[2]).isEqualTo("{diabetes,nutrition}");
    }

    @Test
    void aFieldEventWithEveryKindOfMistakeComesBackInSpanishWithEveryErrorAtOnceAndWhatWasTyped() throws Exception {
        long before = jdbc.sql("select count(*) from engagement.outreach_event")
                .query(Long.class)
                .single();
        String place = "P".repeat(10_000);
        String page = mvc.perform(post("/engagement/field/events")
                        .with(STAFF)
                        .with(csrf())
                        .param("lang", "es")
                        .param("promoterId", "")
                        .param("eventType", "WORKSHOP")
                        .param("heldOn", "2999-01-01")
                        .param("placeName", place)
                        .param("zip", "ABC")
                        .param("language", "es")
                        .param("members", "doce")
                        .param("materialsCount", "100001"))
                .andExpect(status().isUnprocessableContent())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(page)
                .contains(
                        "id=\"error-summary\"",
                        "Hay un problema",
                        "href=\"#promoterId\"",
                        "Promotor: escriba un valor",
                        "Fecha: 1 ene 2999 es una fecha futura",
                        "Lugar: use como máximo 200 caracteres",
                        "Código postal: escriba un código postal de 5 dígitos",
                        "Temas: elija al menos uno",
                        "Miembros del plan: escriba un número entero",
                        "Cantidad de materiales: escriba un número de como máximo 100",
                        "value=\"doce\"",
                        "value=\"" + place + "\"",
                        "value=\"2999-01-01\"")
                .doesNotContain("date: ", "ZIP: ", "members: ");
        assertThat(jdbc.sql("select count(*) from engagement.outreach_event")
                        .query(Long.class)
                        .single())
                .as("nothing saved")
                .isEqualTo(before);

        // the contact form: its own fields, named in words, what was typed kept, nothing saved
        long contacts = jdbc.sql("select count(*) from engagement.contact")
                .query(Long.class)
                .single();
        String contact = mvc.perform(post("/engagement/field/contacts")
                        .with(STAFF)
                        .with(csrf())
                        .param("lang", "es")
                        .param("promoterId", String.valueOf(promoter()))
                        .param("personName", "N".repeat(121))
                        .param("phone", "abc")
                        .param("tally", "-1")
                        .param("referralKind", "ASTROLOGY"))
                .andExpect(status().isUnprocessableContent())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(contact)
                .contains(
                        "href=\"#c-personName\"",
                        "Nombre de la persona: use como máximo 120 caracteres",
                        "href=\"#c-phone\"",
                        "Teléfono:",
                        "href=\"#c-tally\"",
                        "href=\"#c-referralKind\"",
                        "Referencia: elija una opción de la lista",
                        "href=\"#c-referralTarget\"",
                        "value=\"abc\"");
        assertThat(jdbc.sql("select count(*) from engagement.contact")
                        .query(Long.class)
                        .single())
                .isEqualTo(contacts);
    }

    private String outcome(long referral) {
        return jdbc.sql("select outcome from engagement.referral where id = ?")
                .param(referral)
                .query(String.class)
                .single();
    }
}
