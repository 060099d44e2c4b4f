package org.commonweal.centers.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.LocalDate;
import java.time.LocalDateTime;
import org.commonweal.IntegrationTest;
import org.commonweal.centers.schedule.SeriesScheduler;
import org.commonweal.centers.schedule.SessionQueries;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

@IntegrationTest
class CentersWebIntegrationTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    SeriesScheduler scheduler;

    @Autowired
    SessionQueries queries;

    @Autowired
    JdbcClient jdbc;

    private long newSession(int capacity, int daysAhead) {
        int center = jdbc.sql("select id from centers.center where code = 'east-la'")
                .query(Integer.class)
                .single();
        int program = jdbc.sql("select id from centers.program where code = 'cooking'")
                .query(Integer.class)
                .single();
        LocalDateTime start = LocalDate.now(java.time.ZoneId.of("America/Los_Angeles"))
                .plusDays(daysAhead)
                .atTime(11, 0);
        long series = scheduler.create(
                new SeriesScheduler.NewSeries(
                        center,
                        program,
                        "Web cooking",
                        "Cocina web",
                        "es",
                        "Rosa",
                        "Kitchen",
                        capacity,
                        "everyone",
                        start,
                        90,
                        "FREQ=WEEKLY;COUNT=3"),
                start.toLocalDate().plusWeeks(3));
        return queries.seriesSessions(series).getFirst().id();
    }

    @Test
    void listsTheFourteenCentersPubliclyInSpanishToo() throws Exception {
        String en = mvc.perform(get("/centers"))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(en).contains("Pomona Community Resource Center", "Wilmington Community Resource Center");
        assertThat(jdbc.sql("select count(*) from centers.center")
                        .query(Integer.class)
                        .single())
                .isEqualTo(14);
        String es = mvc.perform(get("/centers").param("lang", "es"))
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(es).contains("Centros de Recursos Comunitarios", "Calendario de clases");
    }

    @Test
    void aResidentRegistersOnThePublicSiteAndGetsACodeThenTheNextOneIsWaitlisted() throws Exception {
        long session = newSession(1, 9);
        var first = mvc.perform(post("/centers/sessions/" + session + "/register")
                        .with(csrf())
                        .param("kind", "community")
                        .param("firstName", "Lucia")
                        .param("lastName", "Web")
                        .param("email", "lucia.web@example.org")
                        .param("language", "es"))
                .andExpect(status().is3xxRedirection())
                .andReturn()
                .getResponse()
                .getRedirectedUrl();
        assertThat(first).startsWith("/centers/registrations/");
        String page = mvc.perform(get(first).param("lang", "es"))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(page).contains("data-status=\"registered\"", "Está inscrito");

        var second = mvc.perform(post("/centers/sessions/" + session + "/register")
                        .with(csrf())
                        .param("kind", "bsp")
                        .param("firstName", "Omar")
                        .param("lastName", "Web"))
                .andReturn()
                .getResponse()
                .getRedirectedUrl();
        assertThat(mvc.perform(get(second)).andReturn().getResponse().getContentAsString())
                .contains("data-status=\"waitlisted\"");
    }

    @Test
    void theConfirmationShowsAQrCodeOfTheCodeOnlyWhichTheKioskAccepts() throws Exception {
        // a session that is on now, so the kiosk takes it today whatever the time of day
        int center = jdbc.sql("select id from centers.center where code = 'east-la'")
                .query(Integer.class)
                .single();
        int program = jdbc.sql("select id from centers.program where code = 'cooking'")
                .query(Integer.class)
                .single();
        LocalDateTime now = LocalDateTime.now(java.time.ZoneId.of("America/Los_Angeles"))
                .withSecond(0)
                .withNano(0);
        long series = scheduler.create(
                new SeriesScheduler.NewSeries(
                        center,
                        program,
                        "Qr cooking",
                        "Cocina qr",
                        "es",
                        "Rosa",
                        "Kitchen",
                        3,
                        "everyone",
                        now,
                        90,
                        "FREQ=DAILY;COUNT=1"),
                now.toLocalDate());
        long session = queries.seriesSessions(series).getFirst().id();
        String url = mvc.perform(post("/centers/sessions/" + session + "/register")
                        .with(csrf())
                        .param("kind", "community")
                        .param("firstName", "Rosa")
                        .param("lastName", "Qr")
                        .param("phone", "(213) 555-0100"))
                .andExpect(status().is3xxRedirection())
                .andReturn()
                .getResponse()
                .getRedirectedUrl();
        String code = url.substring(url.lastIndexOf('/') + 1);
        assertThat(mvc.perform(get(url)).andReturn().getResponse().getContentAsString())
                .contains("src=\"/centers/r/" + code + "/qr\"", "id=\"print-confirmation\"");
        var qr = mvc.perform(get("/centers/r/" + code + "/qr"))
                .andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith("image/svg+xml"))
                .andReturn()
                .getResponse();
        assertThat(QrCodeTests.decode(qr.getContentAsString())).isEqualTo(code);
        mvc.perform(get("/centers/r/NOSUCHCODE/qr")).andExpect(status().isNotFound());

        // a USB scanner types what the code holds, then Enter: the kiosk form takes it as typed
        var kiosk = user("center-staff").roles("CENTER_STAFF");
        mvc.perform(post("/centers/kiosk/east-la/checkin")
                        .with(kiosk)
                        .with(csrf())
                        .param(
                                "confirmation",
                                QrCodeTests.decode(qr.getContentAsString()).toLowerCase() + "\n"))
                .andExpect(status().is3xxRedirection());
        assertThat(jdbc.sql("select status from centers.registration where confirmation_code = ?")
                        .param(code)
                        .query(String.class)
                        .single())
                .isEqualTo("attended");
    }

    @Test
    void theCachedCalendarShowsASeatTakenRightAfterTheRegistration() throws Exception {
        long session = newSession(4, 11);
        LocalDate day =
                LocalDate.now(java.time.ZoneId.of("America/Los_Angeles")).plusDays(11);
        var calendar = get("/centers/classes").param("center", "east-la").param("from", day.toString());
        String before = mvc.perform(calendar).andReturn().getResponse().getContentAsString();
        assertThat(seatsShown(before, session)).isEqualTo("4 seats left");
        String again = mvc.perform(calendar).andReturn().getResponse().getContentAsString();
        assertThat(again.substring(again.indexOf("<div id=\"sessions\">")))
                .isEqualTo(before.substring(before.indexOf("<div id=\"sessions\">")));
        mvc.perform(post("/centers/sessions/" + session + "/register")
                        .with(csrf())
                        .param("kind", "community")
                        .param("firstName", "Ines")
                        .param("lastName", "Cache"))
                .andExpect(status().is3xxRedirection());
        String after = mvc.perform(calendar).andReturn().getResponse().getContentAsString();
        assertThat(seatsShown(after, session)).isEqualTo("3 seats left");
    }

    private static String seatsShown(String html, long session) {
        var m = java.util.regex.Pattern.compile(
                        "data-session=\"" + session + "\"[\\s\\S]*?<span class=\"badge[^\"]*\">([^<]+)</span>")
                .matcher(html);
        assertThat(m.find()).as("session %d on the calendar", session).isTrue();
        return m.group(1);
    }

    @Test
    void aBadRegistrationIsRefusedWithTheFieldNamed() throws Exception {
        long session = newSession(5, 10);
        String body = mvc.perform(post("/centers/sessions/" + session + "/register")
                        .with(csrf())
                        .param("kind", "community")
                        .param("firstName", "Ana")
                        .param("lastName", "BadZip")
                        .param("zip", "9001"))
                .andExpect(status().isUnprocessableContent())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(body)
                .contains("id=\"error-summary\"", "href=\"#zip\"", "ZIP code: enter a 5-digit ZIP code")
                .doesNotContain("zip: must be five digits");
    }

    private String memberLinked(String redirect) {
        String code = redirect.substring("/centers/registrations/".length());
        return jdbc.sql("""
                select p.member_id from centers.registration r join centers.participant p on p.id = r.participant_id
                where r.confirmation_code = ?""").param(code).query(String.class).optional().orElse(null);
    }

    @Test
    void aPublicRegistrationNeverTellsWhoIsAMemberOrBooked() throws Exception {
        long session = newSession(5, 12);
        // a member id typed by an anonymous visitor links nothing and looks nothing up: the same answer every time
        for (int i = 0; i < 2; i++) {
            var typed = mvc.perform(post("/centers/sessions/" + session + "/register")
                            .with(csrf())
                            .param("kind", "lacare")
                            .param("memberId", "DEMO-MEMBER-1")
                            .param("firstName", "Curious")
                            .param("lastName", "Visitor"))
                    .andExpect(status().is3xxRedirection())
                    .andReturn();
            assertThat(memberLinked(typed.getResponse().getRedirectedUrl())).isNull();
        }
        // CIN with the wrong birth date: registered, not linked, same answer
        var wrong = mvc.perform(post("/centers/sessions/" + session + "/register")
                        .with(csrf())
                        .param("kind", "lacare")
                        .param("cin", "91234567A")
                        .param("birthDate", "1990-01-01")
                        .param("firstName", "María")
                        .param("lastName", "Peña"))
                .andExpect(status().is3xxRedirection())
                .andReturn();
        assertThat(memberLinked(wrong.getResponse().getRedirectedUrl())).isNull();
        // CIN and birth date that coverage confirms: linked
        var right = mvc.perform(post("/centers/sessions/" + session + "/register")
                        .with(csrf())
                        .param("kind", "lacare")
                        .param("cin", "91234567A")
                        .param("birthDate", "1986-04-12")
                        .param("firstName", "María")
                        .param("lastName", "Peña"))
                .andExpect(status().is3xxRedirection())
                .andReturn();
        assertThat(memberLinked(right.getResponse().getRedirectedUrl())).isEqualTo("DEMO-MEMBER-1");
        // a member signed in is linked to their own membership, whatever id the form carries
        long other = newSession(5, 13);
        var signedIn = mvc.perform(post("/centers/sessions/" + other + "/register")
                        .with(csrf())
                        .with(user("member").roles("MEMBER"))
                        .param("kind", "lacare")
                        .param("memberId", "SOMEONE-ELSE")
                        .param("firstName", "María")
                        .param("lastName", "Peña"))
                .andExpect(status().is3xxRedirection())
                .andReturn();
        assertThat(memberLinked(signedIn.getResponse().getRedirectedUrl())).isEqualTo("DEMO-MEMBER-1");
    }

    @Test
    void aWalkInWithAMemberIdNobodyHasAndAZipOfLettersIsRefusedWithBothErrorsAndNothingSaved() throws Exception {
        var staff = user("center-staff").roles("CENTER_STAFF");
        int before = jdbc.sql("select count(*) from centers.visit")
                .query(Integer.class)
                .single();
        String body = mvc.perform(post("/centers/staff/visits")
                        .with(staff)
                        .with(csrf())
                        .param("centerCode", "wilmington")
                        .param("service", "pcp-change")
                        .param("plan", "lacare")
                        .param("memberId", "NOT-A-MEMBER")
                        .param("zip", "ABC")
                        .param("language", "es"))
                .andExpect(status().isUnprocessableContent())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(body)
                .contains(
                        "href=\"#v-memberId\"",
                        "L.A. Care member ID: no member has that id",
                        "href=\"#v-zip\"",
                        "ZIP code: enter a 5-digit ZIP code",
                        "value=\"NOT-A-MEMBER\"");
        assertThat(jdbc.sql("select count(*) from centers.visit")
                        .query(Integer.class)
                        .single())
                .isEqualTo(before);
    }

    @Test
    void aWellFormedZipOutsideTheCountyIsRefusedOnWalkInsAndRegistrationsByTheOneServiceAreaRule() throws Exception {
        var staff = user("center-staff").roles("CENTER_STAFF");
        int visits = jdbc.sql("select count(*) from centers.visit")
                .query(Integer.class)
                .single();
        String walkIn = mvc.perform(post("/centers/staff/visits")
                        .with(staff)
                        .with(csrf())
                        .param("centerCode", "wilmington")
                        .param("service", "pcp-change")
                        .param("plan", "community")
                        .param("zip", "10001")
                        .param("language", "es"))
                .andExpect(status().isUnprocessableContent())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(walkIn)
                .contains("href=\"#v-zip\"", "ZIP code: enter a ZIP code in Los Angeles County", "value=\"10001\"");
        assertThat(jdbc.sql("select count(*) from centers.visit")
                        .query(Integer.class)
                        .single())
                .isEqualTo(visits);

        long session = newSession(5, 14);
        String registration = mvc.perform(post("/centers/sessions/" + session + "/register")
                        .with(csrf())
                        .param("lang", "es")
                        .param("kind", "community")
                        .param("firstName", "Ana")
                        .param("lastName", "Nueva York")
                        .param("zip", "10001-1234"))
                .andExpect(status().isUnprocessableContent())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(registration)
                .contains("href=\"#zip\"", "Código postal: escriba un código postal del condado de Los Ángeles");
        assertThat(jdbc.sql("select taken + waitlisted from centers.class_session where id = ?")
                        .param(session)
                        .query(Integer.class)
                        .single())
                .isZero();
        // a ZIP of the county is taken
        var taken = mvc.perform(post("/centers/sessions/" + session + "/register")
                        .with(csrf())
                        .param("kind", "community")
                        .param("firstName", "Ana")
                        .param("lastName", "Boyle Heights")
                        .param("zip", "90033"))
                .andReturn();
        assertThat(taken.getResponse().getStatus())
                .as(taken.getResponse().getContentAsString())
                .isEqualTo(302);
    }

    @Test
    void theSamePersonRegisteringTwiceForOneClassTakesOneSeat() throws Exception {
        long session = newSession(5, 13);
        var register = post("/centers/sessions/" + session + "/register")
                .with(csrf())
                .param("kind", "community")
                .param("firstName", "Twice")
                .param("lastName", "Same")
                .param("phone", "(213) 555-0142");
        mvc.perform(register).andExpect(status().is3xxRedirection());
        String again = mvc.perform(post("/centers/sessions/" + session + "/register")
                        .with(csrf())
                        .param("kind", "community")
                        .param("firstName", "twice")
                        .param("lastName", "SAME")
                        .param("phone", "213-555-0142"))
                .andExpect(status().isUnprocessableContent())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(again).contains("You are already registered for this class");
        assertThat(jdbc.sql("select taken from centers.class_session where id = ?")
                        .param(session)
                        .query(Integer.class)
                        .single())
                .isEqualTo(1);
    }

    @Test
    void tenThousandCharacterNamesAreRefusedInTheVisitorsLanguageWithWhatWasTyped() throws Exception {
        long session = newSession(5, 13);
        String body = mvc.perform(post("/centers/sessions/" + session + "/register")
                        .with(csrf())
                        .param("lang", "es")
                        .param("kind", "community")
                        .param("firstName", "A".repeat(10_000))
                        .param("lastName", "")
                        .param("email", "foo@")
                        .param("zip", "ABC"))
                .andExpect(status().isUnprocessableContent())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(body)
                .contains(
                        "Hay un problema",
                        "Nombre: use como máximo 60 caracteres",
                        "Apellido: escriba un valor",
                        "Correo electrónico: escriba un correo",
                        "Código postal: escriba un código postal de 5 dígitos",
                        "value=\"foo@\"");
        assertThat(jdbc.sql("select taken + waitlisted from centers.class_session where id = ?")
                        .param(session)
                        .query(Integer.class)
                        .single())
                .isZero();
    }

    @Test
    void aClassThatHasTakenPlaceShowsNoSeatsAndNoForm() throws Exception {
        long session = newSession(5, 13);
        jdbc.sql("update centers.class_session set starts_at = now() - interval '2 days', "
                        + "ends_at = now() - interval '2 days' + interval '90 minutes' where id = ?")
                .param(session)
                .update();
        String page = mvc.perform(get("/centers/sessions/" + session))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(page).contains("id=\"session-closed\"").doesNotContain("id=\"register-form\"", "seats left");
    }

    @Test
    void aScreeningOutsideWhatCanBeMeasuredNamesTheFieldAndKeepsTheEntries() throws Exception {
        var staff = user("center-staff").roles("CENTER_STAFF");
        String body = mvc.perform(post("/centers/staff/screenings")
                        .with(staff)
                        .with(csrf())
                        .param("centerCode", "wilmington")
                        .param("plan", "community")
                        .param("systolic", "500")
                        .param("diastolic", "95")
                        .param("glucose", "abc")
                        .param("heightCm", "160")
                        .param("weightKg", "90"))
                .andExpect(status().isUnprocessableContent())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(body)
                .contains(
                        "Systolic blood pressure: enter a number of at most 300",
                        "Glucose (mg/dL): enter a whole number",
                        "value=\"500\"",
                        "value=\"95\"",
                        "value=\"160\"",
                        "value=\"abc\"");
    }

    @Test
    void theKioskLocksTheDeviceToItsPagesWithoutStaffNavigationUntilTheStaffPasswordIsGiven() throws Exception {
        var staff = user("center-staff").roles("CENTER_STAFF");
        // the session lives in the database (Spring Session): the device keeps it by its cookie
        var opened = mvc.perform(get("/centers/kiosk/east-la").with(staff))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse();
        var device = opened.getCookie("SESSION");
        assertThat(device).isNotNull();
        assertThat(opened.getContentAsString())
                .doesNotContain("id=\"area-nav\"", "id=\"sign-out\"", "id=\"account-link\"")
                .contains("id=\"kiosk-leave-form\"");
        // a visitor trying the staff pages, or any other page, is brought back to the kiosk
        mvc.perform(get("/centers/staff").with(staff).cookie(device))
                .andExpect(status().is3xxRedirection())
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl(
                        "/centers/kiosk/east-la"));
        mvc.perform(get("/").with(staff).cookie(device))
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl(
                        "/centers/kiosk/east-la"));
        mvc.perform(post("/centers/kiosk/east-la/leave")
                        .with(staff)
                        .with(csrf())
                        .cookie(device)
                        .param("password", "guess"))
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash()
                        .attribute("leaveRefused", true));
        mvc.perform(get("/centers/staff").with(staff).cookie(device)).andExpect(status().is3xxRedirection());
        mvc.perform(post("/centers/kiosk/east-la/leave")
                        .with(staff)
                        .with(csrf())
                        .cookie(device)
                        .param("password", demoPassword))
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl(
                        "/centers/staff?center=east-la"));
        mvc.perform(get("/centers/staff").with(staff).cookie(device)).andExpect(status().isOk());
        // another device (another session) was never locked
        mvc.perform(get("/centers/staff").with(staff)).andExpect(status().isOk());
    }

    @org.springframework.beans.factory.annotation.Value("${commonweal.demo.password}")
    String demoPassword;

    @Test
    void theCalendarFiltersByCenterCategoryAndDayAndTheFeedsAreICalendar() throws Exception {
        long session = newSession(5, 8);
        int weekday = LocalDate.now(java.time.ZoneId.of("America/Los_Angeles"))
                .plusDays(8)
                .getDayOfWeek()
                .getValue();
        String html = mvc.perform(get("/centers/classes")
                        .param("center", "east-la")
                        .param("category", "nutrition")
                        .param("day", String.valueOf(weekday)))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(html)
                .contains("data-session=\"" + session + "\"")
                .doesNotContain("Lynwood Community Resource Center</span>");
        String other = mvc.perform(get("/centers/classes").param("center", "lynwood"))
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(other).doesNotContain("data-session=\"" + session + "\"");

        long series = queries.session(session).orElseThrow().seriesId();
        String ics = mvc.perform(get("/centers/series/" + series + "/calendar.ics"))
                .andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith("text/calendar"))
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(ics)
                .startsWith("BEGIN:VCALENDAR\r\n")
                .contains("UID:session-" + session + "@", "SUMMARY:Web cooking")
                .endsWith("END:VCALENDAR\r\n");
        assertThat(ics.split("BEGIN:VEVENT", -1)).hasSize(4);
    }

    @Test
    void staffSeeTheRosterAndCheckSomeoneInWhichIsAudited() throws Exception {
        long session = newSession(3, 11);
        String member = "W" + System.nanoTime();
        var staff = user("center-staff").roles("CENTER_STAFF");
        // staff register a member by the id they checked (issue #17: a public form no longer links a typed id)
        String code = (String) mvc.perform(post("/centers/staff/sessions/" + session + "/register")
                        .with(staff)
                        .with(csrf())
                        .param("kind", "lacare")
                        .param("memberId", member)
                        .param("firstName", "Rita")
                        .param("lastName", "Roster"))
                .andReturn()
                .getFlashMap()
                .get("done");
        String roster = mvc.perform(get("/centers/staff/sessions/" + session).with(staff))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(roster).contains("Rita Roster", code);
        mvc.perform(post("/centers/staff/registrations/" + code + "/checkin")
                        .param("session", String.valueOf(session))
                        .with(staff)
                        .with(csrf()))
                .andExpect(status().is3xxRedirection());
        assertThat(jdbc.sql("select status from centers.registration where confirmation_code = ?")
                        .param(code)
                        .query(String.class)
                        .single())
                .isEqualTo("attended");
        assertThat(jdbc.sql(
                                "select count(*) from audit.audit_event where entity_type = 'center-registration' and member_id = ? and username = 'center-staff'")
                        .param(member)
                        .query(Integer.class)
                        .single())
                .isGreaterThanOrEqualTo(1);
    }

    @Test
    void theKioskChecksInOnlyTodaysRegistrationsAtItsCenter() throws Exception {
        long future = newSession(3, 12);
        String code = mvc.perform(post("/centers/sessions/" + future + "/register")
                        .with(csrf())
                        .param("kind", "community")
                        .param("firstName", "Kim")
                        .param("lastName", "Kiosk"))
                .andReturn()
                .getResponse()
                .getRedirectedUrl()
                .substring("/centers/registrations/".length());
        var staff = user("center-staff").roles("CENTER_STAFF");
        mvc.perform(post("/centers/kiosk/east-la/checkin")
                        .param("confirmation", code)
                        .with(staff)
                        .with(csrf()))
                .andExpect(status().is3xxRedirection());
        assertThat(jdbc.sql("select status from centers.registration where confirmation_code = ?")
                        .param(code)
                        .query(String.class)
                        .single())
                .isEqualTo("registered");
    }

    @Test
    void walkInsAndScreeningsAreLoggedAndFlaggedForStaffOnly() throws Exception {
        var staff = user("center-staff").roles("CENTER_STAFF");
        String member = "V" + System.nanoTime();
        // a walk-in links a real member (the member id is checked with coverage)
        String visitsOfDemoMember =
                "select count(*) from centers.visit where member_id = 'DEMO-MEMBER-1' and service = 'pcp-change'";
        int before = jdbc.sql(visitsOfDemoMember).query(Integer.class).single();
        mvc.perform(post("/centers/staff/visits")
                        .with(staff)
                        .with(csrf())
                        .param("centerCode", "wilmington")
                        .param("service", "pcp-change")
                        .param("plan", "lacare")
                        .param("memberId", "DEMO-MEMBER-1")
                        .param("language", "es"))
                .andExpect(status().is3xxRedirection());
        assertThat(jdbc.sql(visitsOfDemoMember).query(Integer.class).single()).isEqualTo(before + 1);
        mvc.perform(post("/centers/staff/screenings")
                        .with(staff)
                        .with(csrf())
                        .param("centerCode", "wilmington")
                        .param("memberId", member)
                        .param("plan", "lacare")
                        .param("systolic", "150")
                        .param("diastolic", "95")
                        .param("glucose", "130")
                        .param("fasting", "true")
                        .param("heightCm", "160")
                        .param("weightKg", "90"))
                .andExpect(status().is3xxRedirection());
        var flags = jdbc.sql(
                        "select array_to_string(flags, ',') || '|' || referral from centers.screening where member_id = ?")
                .param(member)
                .query(String.class)
                .single();
        assertThat(flags).isEqualTo("bp-stage-2,glucose-diabetes-range,bmi-obese|primary care follow-up");
        assertThat(jdbc.sql(
                                "select count(*) from audit.audit_event where entity_type = 'center-screening' and member_id = ?")
                        .param(member)
                        .query(Integer.class)
                        .single())
                .isEqualTo(1);
        mvc.perform(get("/centers/staff/screenings").with(user("analyst").roles("ANALYST")))
                .andExpect(status().isForbidden());
    }

    @Test
    void analystsGetSmallCountsSuppressedAndStaffSeeThem() throws Exception {
        String staffCsv = mvc.perform(get("/centers/reports.csv")
                        .param("by", "service")
                        .with(user("center-staff").roles("CENTER_STAFF")))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        String analystCsv = mvc.perform(get("/centers/reports.csv")
                        .param("by", "service")
                        .with(user("analyst").roles("ANALYST")))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(staffCsv).startsWith("service,lacare,bsp,community,total").doesNotContain("*");
        // every count from 1 to 10 in the staff file is a * in the analyst's; other counts are equal or masked as
        // complements (so that the small ones cannot be worked back from the totals)
        String[] s = staffCsv.split("\r?\n");
        String[] a = analystCsv.split("\r?\n");
        assertThat(a).hasSameSizeAs(s);
        boolean sawSmall = false;
        for (int i = 0; i < s.length; i++) {
            String[] sc = s[i].split(",", -1);
            String[] ac = a[i].split(",", -1);
            for (int j = 0; j < sc.length; j++) {
                if (sc[j].matches("\\d+") && Long.parseLong(sc[j]) >= 1 && Long.parseLong(sc[j]) <= 10) {
                    assertThat(ac[j]).isEqualTo("*");
                    sawSmall = true;
                } else if (sc[j].matches("\\d+")) {
                    assertThat(ac[j]).isIn(sc[j], "*");
                }
            }
        }
        assertThat(sawSmall).as("the demo data has small cells to suppress").isTrue();
        String page = mvc.perform(get("/centers/reports").with(user("analyst").roles("ANALYST")))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(page).contains("id=\"suppression-note\"", "visits-chart");
    }

    @Test
    void noMaskedVisitCountCanBeWorkedBackFromTheTotals() throws Exception {
        // the analyst's CSV, for every breakdown: each row total is the sum of its plans, the total row the sum of the
        // rows; an attacker who knows that must not be able to prove any masked count is from 1 to 10
        int tables = 0;
        int cells = 0;
        for (String by : org.commonweal.centers.report.CenterReports.DIMENSIONS.keySet()) {
            String csv = mvc.perform(get("/centers/reports.csv")
                            .param("by", by)
                            .with(user("analyst").roles("ANALYST")))
                    .andExpect(status().isOk())
                    .andReturn()
                    .getResponse()
                    .getContentAsString();
            var records = org.apache.commons.csv.CSVFormat.RFC4180
                    .parse(new java.io.StringReader(csv))
                    .getRecords();
            var attacker = new org.commonweal.platform.LinearAttacker().table();
            String[] plans = {"lacare", "bsp", "community"};
            java.util.Map<String, java.util.List<String>> columns = new java.util.HashMap<>();
            boolean sawTotal = false;
            for (var r : records.subList(1, records.size())) {
                if (r.size() < 5 || r.get(0).equals("center")) {
                    break;
                }
                String group = r.get(0).equals("total") ? "TOTAL" : "row:" + r.get(0);
                sawTotal |= group.equals("TOTAL");
                java.util.List<String> parts = new java.util.ArrayList<>();
                for (int j = 0; j < 3; j++) {
                    attacker.read(group + ":" + plans[j], r.get(j + 1));
                    parts.add(group + ":" + plans[j]);
                    if (!group.equals("TOTAL")) {
                        columns.computeIfAbsent(plans[j], k -> new java.util.ArrayList<>())
                                .add(group + ":" + plans[j]);
                    }
                }
                attacker.read(group + ":total", r.get(4));
                attacker.sum(group + ":total", parts);
                if (!group.equals("TOTAL")) {
                    columns.computeIfAbsent("total", k -> new java.util.ArrayList<>())
                            .add(group + ":total");
                }
            }
            assertThat(sawTotal).as("by=%s has a total row", by).isTrue();
            columns.forEach((column, parts) -> attacker.sum("TOTAL:" + column, parts));
            assertThat(attacker.breaches()).as("by=%s", by).isEmpty();
            tables += attacker.tables();
            cells += attacker.cells();
        }
        System.out.printf(
                "disclosure: centers reports.csv, %d tables, %d cells checked by the attacker%n", tables, cells);
    }

    @Test
    void aRowTotalNoLongerGivesBackTheMaskedPlanCount() throws Exception {
        // "fa: 22,35,*,63" gave 6 by subtraction: a row with one masked count may only give back a complement
        String csv = mvc.perform(get("/centers/reports.csv")
                        .param("by", "language")
                        .with(user("analyst").roles("ANALYST")))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        boolean sawMasked = false;
        for (String line : csv.split("\r?\n")) {
            String[] f = line.split(",", -1);
            if (f.length == 5 && !f[0].equals("language")) {
                long masked =
                        java.util.Arrays.stream(f, 1, 5).filter("*"::equals).count();
                if (masked == 1 && !f[4].equals("*")) {
                    // the one masked plan count is the total minus the others: it must be a complement (11 or more)
                    long shown = java.util.Arrays.stream(f, 1, 4)
                            .filter(v -> !v.equals("*"))
                            .mapToLong(Long::parseLong)
                            .sum();
                    assertThat(Long.parseLong(f[4]) - shown).as(line).isGreaterThanOrEqualTo(11);
                }
                sawMasked |= masked > 0;
            }
        }
        assertThat(sawMasked).as("the demo data has small cells by language").isTrue();
    }
}
