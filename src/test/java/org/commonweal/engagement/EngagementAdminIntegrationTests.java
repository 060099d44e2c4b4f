package org.commonweal.engagement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.commonweal.IntegrationTest;
import org.commonweal.engagement.committee.CommitteeDirectory;
import org.commonweal.engagement.committee.MeetingDocuments;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/** Staff administration of the promoter roster and committee documents; analysts' view of the reports. */
@IntegrationTest
class EngagementAdminIntegrationTests {

    static final RequestPostProcessor STAFF = user("engagement-staff").roles("ENGAGEMENT_STAFF");
    static final RequestPostProcessor ANALYST = user("analyst").roles("ANALYST");

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MeetingDocuments documents;

    @Autowired
    CommitteeDirectory directory;

    LocalDate today() {
        return directory.today();
    }

    @Test
    void staffAddAndEditAPromoterWithEveryProblemShownBesideItsField() throws Exception {
        long before = promoters();
        String page = mvc.perform(post("/engagement/promoters")
                        .with(STAFF)
                        .with(csrf())
                        .param("fullName", " ")
                        .param("spa", "12")
                        .param("supervisor", "Rosa Martínez")
                        .param("status", "RETIRED")
                        .param("startDate", today().plusYears(1).toString())
                        .param("username", "engagement-staff")
                        .param("memberId", "x"))
                .andExpect(status().isUnprocessableContent())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(page)
                .contains(
                        "id=\"p-name-error\"",
                        "id=\"p-spa-error\"",
                        "id=\"p-status-error\"",
                        "id=\"p-start-error\"",
                        "id=\"p-username-error\"",
                        "id=\"p-member-error\"",
                        "id=\"p-languages-error\"",
                        "Choose a service planning area (1 to 8).",
                        "This login is already linked to another promoter.",
                        "value=\"Rosa Martínez\"")
                .doesNotContain("id=\"p-supervisor-error\"");
        assertThat(promoters()).as("nothing saved").isEqualTo(before);

        // #18: every error at once in the summary, each field named in words, in the page's language
        String huge = "N".repeat(10_000);
        String named = mvc.perform(post("/engagement/promoters")
                        .with(STAFF)
                        .with(csrf())
                        .param("lang", "es")
                        .param("fullName", huge)
                        .param("spa", "twelve")
                        .param("supervisor", "Rosa Martínez")
                        .param("status", "ACTIVE")
                        .param("startDate", today().toString())
                        .param("languages", "es"))
                .andExpect(status().isUnprocessableContent())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(named)
                .contains(
                        "id=\"error-summary\"",
                        "Hay un problema",
                        "href=\"#p-fullName\"",
                        "href=\"#p-spa\"",
                        "Nombre completo: use como máximo 120 caracteres",
                        "Región (SPA): escriba un número entero",
                        "value=\"" + huge + "\"",
                        "value=\"Rosa Martínez\"");
        assertThat(page)
                .contains(
                        "id=\"error-summary\"",
                        "href=\"#p-fullName\"",
                        "Full name: Required.",
                        "Region (SPA): Choose a service planning area (1 to 8).");
        assertThat(promoters()).as("nothing saved").isEqualTo(before);

        String location = mvc.perform(post("/engagement/promoters")
                        .with(STAFF)
                        .with(csrf())
                        .param("fullName", "Marisol Test Ochoa")
                        .param("spa", "6")
                        .param("supervisor", "Rosa Martínez")
                        .param("status", "ACTIVE")
                        .param("startDate", today().minusDays(3).toString())
                        .param("languages", "es", "en"))
                .andExpect(status().is3xxRedirection())
                .andReturn()
                .getResponse()
                .getRedirectedUrl();
        long id = Long.parseLong(location.replaceAll("\\D", ""));
        assertThat(jdbc.sql("select spa, status, languages::text from engagement.promoter where id = ?")
                        .param(id)
                        .query((rs, n) -> rs.getInt(1) + " " + rs.getString(2) + " " + rs.getString(3))
                        .single())
                .isEqualTo("6 ACTIVE {es,en}");

        assertThat(mvc.perform(get("/engagement/promoters/" + id + "/edit").with(STAFF))
                        .andExpect(status().isOk())
                        .andReturn()
                        .getResponse()
                        .getContentAsString())
                .contains("value=\"Marisol Test Ochoa\"");
        mvc.perform(post("/engagement/promoters/" + id)
                        .with(STAFF)
                        .with(csrf())
                        .param("fullName", "Marisol Test Ochoa")
                        .param("spa", "7")
                        .param("supervisor", "Ana Lee")
                        .param("status", "ON_LEAVE")
                        .param("startDate", today().minusDays(3).toString())
                        .param("languages", "es"))
                .andExpect(status().is3xxRedirection());
        assertThat(jdbc.sql("select spa || ' ' || status || ' ' || supervisor from engagement.promoter where id = ?")
                        .param(id)
                        .query(String.class)
                        .single())
                .isEqualTo("7 ON_LEAVE Ana Lee");
        assertThat(jdbc.sql("""
                select string_agg(action || ':' || detail, '|' order by id) from audit.audit_event
                where entity_type = 'engagement-promoter' and entity_id = ?""").param(String.valueOf(id)).query(String.class).single())
                .contains("CREATE:promoter added", "UPDATE:changed languages, SPA, " + "supervisor, status");
        assertThat(mvc.perform(get("/engagement/promoters/new")
                                .param("lang", "es")
                                .with(STAFF))
                        .andReturn()
                        .getResponse()
                        .getContentAsString())
                .contains("Nuevo promotor", "Región (SPA)");
    }

    @Test
    void courseCompletionsAndHoursShowTheirProblemsBesideTheFields() throws Exception {
        long id = jdbc.sql("select min(id) from engagement.promoter")
                .query(Long.class)
                .single();
        String page = mvc.perform(post("/engagement/promoters/" + id + "/completions")
                        .with(STAFF)
                        .with(csrf())
                        .param("courseId", "999999")
                        .param("on", today().plusDays(2).toString()))
                .andExpect(status().isUnprocessableContent())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(page).contains("id=\"cc-course-error\"", "id=\"cc-on-error\"", "The date is in the future.");
        page = mvc.perform(post("/engagement/promoters/" + id + "/hours")
                        .with(STAFF)
                        .with(csrf())
                        .param("month", today().toString().substring(0, 7))
                        .param("hours", "lots"))
                .andExpect(status().isUnprocessableContent())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(page).contains("id=\"wh-hours-error\"", "A number of hours").doesNotContain("id=\"wh-month-error\"");
        long course = jdbc.sql("select min(id) from engagement.course")
                .query(Long.class)
                .single();
        mvc.perform(post("/engagement/promoters/" + id + "/completions")
                        .with(STAFF)
                        .with(csrf())
                        .param("courseId", String.valueOf(course))
                        .param("on", today().toString()))
                .andExpect(status().is3xxRedirection())
                .andExpect(flash().attribute("saved", true));
        assertThat(jdbc.sql("select count(*) from engagement.course_completion where promoter_id = ? and course_id = ? "
                                + "and completed_on = ?")
                        .params(id, course, today())
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
    }

    @Test
    void documentsAreCheckedStoredWithAChecksumAndShownPubliclyOnlyOncePublished() throws Exception {
        long meeting = jdbc.sql("select min(id) from engagement.meeting where agenda_posted_on <= current_date")
                .query(Long.class)
                .single();
        byte[] pdf = ("%PDF-1.4\n% agenda " + System.nanoTime() + "\n%%EOF\n").getBytes(StandardCharsets.US_ASCII);
        var flash = mvc.perform(multipart("/engagement/meetings/" + meeting + "/documents")
                        .file(new MockMultipartFile("file", "../../agenda packet.pdf", "application/pdf", pdf))
                        .param("kind", "AGENDA")
                        .param("title", "Agenda packet (revised)")
                        .with(STAFF)
                        .with(csrf()))
                .andExpect(status().is3xxRedirection())
                .andReturn()
                .getFlashMap();
        var doc = documents.find((Long) flash.get("uploadedId")).orElseThrow();
        assertThat(flash.get("uploadedSha256")).isEqualTo(doc.sha256());
        assertThat(doc.sha256())
                .isEqualTo(HexFormat.of()
                        .formatHex(MessageDigest.getInstance("SHA-256").digest(pdf)));
        assertThat(doc.fileName()).isEqualTo("agenda packet.pdf");
        assertThat(doc.published()).isFalse();
        String publicPage = "/committees/meetings/" + meeting;
        assertThat(body(get(publicPage))).doesNotContain("/committees/documents/" + doc.id());
        mvc.perform(get("/committees/documents/" + doc.id())).andExpect(status().isNotFound());

        mvc.perform(post("/engagement/documents/" + doc.id() + "/publish")
                        .param("published", "true")
                        .with(STAFF)
                        .with(csrf()))
                .andExpect(status().is3xxRedirection());
        assertThat(body(get(publicPage))).contains("/committees/documents/" + doc.id(), "Agenda packet (revised)");
        mvc.perform(get("/committees/documents/" + doc.id()))
                .andExpect(status().isOk())
                .andExpect(header().string("Content-Disposition", org.hamcrest.Matchers.startsWith("attachment")))
                .andExpect(header().string("X-Content-Type-Options", "nosniff"))
                .andExpect(header().string("ETag", "\"" + doc.sha256() + "\""));
        mvc.perform(post("/engagement/documents/" + doc.id() + "/publish")
                        .param("published", "false")
                        .with(STAFF)
                        .with(csrf()))
                .andExpect(status().is3xxRedirection());
        mvc.perform(get("/committees/documents/" + doc.id())).andExpect(status().isNotFound());
        mvc.perform(get("/engagement/documents/" + doc.id()).with(STAFF)).andExpect(status().isOk());
        mvc.perform(get("/engagement/documents/" + doc.id()).with(ANALYST)).andExpect(status().isForbidden());
        assertThat(body(get("/engagement/meetings/" + meeting).with(STAFF))).contains("document-table", doc.sha256());
        assertThat(jdbc.sql("select count(*) from audit.audit_event where entity_type = 'engagement-meeting-document' "
                                + "and entity_id = ?")
                        .param(String.valueOf(doc.id()))
                        .query(Long.class)
                        .single())
                .isEqualTo(3);

        // #18: every problem at once in the summary and beside its field, named in words, in the page's language
        String problems = uploadProblems(
                meeting,
                "MZ\u0090\u0000 not a pdf".getBytes(StandardCharsets.ISO_8859_1),
                "minutes.pdf",
                "SOMETHING",
                " ");
        assertThat(problems)
                .contains(
                        "id=\"error-summary\"",
                        "href=\"#doc-file\"",
                        "File: Only PDF, Word",
                        "href=\"#doc-kind\"",
                        "Type: Choose agenda, minutes or other.",
                        "href=\"#doc-title\"",
                        "Title: Required.");
        String spanish = uploadProblems(meeting, pdf, "again.pdf", "OTHER", "Mismos bytes", "es");
        assertThat(spanish).contains("Hay un problema", "href=\"#doc-file\"", "Archivo:", "value=\"Mismos bytes\"");
        assertThat(uploadProblems(meeting, new byte[0], "empty.txt", "OTHER", "Empty"))
                .contains("File: Choose a file; it is empty or missing.");
        byte[] big = new byte[(int) MeetingDocuments.MAX_BYTES + 1];
        System.arraycopy(pdf, 0, big, 0, pdf.length);
        assertThat(uploadProblems(meeting, big, "big.pdf", "OTHER", "Big")).contains("File: The file is larger than");

        long unapproved = jdbc.sql("select min(id) from engagement.meeting where minutes_approved_on is null")
                .query(Long.class)
                .single();
        long minutes = documents.upload(
                unapproved,
                "MINUTES",
                "Draft minutes",
                "minutes.txt",
                ("Draft minutes " + System.nanoTime()).getBytes(StandardCharsets.UTF_8),
                "test");
        mvc.perform(post("/engagement/documents/" + minutes + "/publish")
                        .param("published", "true")
                        .with(STAFF)
                        .with(csrf()))
                .andExpect(status().isUnprocessableContent());
    }

    @Test
    void analystsSeeEveryEngagementReportWithCountsOneToTenSuppressed() throws Exception {
        String staff = body(get("/engagement/reports").with(STAFF));
        String analyst = body(get("/engagement/reports").with(ANALYST));
        assertThat(analyst).contains("suppressed-note", "attendance-report", "by-topic", ">*<");
        assertThat(staff).doesNotContain("suppressed-note");
        assertThat(smallCells(analyst))
                .as("no count from 1 to 10 on the analyst's page")
                .isEmpty();

        LocalDate busiest = jdbc.sql("""
                select held_on from engagement.outreach_event group by held_on order by count(*) desc, held_on desc
                limit 1""").query(LocalDate.class).single();
        String outreach = body(get("/engagement/outreach")
                .param("from", busiest.toString())
                .param("to", busiest.toString())
                .with(ANALYST));
        assertThat(outreach).contains("suppressed-note", "NaN");
        assertThat(smallCells(outreach)).isEmpty();
        assertThat(smallCells(body(get("/engagement/outreach")
                        .param("from", busiest.toString())
                        .param("to", busiest.toString())
                        .with(STAFF))))
                .as("staff see exact small counts")
                .isNotEmpty();

        String events = body(get("/engagement/outreach.csv")
                .param("report", "events")
                .param("from", busiest.toString())
                .param("to", busiest.toString())
                .with(ANALYST));
        assertThat(events.lines().findFirst().orElseThrow())
                .as("analysts get the events without their people counts")
                .isEqualTo("event_id,held_on,type,promoter,place,zip,spa,language,topics,materials_count");
        assertThat(body(get("/engagement/outreach.csv")
                                .param("report", "events")
                                .param("from", busiest.toString())
                                .param("to", busiest.toString())
                                .with(STAFF))
                        .lines()
                        .findFirst()
                        .orElseThrow())
                .contains("members,non_members,age_0_17,age_18_64,age_65_plus");
        for (String report : List.of("activity", "topic", "language", "spa", "month", "type")) {
            String csv = body(get("/engagement/outreach.csv")
                    .param("report", report)
                    .param("from", busiest.toString())
                    .param("to", busiest.toString())
                    .with(ANALYST));
            // the people counts (events are shown exactly: each is a row of the events export)
            int first = report.equals("activity") ? 4 : 2;
            int last = report.equals("activity") ? 7 : 2;
            csv.lines().skip(1).forEach(line -> {
                String[] cells = line.split(",", -1);
                for (int c = cells.length - 1 - (last - first); c < cells.length; c++) {
                    assertThat(cells[c]).as(report + ": " + line).matches("\\*|0|[1-9]\\d+");
                }
            });
        }
        mvc.perform(get("/engagement/promoters").with(ANALYST)).andExpect(status().isForbidden());
    }

    /** Numbers from 1 to 10 in right-aligned table cells (counts of events, marked {@code cw-events}, are not about people). */
    private static List<String> smallCells(String html) {
        Matcher m = Pattern.compile("<td class=\"text-end\">(\\d+)</td>").matcher(html);
        List<String> small = new java.util.ArrayList<>();
        while (m.find()) {
            int v = Integer.parseInt(m.group(1));
            if (v >= 1 && v <= 10) {
                small.add(m.group());
            }
        }
        return small;
    }

    /** #18: the minutes form names every problem at once beside its field, keeps what was typed, saves nothing. */
    @Test
    void badMinutesComeBackWithEveryProblemNamedAndNothingSaved() throws Exception {
        long meeting = jdbc.sql("select min(id) from engagement.meeting where starts_at < now() - interval '7 days'")
                .query(Long.class)
                .single();
        LocalDate day = jdbc.sql("select (starts_at at time zone 'America/Los_Angeles')::date from engagement.meeting "
                        + "where id = ?")
                .param(meeting)
                .query(LocalDate.class)
                .single();
        String before = jdbc.sql("select coalesce(minutes, '') from engagement.meeting where id = ?")
                .param(meeting)
                .query(String.class)
                .single();
        String text = "M".repeat(20_001);
        String page = mvc.perform(post("/engagement/meetings/" + meeting + "/minutes")
                        .with(STAFF)
                        .with(csrf())
                        .param("lang", "es")
                        .param("minutes", text)
                        .param("approvedOn", day.minusDays(1).toString())
                        .param("postedOn", "mañana"))
                .andExpect(status().isUnprocessableContent())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(page)
                .contains(
                        "id=\"error-summary\"",
                        "Hay un problema",
                        "href=\"#minutes\"",
                        "Actas: use como máximo 20",
                        "href=\"#approvedOn\"",
                        "Aprobadas el: escriba " + day,
                        "href=\"#postedOn\"",
                        "Publicadas el: escriba una fecha",
                        "value=\"mañana\"");
        String english = mvc.perform(post("/engagement/meetings/" + meeting + "/minutes")
                        .with(STAFF)
                        .with(csrf())
                        .param("minutes", "Short")
                        .param("postedOn", day.toString()))
                .andExpect(status().isUnprocessableContent())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(english).contains("Posted on: minutes are posted only after they are approved");
        String ahead = mvc.perform(post("/engagement/meetings/" + meeting + "/minutes")
                        .with(STAFF)
                        .with(csrf())
                        .param("minutes", "Short")
                        .param("approvedOn", today().plusDays(3).toString()))
                .andExpect(status().isUnprocessableContent())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(ahead).contains("Approved on: enter today or a date in the past");
        assertThat(jdbc.sql("select coalesce(minutes, '') from engagement.meeting where id = ?")
                        .param(meeting)
                        .query(String.class)
                        .single())
                .isEqualTo(before);
    }

    private String uploadProblems(long meeting, byte[] content, String name, String kind, String title)
            throws Exception {
        return uploadProblems(meeting, content, name, kind, title, "en");
    }

    /** The meeting page shown again (422) for a refused upload. */
    private String uploadProblems(long meeting, byte[] content, String name, String kind, String title, String lang)
            throws Exception {
        return mvc.perform(multipart("/engagement/meetings/" + meeting + "/documents")
                        .file(new MockMultipartFile("file", name, "application/octet-stream", content))
                        .param("kind", kind)
                        .param("title", title)
                        .param("lang", lang)
                        .with(STAFF)
                        .with(csrf()))
                .andExpect(status().isUnprocessableContent())
                .andReturn()
                .getResponse()
                .getContentAsString();
    }

    private String body(org.springframework.test.web.servlet.RequestBuilder request) throws Exception {
        return mvc.perform(request)
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
    }

    private long promoters() {
        return jdbc.sql("select count(*) from engagement.promoter")
                .query(Long.class)
                .single();
    }
}
