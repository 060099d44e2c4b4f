package org.commonweal.engagement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.LocalDate;
import java.util.List;
import org.commonweal.IntegrationTest;
import org.commonweal.engagement.committee.CommitteeDirectory;
import org.commonweal.engagement.committee.CommitteeDirectory.Committee;
import org.commonweal.engagement.committee.Motions;
import org.commonweal.engagement.committee.RecommendationStage;
import org.commonweal.engagement.promoter.CertificationPolicy.State;
import org.commonweal.engagement.promoter.PromoterRoster;
import org.commonweal.geography.Geography;
import org.commonweal.geography.Region;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

@IntegrationTest
class EngagementIntegrationTests {

    static final RequestPostProcessor STAFF = user("engagement-staff").roles("ENGAGEMENT_STAFF");

    @Autowired
    MockMvc mvc;

    @Autowired
    CommitteeDirectory directory;

    @Autowired
    Motions motions;

    @Autowired
    PromoterRoster promoters;

    @Autowired
    Geography geography;

    @Autowired
    JdbcClient jdbc;

    LocalDate today() {
        return directory.today();
    }

    @Test
    void elevenRegionalCommitteesTiedToTheRegionsAndTheEcac() {
        List<Committee> committees = directory.committees();
        assertThat(committees.stream().filter(c -> !c.ecac()).map(Committee::regionNumber))
                .containsExactlyInAnyOrderElementsOf(
                        geography.rcacRegions().stream().map(Region::number).toList());
        Committee ecac = directory.committee("ECAC").orElseThrow();
        assertThat(ecac.atLargeSeats()).isEqualTo(2);
        assertThat(directory.composition(ecac, today())).isEmpty();
        assertThat(directory.activeRoster(ecac.id(), today())).hasSize(13);
        for (Committee c : committees) {
            assertThat(directory.activeRoster(c.id(), today()).size()).isBetween(13, 35);
        }
        // the demo's RCAC 3 lost consumer seats: the check says so, and the page shows it
        Committee rcac3 = directory.committee("RCAC-3").orElseThrow();
        assertThat(directory.composition(rcac3, today()))
                .extracting(i -> i.code())
                .contains("no-consumer-majority");
    }

    @Test
    void committeePageShowsCompositionWarningAndRegionDemographics() throws Exception {
        String html = mvc.perform(get("/engagement/committees/RCAC-3").with(STAFF))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(html)
                .contains("not a majority")
                .contains("id=\"demographics\"")
                .contains("hispanic");
        long audited = jdbc.sql("select count(*) from audit.audit_event where entity_type = 'engagement-roster'"
                        + " and entity_id = 'RCAC-3'")
                .query(Long.class)
                .single();
        assertThat(audited).isPositive();
    }

    @Test
    void seatingSomeoneWhoIsNotAChairOnTheEcacWarnsUntilTheyAreRemoved() throws Exception {
        Committee ecac = directory.committee("ECAC").orElseThrow();
        String name = "Test Seat Holder " + java.util.UUID.randomUUID();
        mvc.perform(post("/engagement/committees/ECAC/members")
                        .with(STAFF)
                        .with(csrf())
                        .param("fullName", name)
                        .param("seat", "MEMBER")
                        .param("representsCommittee", "RCAC-4")
                        .param("consumer", "true")
                        .param("languages", "es", "en")
                        .param("termStart", today().toString()))
                .andExpect(status().is3xxRedirection());
        long id = directory.roster(ecac.id()).stream()
                .filter(m -> m.fullName().equals(name))
                .findFirst()
                .orElseThrow()
                .id();
        try {
            assertThat(directory.composition(ecac, today()))
                    .extracting(i -> i.code())
                    .containsExactly("not-a-chair");
        } finally {
            mvc.perform(post("/engagement/memberships/" + id + "/status")
                            .with(STAFF)
                            .with(csrf())
                            .param("status", "REMOVED")
                            .param("committee", "ECAC"))
                    .andExpect(status().is3xxRedirection());
        }
        assertThat(directory.composition(ecac, today())).isEmpty();
        // an at-large seat on a regional committee is refused with the reason
        mvc.perform(post("/engagement/committees/RCAC-1/members")
                        .with(STAFF)
                        .with(csrf())
                        .param("fullName", "X")
                        .param("seat", "AT_LARGE")
                        .param("termStart", today().toString()))
                .andExpect(status().isUnprocessableContent())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("only the ECAC has at-large seats")));
    }

    @Test
    void workExperienceHoursCertifyAPromoterAtTwoThousand() throws Exception {
        long id = jdbc.sql("""
                insert into engagement.promoter (full_name, languages, spa, supervisor, start_date)
                values ('Test Promoter', '{es,en}', 7, 'Rosa Martínez', current_date - 700) returning id""").query(Long.class).single();
        java.time.YearMonth month = java.time.YearMonth.from(today()).minusMonths(20);
        for (int i = 0; i < 5; i++) {
            assertThat(promoters.find(id, today()).orElseThrow().promoter().certifiedOn())
                    .isNull();
            mvc.perform(post("/engagement/promoters/" + id + "/hours")
                            .with(STAFF)
                            .with(csrf())
                            .param("month", month.plusMonths(i).toString())
                            .param("hours", "400"))
                    .andExpect(status().is3xxRedirection());
        }
        var promoter = promoters.find(id, today()).orElseThrow();
        assertThat(promoter.promoter().pathway()).isEqualTo("WORK_EXPERIENCE");
        assertThat(promoter.promoter().certifiedOn())
                .isEqualTo(month.plusMonths(4).atDay(1));
    }

    @Test
    void aRecommendationTravelsToTheBoardAndIsFlaggedWhenTheResponseIsLate() throws Exception {
        var result = mvc.perform(post("/engagement/committees/RCAC-2/motions")
                        .with(STAFF)
                        .with(csrf())
                        .param("title", "Bus passes for members attending meetings")
                        .param("body", "Recommend bus passes.")
                        .param("topic", "transportation"))
                .andExpect(status().is3xxRedirection())
                .andReturn();
        long id = Long.parseLong(result.getResponse().getRedirectedUrl().replaceAll(".*/", ""));
        String day = today().toString();
        // a tied vote cannot adopt it
        mvc.perform(post("/engagement/motions/" + id + "/steps")
                .with(STAFF)
                .with(csrf())
                .param("stage", "ADOPTED")
                .param("on", day)
                .param("yes", "8")
                .param("no", "8"));
        assertThat(motions.find(id, today()).orElseThrow().motion().stage()).isEqualTo(RecommendationStage.PROPOSED);
        // no more votes than members seated (no meeting is named, so all seated members could vote)
        int seated = directory
                .activeRoster(directory.committee("RCAC-2").orElseThrow().id(), today())
                .size();
        step(id, "ADOPTED", day, "yes", String.valueOf(seated - 4), "no", "3", "abstain", "1");
        // an RCAC's recommendation cannot skip the ECAC: the form comes back with the reason
        mvc.perform(post("/engagement/motions/" + id + "/steps")
                        .with(STAFF)
                        .with(csrf())
                        .param("stage", "PLACED_ON_BOARD_AGENDA")
                        .param("on", day))
                .andExpect(status().isUnprocessableContent())
                .andExpect(content()
                        .string(org.hamcrest.Matchers.containsString(
                                "That step cannot be recorded: cannot go from ADOPTED")));
        assertThat(motions.find(id, today()).orElseThrow().motion().stage()).isEqualTo(RecommendationStage.ADOPTED);
        step(id, "FORWARDED_TO_ECAC", day);
        step(id, "PLACED_ON_BOARD_AGENDA", day);
        var tracked = motions.find(id, today()).orElseThrow();
        assertThat(tracked.motion().stage()).isEqualTo(RecommendationStage.PLACED_ON_BOARD_AGENDA);
        assertThat(tracked.steps()).allMatch(s -> s.by() != null);
        assertThat(tracked.steps().getLast().by()).isEqualTo("engagement-staff");
        assertThat(tracked.overdue()).isFalse();
        assertThat(motions.find(id, today().plusDays(91)).orElseThrow().overdue())
                .isTrue();
        step(id, "BOARD_RESPONDED", day, "response", "Staff will pilot bus passes in two regions.");
        step(id, "CLOSED", day);
        assertThat(motions.find(id, today().plusDays(200)).orElseThrow().overdue())
                .isFalse();
        assertThat(motions.find(id, today()).orElseThrow().motion().stage()).isEqualTo(RecommendationStage.CLOSED);
        // the demo year has some late Board responses, listed as overdue
        mvc.perform(get("/engagement/motions").param("overdue", "true").with(STAFF))
                .andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("overdue")));
    }

    private void step(long id, String stage, String day, String... params) throws Exception {
        var request = post("/engagement/motions/" + id + "/steps")
                .with(STAFF)
                .with(csrf())
                .param("stage", stage)
                .param("on", day);
        for (int i = 0; i < params.length; i += 2) {
            request.param(params[i], params[i + 1]);
        }
        mvc.perform(request).andExpect(status().is3xxRedirection());
    }

    private long newMotion(String committee) throws Exception {
        var result = mvc.perform(post("/engagement/committees/" + committee + "/motions")
                        .with(STAFF)
                        .with(csrf())
                        .param("title", "Evening office hours")
                        .param("body", "Recommend evening hours.")
                        .param("topic", "member-services"))
                .andExpect(status().is3xxRedirection())
                .andReturn();
        return Long.parseLong(result.getResponse().getRedirectedUrl().replaceAll(".*/", ""));
    }

    @Test
    void moreVotesThanMembersAreRefusedNamingTheCounts() throws Exception {
        long id = newMotion("RCAC-3");
        int seated = directory
                .activeRoster(directory.committee("RCAC-3").orElseThrow().id(), today())
                .size();
        String page = mvc.perform(post("/engagement/motions/" + id + "/steps")
                        .with(STAFF)
                        .with(csrf())
                        .param("stage", "ADOPTED")
                        .param("on", today().toString())
                        .param("yes", "40")
                        .param("no", "0"))
                .andExpect(status().isUnprocessableContent())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(page)
                .contains(
                        "id=\"error-summary\"",
                        "href=\"#s-yes\"",
                        "Votes: 40 were cast but only " + seated + " members could vote",
                        "value=\"40\"");
        assertThat(motions.find(id, today()).orElseThrow().motion().stage()).isEqualTo(RecommendationStage.PROPOSED);
    }

    @Test
    void twelveInWordsAndADateAheadComeBackAsErrorsOnTheFormNotAnErrorPage() throws Exception {
        long id = newMotion("RCAC-3");
        String page = mvc.perform(post("/engagement/motions/" + id + "/steps")
                        .with(STAFF)
                        .with(csrf())
                        .param("lang", "es")
                        .param("stage", "ADOPTED")
                        .param("on", today().plusDays(14).toString())
                        .param("yes", "twelve")
                        .param("no", "-1"))
                .andExpect(status().isUnprocessableContent())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(page)
                .contains(
                        "Hay un problema",
                        "Votos a favor: escriba un número entero en cifras",
                        "Votos en contra: escriba un número de al menos 0",
                        "value=\"twelve\"",
                        "value=\"" + today().plusDays(14) + "\"");
        // the date alone: a Board decision cannot be dated ahead
        String ahead = mvc.perform(post("/engagement/motions/" + id + "/steps")
                        .with(STAFF)
                        .with(csrf())
                        .param("stage", "ADOPTED")
                        .param("on", today().plusDays(14).toString())
                        .param("yes", "5")
                        .param("no", "1"))
                .andExpect(status().isUnprocessableContent())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(ahead).contains("Date: enter today or a date in the past");
        assertThat(motions.find(id, today()).orElseThrow().motion().stage()).isEqualTo(RecommendationStage.PROPOSED);
    }

    @Test
    void aMeetingIn2019AndAPlaceOfTenThousandCharactersAreRefusedAndNothingIsScheduled() throws Exception {
        int before = jdbc.sql("select count(*) from engagement.meeting")
                .query(Integer.class)
                .single();
        String page = mvc.perform(post("/engagement/committees/RCAC-5/meetings")
                        .with(STAFF)
                        .with(csrf())
                        .param("startsAt", "2019-03-01T18:00")
                        .param("place", "P".repeat(10_000)))
                .andExpect(status().isUnprocessableContent())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(page)
                .contains(
                        "Date and time of the meeting: enter a date between",
                        "Place: use at most 200 characters",
                        "href=\"#mt-startsAt\"",
                        "href=\"#mt-place\"");
        assertThat(jdbc.sql("select count(*) from engagement.meeting")
                        .query(Integer.class)
                        .single())
                .isEqualTo(before);
    }

    @Test
    void attendanceIsNotTakenBeforeTheMeetingAndABadMileageKeepsEveryChoice() throws Exception {
        Committee rcac6 = directory.committee("RCAC-6").orElseThrow();
        long future = Long.parseLong(mvc.perform(post("/engagement/committees/RCAC-6/meetings")
                        .with(STAFF)
                        .with(csrf())
                        .param("startsAt", today().plusDays(3).atTime(18, 0).toString())
                        .param("place", "Online"))
                .andExpect(status().is3xxRedirection())
                .andReturn()
                .getResponse()
                .getRedirectedUrl()
                .replaceAll(".*/", ""));
        var seated = directory.activeRoster(rcac6.id(), today().plusDays(3));
        mvc.perform(post("/engagement/meetings/" + future + "/attendance")
                        .with(STAFF)
                        .with(csrf())
                        .param("mode-" + seated.get(0).id(), "IN_PERSON"))
                .andExpect(status().isUnprocessableContent())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("this meeting has not happened yet")));
        assertThat(jdbc.sql("select count(*) from engagement.attendance where meeting_id = ?")
                        .param(future)
                        .query(Integer.class)
                        .single())
                .isZero();

        long held = Long.parseLong(mvc.perform(post("/engagement/committees/RCAC-6/meetings")
                        .with(STAFF)
                        .with(csrf())
                        .param("startsAt", today().minusDays(2).atTime(18, 0).toString())
                        .param("place", "Online"))
                .andExpect(status().is3xxRedirection())
                .andReturn()
                .getResponse()
                .getRedirectedUrl()
                .replaceAll(".*/", ""));
        var present = directory.activeRoster(rcac6.id(), today().minusDays(2));
        var request =
                post("/engagement/meetings/" + held + "/attendance").with(STAFF).with(csrf());
        for (int i = 0; i < present.size(); i++) {
            request.param("mode-" + present.get(i).id(), i % 2 == 0 ? "IN_PERSON" : "REMOTE")
                    .param("miles-" + present.get(i).id(), i == 0 ? "ten" : "3");
        }
        String page = mvc.perform(request)
                .andExpect(status().isUnprocessableContent())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(page)
                .contains(
                        present.get(0).fullName() + ": enter the miles driven as a number from 0 to 500",
                        "href=\"#miles-" + present.get(0).id() + "\"",
                        "value=\"ten\"");
        // every choice is still selected
        assertThat(page.split("value=\"IN_PERSON\" selected", -1).length - 1).isEqualTo((present.size() + 1) / 2);
        assertThat(page.split("value=\"REMOTE\" selected", -1).length - 1).isEqualTo(present.size() / 2);
        assertThat(jdbc.sql("select count(*) from engagement.attendance where meeting_id = ?")
                        .param(held)
                        .query(Integer.class)
                        .single())
                .isZero();
    }

    @Test
    void attendanceGivesQuorumAndStipendsForFinance() throws Exception {
        Committee rcac5 = directory.committee("RCAC-5").orElseThrow();
        // a meeting of its own, so the test does not depend on a fresh database
        var scheduled = mvc.perform(post("/engagement/committees/RCAC-5/meetings")
                        .with(STAFF)
                        .with(csrf())
                        .param("startsAt", today().minusDays(1).atTime(18, 0).toString())
                        .param("place", "Pomona Community Resource Center")
                        .param("interpretation", "es", "cmn")
                        .param("agenda", "1. Roll call")
                        .param("agendaPostedOn", today().minusDays(8).toString()))
                .andExpect(status().is3xxRedirection())
                .andReturn();
        long meetingId =
                Long.parseLong(scheduled.getResponse().getRedirectedUrl().replaceAll(".*/", ""));
        var meeting = directory.meeting(meetingId).orElseThrow();
        assertThat(meeting.day()).isEqualTo(today().minusDays(1));
        assertThat(meeting.interpretationLanguages()).containsExactly("es", "cmn");
        var seated = directory.activeRoster(rcac5.id(), meeting.day());
        int half = seated.size() / 2;
        var request = post("/engagement/meetings/" + meeting.id() + "/attendance")
                .with(STAFF)
                .with(csrf());
        for (int i = 0; i < half; i++) {
            request.param("mode-" + seated.get(i).id(), i == 0 ? "REMOTE" : "IN_PERSON")
                    .param("miles-" + seated.get(i).id(), "10");
        }
        request.param("mode-" + seated.get(half).id(), "EXCUSED");
        mvc.perform(request).andExpect(status().is3xxRedirection());
        var reloaded = directory.meeting(meeting.id()).orElseThrow();
        assertThat(directory.quorum(rcac5, reloaded).met()).isFalse();
        mvc.perform(post("/engagement/meetings/" + meeting.id() + "/attendance")
                        .with(STAFF)
                        .with(csrf())
                        .param("mode-" + seated.get(half).id(), "IN_PERSON")
                        .param("mode-" + seated.get(half + 1).id(), "EXCUSED"))
                .andExpect(status().is3xxRedirection());
        assertThat(directory.quorum(rcac5, reloaded).met()).isTrue();
        String page = mvc.perform(get("/engagement/meetings/" + meeting.id()).with(STAFF))
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(page).contains("quorum met: Yes");

        String csv = mvc.perform(get("/engagement/stipends.csv")
                        .param("committee", "RCAC-5")
                        .param("status", "PENDING")
                        .with(STAFF))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        String remote = seated.get(0).fullName();
        String inPerson = seated.get(1).fullName();
        assertThat(csv.lines()
                        .filter(l -> l.contains("," + meetingId + "," + reloaded.day() + ",") && l.contains(remote)))
                .singleElement()
                .satisfies(l -> assertThat(l).contains(",50.00,0.0,0.00,50.00,PENDING"));
        assertThat(csv.lines()
                        .filter(l -> l.contains("," + meetingId + "," + reloaded.day() + ",") && l.contains(inPerson)))
                .singleElement()
                .satisfies(l -> assertThat(l).contains(",50.00,10.0,7.00,57.00,PENDING"));
        // an excused member earns nothing
        String excused = seated.get(half + 1).fullName();
        assertThat(csv.lines()
                        .filter(l -> l.contains("," + meetingId + "," + reloaded.day() + ",") && l.contains(excused)))
                .isEmpty();
    }

    @Test
    void certificationAlertsListExpiringAndExpiredPromoters() throws Exception {
        var all = promoters.all(today());
        assertThat(all).hasSizeGreaterThanOrEqualTo(40);
        var alerts = promoters.alerts(today());
        assertThat(alerts)
                .isNotEmpty()
                .allMatch(p -> p.certification().state() == State.EXPIRING
                        || p.certification().state() == State.EXPIRED);
        assertThat(all).anyMatch(p -> p.certification().state() == State.CURRENT);
        String page = mvc.perform(get("/engagement/promoters").with(STAFF))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(page).contains(alerts.size() + " promoters need attention");
    }

    @Test
    void publicPagesInEnglishAndSpanishWithoutLogin() throws Exception {
        mvc.perform(get("/committees"))
                .andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("Community Advisory Committees")));
        mvc.perform(get("/committees").param("lang", "es"))
                .andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("Comités Asesores Comunitarios")));
        String page =
                mvc.perform(get("/committees/RCAC-1")).andReturn().getResponse().getContentAsString();
        assertThat(page).contains("id=\"minutes\"").contains("/committees/meetings/");
        // a meeting whose agenda is not yet posted is not public
        long unposted = jdbc.sql("select id from engagement.meeting where agenda_posted_on is null limit 1")
                .query(Long.class)
                .single();
        mvc.perform(get("/committees/meetings/" + unposted)).andExpect(status().isNotFound());
        // staff pages need a login
        mvc.perform(get("/engagement")).andExpect(status().is3xxRedirection());
    }

    @Test
    void outreachReportsAndCsv() throws Exception {
        String page = mvc.perform(get("/engagement/outreach").with(STAFF))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(page).contains("cw-chart").contains("reach-topic").contains("referral-completion");
        String csv = mvc.perform(
                        get("/engagement/outreach.csv").param("report", "topic").with(STAFF))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(csv.lines().findFirst()).contains("topic,events,reached");
        assertThat(csv.lines().count()).isGreaterThan(10);
        mvc.perform(get("/engagement/outreach.csv").param("report", "nonsense").with(STAFF))
                .andExpect(status().isUnprocessableContent());
    }

    /** The charts' labels are the words of the tables beside them, in the page's language: no slug, code or ISO month. */
    @Test
    void outreachChartLabelsAreWordsInThePagesLanguage() throws Exception {
        String page = mvc.perform(get("/engagement/outreach")
                        .param("from", "2000-01-01")
                        .locale(java.util.Locale.forLanguageTag("es"))
                        .with(STAFF))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
        var charts = java.util.regex.Pattern.compile("<canvas[^>]*data-labels=\"([^\"]*)\"[^>]*data-type=\"|"
                        + "<canvas[^>]*data-type=\"[^\"]*\"[^>]*data-labels=\"([^\"]*)\"")
                .matcher(page)
                .results()
                .map(m -> m.group(1) != null ? m.group(1) : m.group(2))
                .toList();
        assertThat(charts).hasSize(5);
        java.util.List<String> labels = charts.stream()
                .flatMap(c -> java.util.Arrays.stream(c.split("\\|")))
                .filter(l -> !l.isEmpty())
                .toList();
        assertThat(labels).isNotEmpty();
        assertThat(labels)
                .noneMatch(l -> l.matches("\\d{4}-\\d{2}")) // months in words
                .noneMatch(l -> l.matches("[A-Z][A-Z_]+")) // outreach types by name
                .noneMatch(l -> l.matches("[a-z]+(-[a-z]+)+")) // topic slugs
                .noneMatch(l -> l.matches("[a-z]{2,3}")); // language codes
        assertThat(labels).contains("Español");
        // the table beside each chart shows the same words
        for (String label : labels) {
            assertThat(page).contains(">" + label + "</td>");
        }
    }
}
