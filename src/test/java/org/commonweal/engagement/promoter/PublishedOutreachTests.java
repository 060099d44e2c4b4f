package org.commonweal.engagement.promoter;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import org.commonweal.engagement.promoter.OutreachReports.Activity;
import org.commonweal.engagement.promoter.OutreachReports.EventRow;
import org.commonweal.engagement.promoter.OutreachReports.Reach;
import org.commonweal.engagement.promoter.OutreachReports.ReferralRate;
import org.junit.jupiter.api.Test;

class PublishedOutreachTests {

    static final LocalDate DAY = LocalDate.of(2026, 9, 25);

    /** Three workshops of one promoter: one in SPA 1 reaching 5 people, two in SPA 2 reaching 20 each. */
    static final List<EventRow> EVENTS = List.of(event(1, 1, 3, 2), event(2, 2, 12, 8), event(3, 2, 15, 5));

    static final List<Activity> ACTIVITY = List.of(new Activity(7, "Ana Ruiz", 1, 3, 45, 30, 14, 4));

    static final List<ReferralRate> RATES =
            List.of(new ReferralRate("CENTER_CLASS", 12, 4, 1), new ReferralRate("PROVIDER", 2, 0, 2));

    static EventRow event(long id, int spa, int members, int nonMembers) {
        return new EventRow(
                id,
                DAY,
                "WORKSHOP",
                7,
                "Ana Ruiz",
                "Library",
                "90001",
                spa,
                "es",
                List.of("nutrition"),
                members,
                nonMembers,
                0,
                members + nonMembers,
                0,
                40);
    }

    @Test
    void staffSeeEveryCountExactlyAndTheEventsWithTheirPeople() {
        var exact = new PublishedOutreach(EVENTS, RATES, ACTIVITY, false);
        assertThat(exact.peopleOfEvents()).isTrue();
        assertThat(exact.reach("spa")).containsExactly(new Reach("1", 1, 5), new Reach("2", 2, 40));
        assertThat(exact.reached("spa", exact.reach("spa").getFirst())).isEqualTo("5");
        assertThat(exact.referrals(RATES.get(1), "referrals")).isEqualTo("2");
        assertThat(exact.maskedCells()).isZero();
    }

    @Test
    void aSmallReachIsMaskedWithAComplementSoNoOtherMarginGivesItBack() {
        var shown = new PublishedOutreach(EVENTS, RATES, ACTIVITY, true);
        assertThat(shown.peopleOfEvents())
                .as("analysts get no people counts per event")
                .isFalse();
        Reach spa1 = shown.reach("spa").get(0);
        Reach spa2 = shown.reach("spa").get(1);
        assertThat(shown.reached("spa", spa1)).isEqualTo("*");
        // every other margin has one row of all 45 people: were SPA 2's 40 shown beside any of them, 45 - 40 = 5
        boolean anyWholeShown =
                !shown.reached("type", shown.reach("type").getFirst()).equals("*")
                        || !shown.activity(ACTIVITY.getFirst(), "reached").equals("*");
        assertThat(shown.reached("spa", spa2).equals("*") || !anyWholeShown)
                .as("SPA 2 or every whole is masked")
                .isTrue();
        assertThat(shown.chart("spa")).startsWith("NaN|");
    }

    @Test
    void aRateOnAMaskedCountIsMaskedAndTheKindsAddUpToThePromotersReferrals() {
        var shown = new PublishedOutreach(EVENTS, RATES, ACTIVITY, true);
        var provider = RATES.get(1);
        assertThat(shown.referrals(provider, "referrals")).isEqualTo("*");
        assertThat(shown.showsRate(provider)).isFalse();
        // all 14 referrals are the promoter's (shown 14): the center classes' 12 would give the providers' 2 back
        assertThat(shown.referrals(RATES.getFirst(), "referrals").equals("*")
                        || shown.activity(ACTIVITY.getFirst(), "referrals").equals("*"))
                .isTrue();
    }
}
