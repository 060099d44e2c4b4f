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
import java.util.List;
import java.util.Map;
import org.commonweal.IntegrationTest;
import org.commonweal.platform.Csv;
import org.commonweal.platform.LinearAttacker;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * #19: the attacker over everything an analyst downloads of the outreach reports for one date range. The exports are
 * margins of the same events, and the relations below are read from the SQL of {@code OutreachReports}, not assumed:
 *
 * <ul>
 *   <li>{@code events}: one row per event held in the range (the row itself is published, so each event counts 1);
 *       an event's people reached are its members plus its non-members ({@code attendees_members +
 *       attendees_nonmembers});
 *   <li>{@code spa}, {@code type}, {@code language}, {@code month}: each event has exactly one SPA (none is "-"), one
 *       type, one language, one month of {@code held_on}, so a row's events are the number of event rows with that
 *       label and its reached the sum of theirs;
 *   <li>{@code topic}: an event counts once under each entry of its topics ({@code unnest}), so a topic's events are
 *       the entries naming it in the events export and its reached the sum over those entries;
 *   <li>{@code activity}: a promoter's events and reached are those of the events with the promoter's id; the events
 *       export names the promoter by full name, so promoters sharing a name are summed together; a promoter's
 *       referrals are its completed ones plus others (unpublished, not negative).
 * </ul>
 *
 * One attacker per period (the demo data's busiest day, the week and the calendar month around it, and every event).
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
    @Disabled(
            "#19: breaches found (217 over 28 tables, 16,217 cells, 4,249 masked): busiest day 2026-09-25 51, its week 93,"
                    + " its month 73, the whole range 0. (1) masked events of the spa/type/language/topic/activity margins are"
                    + " pinned to their value by counting the rows of the events export, one per event (e.g. day"
                    + " spa:2:events in [1, 1], language:hy:events in [1, 1], promoter:36:events in [1, 1]); (2) an event's"
                    + " masked members or non-members is a margin's reached minus what is shown (e.g. event:1878:non_members"
                    + " in [8, 8], event:715:non_members in [1, 1]); (3) a masked reached is the sum of the events' shown"
                    + " members and non-members (spa:3:reached in [10, 10], topic:nutrition:reached in [5, 5]). Listed in"
                    + " docs/engagement.md, Disclosure.")
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
        for (var p : periods.entrySet()) {
            var attacker = attacker(p.getValue()[0], p.getValue()[1]);
            var breaches = attacker.breaches();
            tables += attacker.tables();
            cells += attacker.cells();
            masked += attacker.masked().size();
            System.out.printf(
                    "disclosure: engagement outreach, %s %s..%s: %d tables, %d cells (%d masked), %d breaches%n",
                    p.getKey(),
                    p.getValue()[0],
                    p.getValue()[1],
                    attacker.tables(),
                    attacker.cells(),
                    attacker.masked().size(),
                    breaches.size());
            breaches.forEach(b -> found.add(
                    p.getKey() + " " + b.name() + " in [" + Math.round(b.low()) + ", " + Math.round(b.high()) + "]"));
        }
        System.out.printf(
                "disclosure: engagement outreach, %d tables, %d cells (%d masked) checked, %d breaches%n",
                tables, cells, masked, found.size());
        found.forEach(b -> System.out.println("disclosure: breach " + b));
        assertThat(masked).as("the demo data has masked cells").isPositive();
        assertThat(found).isEmpty();
    }

    private LinearAttacker attacker(LocalDate from, LocalDate to) throws Exception {
        var attacker = new LinearAttacker();
        // the events: each row is an event; its reached is its members plus non-members
        var events = csv("events", from, to);
        assertThat(events.getFirst())
                .startsWith("event_id", "held_on", "type", "promoter", "place", "zip", "spa", "language", "topics");
        attacker.table();
        Map<String, Map<String, List<String>>> ones = new LinkedHashMap<>();
        Map<String, Map<String, List<String>>> reached = new LinkedHashMap<>();
        for (List<String> e : events.subList(1, events.size())) {
            String id = "event:" + e.get(0);
            String one = id + ":one";
            attacker.read(one, "1");
            for (int c = 9; c <= 14; c++) {
                attacker.read(id + ":" + events.getFirst().get(c), e.get(c));
            }
            String r = id + ":reached";
            attacker.unpublished(r);
            attacker.sum(r, List.of(id + ":members", id + ":non_members"));
            Map<String, List<String>> labels = new LinkedHashMap<>();
            labels.put("spa", List.of(e.get(6).isEmpty() ? "-" : e.get(6)));
            labels.put("type", List.of(e.get(2)));
            labels.put("language", List.of(e.get(7)));
            labels.put("month", List.of(e.get(1).substring(0, 7)));
            labels.put(
                    "topic", e.get(8).isEmpty() ? List.of() : List.of(e.get(8).split(";", -1)));
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
        }
        // the promoters' activity: every promoter, with or without events in the range
        var activity = csv("activity", from, to);
        assertThat(activity.getFirst())
                .containsExactly(
                        "promoter_id", "promoter", "spa", "events", "reached", "contacts", "referrals", "completed");
        attacker.table();
        Map<String, List<String>> eventsByName = new LinkedHashMap<>();
        Map<String, List<String>> reachedByName = new LinkedHashMap<>();
        for (List<String> a : activity.subList(1, activity.size())) {
            String id = "promoter:" + a.get(0);
            for (int c = 3; c <= 7; c++) {
                attacker.read(id + ":" + activity.getFirst().get(c), a.get(c));
            }
            attacker.unpublished(id + ":not_completed");
            attacker.sum(id + ":referrals", List.of(id + ":completed", id + ":not_completed"));
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
        return attacker;
    }

    private List<List<String>> csv(String report, LocalDate from, LocalDate to) throws Exception {
        String body = mvc.perform(get("/engagement/outreach.csv")
                        .param("report", report)
                        .param("from", from.toString())
                        .param("to", to.toString())
                        .with(ANALYST))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        return Csv.read(new StringReader(body)).stream()
                .filter(r -> !r.blank())
                .map(Csv.Row::values)
                .toList();
    }
}
