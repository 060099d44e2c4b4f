package org.commonweal.grants.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDateTime;
import org.commonweal.grants.lifecycle.LetterOfIntentRules.Status;
import org.junit.jupiter.api.Test;

class LetterOfIntentRulesTests {

    private static final java.time.ZoneId LA = java.time.ZoneId.of("America/Los_Angeles");
    private final Instant loiDeadline = LocalDateTime.of(2027, 2, 1, 17, 0)
            .atZone(java.time.ZoneId.of("America/Los_Angeles"))
            .toInstant();

    @Test
    void acceptsALetterUntilItsDeadlineAndRefusesItAfterWithTheDeadline() {
        LetterOfIntentRules.requireLetterAccepted(true, loiDeadline, loiDeadline.minusSeconds(1), LA);
        assertThatThrownBy(() -> LetterOfIntentRules.requireLetterAccepted(true, loiDeadline, loiDeadline, LA))
                .isInstanceOf(GrantRuleViolation.class)
                .hasMessageContaining("February 1, 2027 at 5:00 PM");
        assertThatThrownBy(() -> LetterOfIntentRules.requireLetterAccepted(false, null, loiDeadline, LA))
                .hasMessageContaining("does not ask for a letter of intent");
    }

    @Test
    void aDeclineNeedsAReasonAndADecisionIsFinal() {
        assertThatThrownBy(() -> LetterOfIntentRules.decide(Status.SUBMITTED, false, " "))
                .hasMessageContaining("reason");
        assertThat(LetterOfIntentRules.decide(Status.SUBMITTED, false, "Outside the program's focus"))
                .isEqualTo(Status.DECLINED);
        assertThat(LetterOfIntentRules.decide(Status.SUBMITTED, true, null)).isEqualTo(Status.INVITED);
        assertThatThrownBy(() -> LetterOfIntentRules.decide(Status.DECLINED, true, null))
                .hasMessageContaining("already been declined");
    }

    @Test
    void onlyAnInvitedOrganizationMayApplyAndTheRefusalSaysWhy() {
        LetterOfIntentRules.requireInvitation(Status.INVITED, null);
        assertThatThrownBy(() -> LetterOfIntentRules.requireInvitation(null, null))
                .hasMessageContaining("has not sent one");
        assertThatThrownBy(() -> LetterOfIntentRules.requireInvitation(Status.SUBMITTED, null))
                .hasMessageContaining("still being reviewed");
        assertThatThrownBy(() -> LetterOfIntentRules.requireInvitation(Status.DECLINED, "Outside the program's focus"))
                .hasMessageContaining("declined: Outside the program's focus");
    }
}
