package org.commonweal.centers.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.LocalDate;
import org.commonweal.IntegrationTest;
import org.commonweal.centers.Centers;
import org.commonweal.centers.NewParticipant;
import org.commonweal.centers.ParticipantKind;
import org.commonweal.centers.RegistrationChannel;
import org.commonweal.centers.RegistrationStatus;
import org.commonweal.centers.schedule.SessionQueries;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/** Staff create a class series from an RFC 5545 rule; its sessions appear, errors show on their field. */
@IntegrationTest
class CentersSeriesIntegrationTests {

    static final RequestPostProcessor STAFF = user("center-staff").roles("CENTER_STAFF");

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    SessionQueries queries;

    @Autowired
    Centers centers;

    private MockHttpServletRequestBuilder series(
            String path, String title, String rrule, String capacity, LocalDate first, LocalDate until) {
        return post(path)
                .with(STAFF)
                .with(csrf())
                .param("center", "lynwood")
                .param("program", "yoga")
                .param("titleEn", title)
                .param("titleEs", title + " es")
                .param("language", "es")
                .param("instructor", "Marta")
                .param("room", "Main room")
                .param("capacity", capacity)
                .param("eligibility", "adults")
                .param("start", first + "T09:30")
                .param("duration", "60")
                .param("rrule", rrule)
                .param("until", until.toString());
    }

    @Test
    void staffCreateASeriesAndItsSessionsAreGeneratedFromTheRule() throws Exception {
        LocalDate monday = LocalDate.now(java.time.ZoneId.of("America/Los_Angeles"))
                .plusDays(7)
                .with(java.time.DayOfWeek.MONDAY);
        String title = "Chair yoga " + System.nanoTime();
        String location = mvc.perform(series(
                        "/centers/staff/series",
                        title,
                        "FREQ=WEEKLY;BYDAY=MO,WE",
                        "12",
                        monday,
                        monday.plusWeeks(3).minusDays(1)))
                .andExpect(status().is3xxRedirection())
                .andReturn()
                .getResponse()
                .getRedirectedUrl();
        long id = Long.parseLong(location.substring(location.lastIndexOf('/') + 1));
        var sessions = queries.seriesSessions(id);
        assertThat(sessions).hasSize(6);
        assertThat(sessions).allSatisfy(s -> {
            assertThat(s.capacity()).isEqualTo(12);
            assertThat(s.room()).isEqualTo("Main room");
            assertThat(s.startsAt()
                            .atZone(java.time.ZoneId.of("America/Los_Angeles"))
                            .toLocalTime())
                    .hasToString("09:30");
        });
        String page = mvc.perform(get(location).with(STAFF))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(page).contains(title, "FREQ=WEEKLY;BYDAY=MO,WE", "id=\"series-sessions\"");
        assertThat(mvc.perform(get("/centers/staff/series")
                                .param("center", "lynwood")
                                .with(STAFF))
                        .andReturn()
                        .getResponse()
                        .getContentAsString())
                .contains(title);
        assertThat(mvc.perform(get("/centers/classes")
                                .param("center", "lynwood")
                                .param("from", monday.toString()))
                        .andReturn()
                        .getResponse()
                        .getContentAsString())
                .contains(title);
    }

    @Test
    void aBadRuleIsShownOnItsFieldAndNothingIsSaved() throws Exception {
        LocalDate day =
                LocalDate.now(java.time.ZoneId.of("America/Los_Angeles")).plusDays(3);
        long before = jdbc.sql("select count(*) from centers.class_series")
                .query(Long.class)
                .single();
        String html = mvc.perform(series(
                        "/centers/staff/series", "Bad rule", "FREQ=WEEKLY;BYDAY=XY", "abc", day, day.plusWeeks(2)))
                .andExpect(status().isUnprocessableContent())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(html)
                .contains(
                        "id=\"sf-rrule\"",
                        "is-invalid",
                        "id=\"sf-rrule-error\"",
                        "RRULE BYDAY &#39;XY&#39; is not a weekday",
                        "id=\"sf-capacity-error\"",
                        "&#39;abc&#39; is not a whole number");
        assertThat(jdbc.sql("select count(*) from centers.class_series")
                        .query(Long.class)
                        .single())
                .isEqualTo(before);
    }

    @Test
    void changingTheRuleReplacesEmptyFutureSessionsAndKeepsTheOnesWithRegistrations() throws Exception {
        LocalDate monday = LocalDate.now(java.time.ZoneId.of("America/Los_Angeles"))
                .plusDays(7)
                .with(java.time.DayOfWeek.MONDAY);
        String title = "Rule change " + System.nanoTime();
        String location = mvc.perform(series(
                        "/centers/staff/series", title, "FREQ=WEEKLY;BYDAY=MO", "1", monday, monday.plusWeeks(2)))
                .andReturn()
                .getResponse()
                .getRedirectedUrl();
        long id = Long.parseLong(location.substring(location.lastIndexOf('/') + 1));
        var first = queries.seriesSessions(id).getFirst();
        centers.register(first.id(), person("Ana"), RegistrationChannel.STAFF, "center-staff");
        var waiting = centers.register(first.id(), person("Luis"), RegistrationChannel.STAFF, "center-staff");
        assertThat(waiting.status()).isEqualTo(RegistrationStatus.WAITLISTED);

        // Mondays become Thursdays, two seats
        mvc.perform(series(location, title, "FREQ=WEEKLY;BYDAY=TH", "2", monday, monday.plusWeeks(2)))
                .andExpect(status().is3xxRedirection());
        var after = queries.seriesSessions(id);
        assertThat(after)
                .extracting(s -> s.startsAt()
                        .atZone(java.time.ZoneId.of("America/Los_Angeles"))
                        .getDayOfWeek()
                        .getValue())
                .containsExactly(1, 4, 4);
        assertThat(after.getFirst().id()).isEqualTo(first.id());
        assertThat(after).allSatisfy(s -> assertThat(s.capacity()).isEqualTo(2));
        // the seat the new capacity added went to the person waiting
        assertThat(centers.registration(waiting.confirmationCode())
                        .orElseThrow()
                        .status())
                .isEqualTo(RegistrationStatus.OFFERED);
        assertThat(jdbc.sql("select title_en from centers.class_series where id = ?")
                        .param(id)
                        .query(String.class)
                        .single())
                .isEqualTo(title);
    }

    private static NewParticipant person(String first) {
        return new NewParticipant(
                ParticipantKind.COMMUNITY, null, first, "Series", null, null, null, "es", false, null);
    }
}
