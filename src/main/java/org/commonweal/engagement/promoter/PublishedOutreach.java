package org.commonweal.engagement.promoter;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.commonweal.engagement.promoter.OutreachReports.Activity;
import org.commonweal.engagement.promoter.OutreachReports.EventRow;
import org.commonweal.engagement.promoter.OutreachReports.Reach;
import org.commonweal.engagement.promoter.OutreachReports.ReferralRate;
import org.commonweal.platform.CellSuppression;
import org.commonweal.platform.Publication;

/**
 * Everything the outreach page and its exports publish about one date range, with the counts as a reader may see them
 * (#19). Counts of events are not about people (every event is a row of the events export) and are shown exactly. The
 * counts of people — reached per margin row and per promoter, contacts, referrals and their completion, by promoter
 * and by kind — are one {@link Publication} with the relations a reader knows: a margin row's reached is the sum of
 * its events' reached (members plus non-members; a topic counts an event once per topic it names), a promoter's is
 * the sum of its events', a promoter's or kind's referrals are its completed ones plus the others (unable to reach
 * among them for a kind), and all referrals (and all completed ones) are as many by kind as by promoter. So every
 * page and export of the range shows the same masks, chosen together by {@link CellSuppression}.
 *
 * <p>Analysts get the events without their people counts (see {@link #peopleOfEvents()}): the events' members,
 * non-members and age bands are unpublished counts that tie the margins together.
 */
public final class PublishedOutreach {

    /** The margins of the reach reports, in the page's order. */
    public static final List<String> DIMENSIONS = List.of("month", "topic", "language", "spa", "type");

    private final List<EventRow> events;
    private final Map<String, List<Reach>> reach;
    private final List<ReferralRate> referralRates;
    private final List<Activity> activity;
    private final CellSuppression.Masking masking;

    PublishedOutreach(
            List<EventRow> events, List<ReferralRate> referralRates, List<Activity> activity, boolean suppress) {
        this.events = events;
        this.referralRates = referralRates;
        this.activity = activity;
        this.reach = new LinkedHashMap<>();
        DIMENSIONS.forEach(d -> reach.put(d, margin(d, events)));
        this.masking = CellSuppression.apply(publication(), suppress);
    }

    /** A margin of the events: one row per label, ordered by label (month, SPA) or by events, never by people. */
    private static List<Reach> margin(String dimension, List<EventRow> events) {
        Map<String, long[]> rows = new LinkedHashMap<>();
        for (EventRow e : events) {
            for (String label : labels(dimension, e)) {
                long[] r = rows.computeIfAbsent(label, k -> new long[2]);
                r[0]++;
                r[1] += reached(e);
            }
        }
        Comparator<Reach> order = dimension.equals("month") || dimension.equals("spa")
                ? Comparator.comparing(Reach::label)
                : Comparator.comparingLong(Reach::events).reversed().thenComparing(Reach::label);
        return rows.entrySet().stream()
                .map(r -> new Reach(r.getKey(), r.getValue()[0], r.getValue()[1]))
                .sorted(order)
                .toList();
    }

    /** The labels an event counts under in a margin: one, or one per topic. */
    static List<String> labels(String dimension, EventRow e) {
        return switch (dimension) {
            case "topic" -> e.topics();
            case "language" -> List.of(e.language());
            case "spa" -> List.of(e.spa() == null ? "-" : e.spa().toString());
            case "type" -> List.of(e.type());
            case "month" -> List.of(e.heldOn().toString().substring(0, 7));
            default -> throw new IllegalArgumentException("report by topic, language, spa, type or month");
        };
    }

    private static long reached(EventRow e) {
        return (long) e.members() + e.nonMembers();
    }

    private Publication publication() {
        var p = new Publication();
        Map<Long, List<Object>> byPromoter = new LinkedHashMap<>();
        for (EventRow e : events) {
            p.unpublished(eventKey(e), reached(e));
            byPromoter.computeIfAbsent(e.promoterId(), k -> new ArrayList<>()).add(eventKey(e));
        }
        reach.forEach((d, rows) -> {
            Map<String, List<Object>> parts = new LinkedHashMap<>();
            for (EventRow e : events) {
                labels(d, e)
                        .forEach(l ->
                                parts.computeIfAbsent(l, k -> new ArrayList<>()).add(eventKey(e)));
            }
            for (Reach r : rows) {
                p.count(reachKey(d, r), r.reached());
                p.sum(reachKey(d, r), parts.get(r.label()));
            }
        });
        List<Object> referrals = new ArrayList<>();
        List<Object> completed = new ArrayList<>();
        for (Activity a : activity) {
            p.count(activityKey(a, "reached"), a.reached());
            p.sum(activityKey(a, "reached"), byPromoter.getOrDefault(a.promoterId(), List.of()));
            p.count(activityKey(a, "contacts"), a.contacts());
            p.count(activityKey(a, "referrals"), a.referrals());
            p.count(activityKey(a, "completed"), a.completed());
            p.unpublished(activityKey(a, "others"), a.referrals() - a.completed());
            p.sum(activityKey(a, "referrals"), activityKey(a, "completed"), activityKey(a, "others"));
            referrals.add(activityKey(a, "referrals"));
            completed.add(activityKey(a, "completed"));
        }
        List<Object> kindReferrals = new ArrayList<>();
        List<Object> kindCompleted = new ArrayList<>();
        for (ReferralRate r : referralRates) {
            p.count(kindKey(r, "referrals"), r.referrals());
            p.count(kindKey(r, "completed"), r.completed());
            p.count(kindKey(r, "unable"), r.unableToReach());
            p.unpublished(kindKey(r, "others"), r.referrals() - r.completed() - r.unableToReach());
            p.sum(kindKey(r, "referrals"), kindKey(r, "completed"), kindKey(r, "unable"), kindKey(r, "others"));
            kindReferrals.add(kindKey(r, "referrals"));
            kindCompleted.add(kindKey(r, "completed"));
        }
        total(
                p,
                "referrals",
                referralRates.stream().mapToLong(ReferralRate::referrals).sum(),
                referrals,
                kindReferrals);
        total(
                p,
                "completed",
                referralRates.stream().mapToLong(ReferralRate::completed).sum(),
                completed,
                kindCompleted);
        return p;
    }

    /** All referrals (or completed ones) of the range: as many by promoter as by kind. */
    private static void total(Publication p, String what, long sum, List<Object> byPromoter, List<Object> byKind) {
        Object total = List.of("all", what);
        p.unpublished(total, sum);
        p.sum(total, byKind);
        p.relate(total, byPromoter);
    }

    private static Object eventKey(EventRow e) {
        return List.of("event", e.id());
    }

    private static Object reachKey(String dimension, Reach r) {
        return List.of("reach", dimension, r.label());
    }

    private static Object activityKey(Activity a, String what) {
        return List.of("promoter", a.promoterId(), what);
    }

    private static Object kindKey(ReferralRate r, String what) {
        return List.of("kind", r.kind(), what);
    }

    /** Whether the reader sees the rule applied (analysts): then the events export carries no people counts. */
    public boolean suppressed() {
        return masking.active();
    }

    /**
     * Whether event rows may carry their people counts (members, non-members, age bands): for staff only. Protecting
     * each event's five small counts together with every margin would mask most events' figures (most events reach
     * fewer than 11 non-members, many fewer than 11 members) at a cost of thousands of linked unknowns per range;
     * analysts get the events' own facts and the margins instead.
     */
    public boolean peopleOfEvents() {
        return !masking.active();
    }

    public List<EventRow> events() {
        return events;
    }

    public List<Reach> reach(String dimension) {
        List<Reach> rows = reach.get(dimension);
        if (rows == null) {
            throw new IllegalArgumentException("report by topic, language, spa, type or month");
        }
        return rows;
    }

    public List<ReferralRate> referralRates() {
        return referralRates;
    }

    public List<Activity> activity() {
        return activity;
    }

    /** A margin row's reached as shown. */
    public String reached(String dimension, Reach r) {
        return masking.count(reachKey(dimension, r));
    }

    /** The reached of a margin's rows for its chart: {@code NaN} (a gap) where masked. */
    public String chart(String dimension) {
        return String.join(
                "|",
                reach(dimension).stream()
                        .map(r -> {
                            Long v = masking.chart(reachKey(dimension, r));
                            return v == null ? "NaN" : v.toString();
                        })
                        .toList());
    }

    /** A promoter's reached, contacts, referrals or completed as shown. */
    public String activity(Activity a, String what) {
        return masking.count(activityKey(a, what));
    }

    /** A kind's referrals, completed or unable (to reach) as shown. */
    public String referrals(ReferralRate r, String what) {
        return masking.count(kindKey(r, what));
    }

    /** A kind's completion rate, masked when its referrals or completed are. */
    public boolean showsRate(ReferralRate r) {
        return masking.shows(kindKey(r, "referrals"), kindKey(r, "completed"));
    }

    /** What stands in place of a masked figure (a rate among them). */
    public String mask() {
        return CellSuppression.MASK;
    }

    /** Cells masked for this reader (0 for staff). */
    public int maskedCells() {
        return masking.maskedCells();
    }
}
