package org.commonweal.engagement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.commonweal.IntegrationTest;
import org.commonweal.engagement.committee.CommitteeDirectory;
import org.commonweal.platform.LinearAttacker;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * #19: the attacker over everything an analyst reads on {@code /engagement/reports} (the page has no export): the
 * attendance table and its chart, the recommendations by status and by topic, and the annual membership report. The
 * relations are read from the SQL of {@code CommitteeReports} and from what else a reader can know, not from the
 * masking code:
 *
 * <ul>
 *   <li>attendance: a committee's marks over the year ({@code count(a.*)}) are its in-person, remote, excused and
 *       absent counts (the mode's check allows no other); marks are not shown, only known not to be negative;
 *   <li>seats × meetings: a member has at most one mark per meeting (the primary key), and a committee has at most
 *       {@code max_members} seats (on its public page), so marks plus the empty seat-meetings are max members ×
 *       meetings; where every member seated today was marked at every meeting of the year (the practice, checked here
 *       on the data), the marks are the members times the meetings;
 *   <li>membership: every active member is counted once in each dimension (unreported as {@code not-reported}), so
 *       each dimension of a committee adds up to its members (not shown);
 *   <li>recommendations: every motion has one stage and one topic, so both tables add up to all motions (not shown);
 *   <li>rates and chart: a committee's rate is built on its four counts, so it is masked (a gap in the chart) when any
 *       of them is.
 * </ul>
 */
@IntegrationTest
class CommitteeReportsDisclosureIntegrationTests {

    static final RequestPostProcessor ANALYST = user("analyst").roles("ANALYST");
    static final RequestPostProcessor STAFF = user("engagement-staff").roles("ENGAGEMENT_STAFF");
    static final List<String> MODES = List.of("in_person", "remote", "excused", "absent");

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    CommitteeDirectory directory;

    @Test
    void noMaskedCountOfTheCommitteeReportsCanBeWorkedBackFromThePage() throws Exception {
        long started = System.nanoTime();
        String page = page(ANALYST);
        double pageSeconds = (System.nanoTime() - started) / 1e9;
        String staff = page(STAFF);
        var attacker = new LinearAttacker();

        // the membership report: committee, dimension, category, count
        attacker.table();
        Map<String, Map<String, List<String>>> dimensions = new LinkedHashMap<>();
        var membership = rows(EngagementDisclosureIntegrationTests.table(page, "membership-report"));
        assertThat(membership).isNotEmpty();
        for (var row : membership) {
            assertThat(row).hasSize(4);
            String name = "membership:" + row.get(0) + ":" + row.get(1) + ":" + row.get(2);
            attacker.read(name, row.get(3));
            dimensions
                    .computeIfAbsent(row.get(0), k -> new LinkedHashMap<>())
                    .computeIfAbsent(row.get(1), k -> new ArrayList<>())
                    .add(name);
        }
        dimensions.forEach((committee, byDimension) -> {
            attacker.unpublished("members:" + committee);
            byDimension.values().forEach(parts -> attacker.sum("members:" + committee, parts));
        });
        assertThat(rows(EngagementDisclosureIntegrationTests.table(staff, "membership-report")))
                .as("the membership report is public: the same masks for staff")
                .isEqualTo(membership);

        // attendance: committee, meetings, in person, remote, excused, absent, rate
        attacker.table();
        var attendance = rows(EngagementDisclosureIntegrationTests.table(page, "attendance-report"));
        var exact = rows(EngagementDisclosureIntegrationTests.table(staff, "attendance-report"));
        assertThat(attendance).isNotEmpty().hasSameSizeAs(exact);
        Map<String, Long> maxMembers = new LinkedHashMap<>();
        jdbc.sql("select code, max_members from engagement.committee")
                .query((rs, n) -> maxMembers.put(rs.getString(1), rs.getLong(2)))
                .list();
        Map<String, Long> seatedToday = seatedToday();
        List<String> chart = new ArrayList<>();
        List<String> staffChart = chart(staff);
        int stable = 0;
        for (int i = 0; i < attendance.size(); i++) {
            var row = attendance.get(i);
            var staffRow = exact.get(i);
            assertThat(row).hasSize(7);
            String c = row.get(0);
            assertThat(row.get(1)).as("meetings are not people: shown").matches("\\d+");
            long meetings = Long.parseLong(row.get(1));
            List<String> modes = new ArrayList<>();
            long marks = 0;
            for (int m = 0; m < MODES.size(); m++) {
                String shown = row.get(2 + m);
                String truth = staffRow.get(2 + m);
                assertThat(truth).as("staff see exact counts").matches("\\d+");
                if (!shown.equals("*")) {
                    assertThat(shown).as("a shown count is the exact one").isEqualTo(truth);
                }
                attacker.read("attendance:" + c + ":" + MODES.get(m), shown);
                modes.add("attendance:" + c + ":" + MODES.get(m));
                marks += Long.parseLong(truth);
            }
            attacker.unpublished("marks:" + c);
            attacker.sum("marks:" + c, modes);
            // at most max members seated at each meeting
            attacker.read("seat-meetings:" + c, String.valueOf(maxMembers.get(c) * meetings));
            attacker.unpublished("empty-seat-meetings:" + c);
            attacker.sum("seat-meetings:" + c, List.of("marks:" + c, "empty-seat-meetings:" + c));
            Long seated = seatedToday.get(c);
            if (seated != null && dimensions.containsKey(c) && marks == seated * meetings && meetings > 0) {
                List<String> seatings = new ArrayList<>();
                for (int k = 0; k < meetings; k++) {
                    String seating = "seated:" + c + ":" + k;
                    attacker.unpublished(seating);
                    attacker.sum("members:" + c, List.of(seating));
                    seatings.add(seating);
                }
                attacker.sum("marks:" + c, seatings);
                stable++;
            }
            boolean anyMasked = row.subList(2, 6).contains("*");
            assertThat(row.get(6).equals("*"))
                    .as("a rate is masked exactly when one of its counts is: " + row)
                    .isEqualTo(anyMasked);
            chart.add(anyMasked ? "NaN" : staffChart.get(i));
        }
        assertThat(chart(page))
                .as("the chart shows the table's rates, a gap where masked")
                .isEqualTo(chart);

        // recommendations by status and by topic: both add up to all motions
        attacker.unpublished("motions");
        for (String id : List.of("by-status", "by-topic")) {
            attacker.table();
            List<String> parts = new ArrayList<>();
            var rows = rows(EngagementDisclosureIntegrationTests.table(page, id));
            for (int i = 0; i < rows.size(); i++) {
                attacker.read(id + ":" + i, rows.get(i).get(1));
                parts.add(id + ":" + i);
            }
            attacker.sum("motions", parts);
        }

        var breaches = attacker.breaches();
        System.out.printf(
                "disclosure: engagement committee reports: %d tables, %d cells (%d masked), %d breaches, %.1f s"
                        + " (the analyst's page %.2f s)%n",
                attacker.tables(),
                attacker.cells(),
                attacker.masked().size(),
                breaches.size(),
                (System.nanoTime() - started) / 1e9,
                pageSeconds);
        Map<String, Long> maskedBy = new java.util.TreeMap<>();
        attacker.masked().forEach(m -> maskedBy.merge(m.substring(0, m.indexOf(':')), 1L, Long::sum));
        System.out.printf(
                "disclosure: masked by table %s; %d of %d committees with marks = members × meetings%n",
                maskedBy, stable, attendance.size());
        breaches.forEach(b -> System.out.println(
                "disclosure: breach " + b.name() + " in [" + Math.round(b.low()) + ", " + Math.round(b.high()) + "]"));
        assertThat(attacker.masked()).as("the demo data has masked cells").isNotEmpty();
        assertThat(breaches).isEmpty();
    }

    /** Members seated today per committee, as the membership report counts them. */
    private Map<String, Long> seatedToday() {
        LocalDate today = directory.today();
        Map<String, Long> out = new LinkedHashMap<>();
        jdbc.sql("""
                select c.code, count(*) from engagement.membership ms join engagement.committee c on c.id = ms.committee_id
                where ms.status = 'ACTIVE' and ms.term_start <= ? and (ms.term_end is null or ms.term_end >= ?)
                group by c.code""")
                .params(today, today)
                .query((rs, n) -> out.put(rs.getString(1), rs.getLong(2)))
                .list();
        return out;
    }

    private String page(RequestPostProcessor who) throws Exception {
        return mvc.perform(get("/engagement/reports").with(who))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
    }

    /** Each row's cells as text. */
    private static List<List<String>> rows(String body) {
        List<List<String>> rows = new ArrayList<>();
        for (String tr : body.split("<tr>")) {
            Matcher m = Pattern.compile("<td[^>]*>([^<]*)</td>").matcher(tr);
            List<String> row = new ArrayList<>();
            while (m.find()) {
                row.add(m.group(1).strip());
            }
            if (!row.isEmpty()) {
                rows.add(row);
            }
        }
        return rows;
    }

    /** The attendance chart's values, as the page gives them to Chart.js. */
    private static List<String> chart(String page) {
        Matcher m = Pattern.compile("<canvas [^>]*>").matcher(page);
        assertThat(m.find()).as("attendance chart").isTrue();
        Matcher values = Pattern.compile("data-values=\"([^\"]*)\"").matcher(m.group());
        assertThat(values.find()).isTrue();
        return values.group(1).isEmpty() ? List.of() : List.of(values.group(1).split("\\|", -1));
    }
}
