package org.commonweal.engagement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.commonweal.IntegrationTest;
import org.commonweal.platform.Csv;
import org.commonweal.platform.LinearAttacker;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * #19: the attacker over everything an analyst reads of the outreach reports for one date range: every export of
 * {@code /engagement/outreach.csv} and the {@code /engagement/outreach} page. The relations below are read from the SQL
 * of {@code OutreachReports}, not from the masking code:
 *
 * <ul>
 *   <li>{@code events}: one row per event held in the range (the row itself is published, so each event counts 1);
 *       an event's people reached ({@code attendees_members + attendees_nonmembers}) are not published to analysts,
 *       only known not to be negative;
 *   <li>{@code spa}, {@code type}, {@code language}, {@code month}: each event has exactly one SPA (none is "-"), one
 *       type, one language, one month of {@code held_on}, so a row's events are the number of event rows with that
 *       label and its reached the sum of theirs;
 *   <li>{@code topic}: an event counts once under each topic it names, so a topic's events are the event rows naming
 *       it and its reached the sum over them;
 *   <li>{@code activity}: a promoter's events and reached are those of the events with the promoter's id; the events
 *       export names the promoter by full name, so promoters sharing a name are summed together; a promoter's
 *       referrals are its completed ones plus others (unpublished, not negative);
 *   <li>the page: its reach tables, charts and promoter activity are the exports' cells (checked here), and its
 *       referral completion by kind adds figures: a kind's referrals are its completed, its unable to reach and others;
 *       every referral of the range has a contact with a promoter, so the kinds' referrals (and completed) add up to
 *       the promoters'.
 * </ul>
 *
 * One attacker per period: the demo data's busiest day, the week and the calendar month around it, where the small
 * counts are, and every event (the whole range, where few are small); together about a minute on the shared 2-core
 * machine.
 */
@IntegrationTest
class EngagementDisclosureIntegrationTests {

    static final RequestPostProcessor ANALYST = user("analyst").roles("ANALYST");
    static final List<String> MARGINS = List.of("spa", "type", "language", "month", "topic");

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient jdbc;

    @Test
    void noMaskedOutreachCountCanBeWorkedBackFromTheExportsOfTheSamePeriod() throws Exception {
        LocalDate busiest = jdbc.sql("""
                select held_on from engagement.outreach_event group by held_on order by count(*) desc, held_on desc
                limit 1""").query(LocalDate.class).single();
        LocalDate first = jdbc.sql("select min(held_on) from engagement.outreach_event")
                .query(LocalDate.class)
                .single();
        LocalDate last = jdbc.sql("select max(held_on) from engagement.outreach_event")
                .query(LocalDate.class)
                .single();
        Map<String, LocalDate[]> periods = new LinkedHashMap<>();
        periods.put("day", new LocalDate[] {busiest, busiest});
        periods.put("week", new LocalDate[] {busiest.minusDays(6), busiest});
        periods.put(
                "month", new LocalDate[] {busiest.withDayOfMonth(1), busiest.withDayOfMonth(busiest.lengthOfMonth())});
        periods.put("all", new LocalDate[] {first, last});
        List<String> found = new ArrayList<>();
        int tables = 0;
        int cells = 0;
        int masked = 0;
        long started = System.nanoTime();
        for (var p : periods.entrySet()) {
            long t0 = System.nanoTime();
            var attacker = attacker(p.getValue()[0], p.getValue()[1]);
            long read = System.nanoTime();
            var breaches = attacker.breaches();
            tables += attacker.tables();
            cells += attacker.cells();
            masked += attacker.masked().size();
            System.out.printf(
                    "disclosure: engagement outreach, %s %s..%s: %d tables, %d cells (%d masked), %d breaches"
                            + " (published in %.1f s, attacked in %.1f s)%n",
                    p.getKey(),
                    p.getValue()[0],
                    p.getValue()[1],
                    attacker.tables(),
                    attacker.cells(),
                    attacker.masked().size(),
                    breaches.size(),
                    (read - t0) / 1e9,
                    (System.nanoTime() - read) / 1e9);
            breaches.forEach(b -> found.add(
                    p.getKey() + " " + b.name() + " in [" + Math.round(b.low()) + ", " + Math.round(b.high()) + "]"));
        }
        System.out.printf(
                "disclosure: engagement outreach, %d tables, %d cells (%d masked) checked, %d breaches, %.1f s%n",
                tables, cells, masked, found.size(), (System.nanoTime() - started) / 1e9);
        found.forEach(b -> System.out.println("disclosure: breach " + b));
        assertThat(masked).as("the demo data has masked cells").isPositive();
        assertThat(found).isEmpty();
    }

    private LinearAttacker attacker(LocalDate from, LocalDate to) throws Exception {
        var attacker = new LinearAttacker();
        // the events: each row is an event; its reached is not published, only known not to be negative
        var events = csv("events", from, to);
        assertThat(events.getFirst())
                .as("analysts get the events without their people counts")
                .containsExactly(
                        "event_id",
                        "held_on",
                        "type",
                        "promoter",
                        "place",
                        "zip",
                        "spa",
                        "language",
                        "topics",
                        "materials_count");
        attacker.table();
        Map<String, Map<String, List<String>>> ones = new LinkedHashMap<>();
        Map<String, Map<String, List<String>>> reached = new LinkedHashMap<>();
        for (List<String> e : events.subList(1, events.size())) {
            String id = "event:" + e.get(0);
            String one = id + ":one";
            attacker.read(one, "1");
            String r = id + ":reached";
            attacker.unpublished(r);
            Map<String, List<String>> labels = new LinkedHashMap<>();
            labels.put("spa", List.of(e.get(6).isEmpty() ? "-" : e.get(6)));
            labels.put("type", List.of(e.get(2)));
            labels.put("language", List.of(e.get(7)));
            labels.put("month", List.of(e.get(1).substring(0, 7)));
            labels.put(
                    "topic",
                    e.get(8).isEmpty()
                            ? List.of()
                            : List.copyOf(new LinkedHashSet<>(List.of(e.get(8).split(";", -1)))));
            labels.put("promoter", List.of(e.get(3)));
            for (var l : labels.entrySet()) {
                for (String label : l.getValue()) {
                    ones.computeIfAbsent(l.getKey(), k -> new LinkedHashMap<>())
                            .computeIfAbsent(label, k -> new ArrayList<>())
                            .add(one);
                    reached.computeIfAbsent(l.getKey(), k -> new LinkedHashMap<>())
                            .computeIfAbsent(label, k -> new ArrayList<>())
                            .add(r);
                }
            }
        }
        String page = page(from, to);
        // the margins: label, events, reached; every label is one the events carry, with its events and reached
        for (String d : MARGINS) {
            var rows = csv(d, from, to);
            assertThat(rows.getFirst()).containsExactly(d, "events", "reached");
            attacker.table();
            List<String> labels = new ArrayList<>();
            for (List<String> row : rows.subList(1, rows.size())) {
                String label = row.get(0);
                labels.add(label);
                attacker.read(d + ":" + label + ":events", row.get(1));
                attacker.read(d + ":" + label + ":reached", row.get(2));
                attacker.sum(d + ":" + label + ":events", ones.get(d).get(label));
                attacker.sum(d + ":" + label + ":reached", reached.get(d).get(label));
            }
            assertThat(labels)
                    .as(d + " has a row for every label of the events and no other")
                    .containsExactlyInAnyOrderElementsOf(
                            ones.getOrDefault(d, Map.of()).keySet());
            // the page's table and chart of this margin publish the export's cells, nothing else
            var shown = rows.subList(1, rows.size()).stream()
                    .map(row -> List.of(row.get(1), row.get(2)))
                    .toList();
            assertThat(cells(table(page, "reach-" + d), 2))
                    .as("page table " + d)
                    .isEqualTo(shown);
            assertThat(chart(page, d))
                    .as("page chart " + d)
                    .isEqualTo(shown.stream()
                            .map(c -> c.get(1).equals("*") ? "NaN" : c.get(1))
                            .toList());
        }
        // the promoters' activity: every promoter, with or without events in the range
        var activity = csv("activity", from, to);
        assertThat(activity.getFirst())
                .containsExactly(
                        "promoter_id", "promoter", "spa", "events", "reached", "contacts", "referrals", "completed");
        assertThat(cells(table(page, "activity"), 5))
                .as("the page's promoter activity is the export's")
                .isEqualTo(activity.subList(1, activity.size()).stream()
                        .map(a -> a.subList(3, 8))
                        .toList());
        attacker.table();
        Map<String, List<String>> eventsByName = new LinkedHashMap<>();
        Map<String, List<String>> reachedByName = new LinkedHashMap<>();
        List<String> referrals = new ArrayList<>();
        List<String> completed = new ArrayList<>();
        for (List<String> a : activity.subList(1, activity.size())) {
            String id = "promoter:" + a.get(0);
            for (int c = 3; c <= 7; c++) {
                attacker.read(id + ":" + activity.getFirst().get(c), a.get(c));
            }
            attacker.unpublished(id + ":not_completed");
            attacker.sum(id + ":referrals", List.of(id + ":completed", id + ":not_completed"));
            referrals.add(id + ":referrals");
            completed.add(id + ":completed");
            eventsByName.computeIfAbsent(a.get(1), k -> new ArrayList<>()).add(id + ":events");
            reachedByName.computeIfAbsent(a.get(1), k -> new ArrayList<>()).add(id + ":reached");
        }
        for (var name : eventsByName.entrySet()) {
            var one = ones.getOrDefault("promoter", Map.of()).getOrDefault(name.getKey(), List.of());
            var r = reached.getOrDefault("promoter", Map.of()).getOrDefault(name.getKey(), List.of());
            String events_ = "promoters:" + name.getKey() + ":events";
            String reached_ = "promoters:" + name.getKey() + ":reached";
            attacker.unpublished(events_).unpublished(reached_);
            attacker.sum(events_, name.getValue()).sum(events_, one);
            attacker.sum(reached_, reachedByName.get(name.getKey())).sum(reached_, r);
        }
        assertThat(eventsByName.keySet())
                .as("every promoter of the events is in the activity report")
                .containsAll(ones.getOrDefault("promoter", Map.of()).keySet());
        // the page's referral completion by kind: referrals, completed, unable to reach, rate
        attacker.table();
        List<String> kindReferrals = new ArrayList<>();
        List<String> kindCompleted = new ArrayList<>();
        var kinds = cells(table(page, "referral-completion"), 4);
        for (int k = 0; k < kinds.size(); k++) {
            var row = kinds.get(k);
            String id = "kind:" + k;
            attacker.read(id + ":referrals", row.get(0));
            attacker.read(id + ":completed", row.get(1));
            attacker.read(id + ":unable", row.get(2));
            attacker.unpublished(id + ":others");
            attacker.sum(id + ":referrals", List.of(id + ":completed", id + ":unable", id + ":others"));
            kindReferrals.add(id + ":referrals");
            kindCompleted.add(id + ":completed");
            if (row.get(0).equals("*") || row.get(1).equals("*")) {
                assertThat(row.get(3)).as("a rate on a masked count is masked").isEqualTo("*");
            }
        }
        attacker.unpublished("all:referrals").unpublished("all:completed");
        attacker.sum("all:referrals", referrals).sum("all:referrals", kindReferrals);
        attacker.sum("all:completed", completed).sum("all:completed", kindCompleted);
        return attacker;
    }

    private String page(LocalDate from, LocalDate to) throws Exception {
        return analystGets(get("/engagement/outreach"), from, to);
    }

    /** What an analyst gets for a request over the date range. */
    private String analystGets(MockHttpServletRequestBuilder request, LocalDate from, LocalDate to) throws Exception {
        return mvc.perform(request.param("from", from.toString())
                        .param("to", to.toString())
                        .with(ANALYST))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
    }

    /** The body of the page's table with this id (also read by the committee reports' attacker). */
    static String table(String page, String id) {
        Matcher m = Pattern.compile("<table [^>]*id=\"" + id + "\".*?<tbody>(.*?)</tbody>", Pattern.DOTALL)
                .matcher(page);
        assertThat(m.find()).as("table " + id).isTrue();
        return m.group(1);
    }

    /** Each row's right-aligned cells (the figures), expecting {@code width} of them per row. */
    private static List<List<String>> cells(String body, int width) {
        List<List<String>> rows = new ArrayList<>();
        for (String tr : body.split("<tr>")) {
            Matcher m =
                    Pattern.compile("<td class=\"text-end[^\"]*\">([^<]*)</td>").matcher(tr);
            List<String> row = new ArrayList<>();
            while (m.find()) {
                row.add(m.group(1).strip());
            }
            if (!row.isEmpty()) {
                assertThat(row).hasSize(width);
                rows.add(row);
            }
        }
        return rows;
    }

    /** The values of the chart of a margin, as the page gives them to Chart.js. */
    private static List<String> chart(String page, String dimension) {
        int table = page.indexOf("id=\"reach-" + dimension + "\"");
        assertThat(table).as("table of " + dimension).isNotNegative();
        Matcher m = Pattern.compile("<canvas [^>]*>").matcher(page.substring(page.lastIndexOf("<canvas", table)));
        assertThat(m.find()).as("chart " + dimension).isTrue();
        Matcher values = Pattern.compile("data-values=\"([^\"]*)\"").matcher(m.group());
        assertThat(values.find()).isTrue();
        return values.group(1).isEmpty() ? List.of() : List.of(values.group(1).split("\\|", -1));
    }

    private List<List<String>> csv(String report, LocalDate from, LocalDate to) throws Exception {
        String body = analystGets(get("/engagement/outreach.csv").param("report", report), from, to);
        return Csv.read(new StringReader(body)).stream()
                .filter(r -> !r.blank())
                .map(Csv.Row::values)
                .toList();
    }
}
