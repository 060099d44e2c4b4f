package org.commonweal.centers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RegistrationStatusTests {

    @Test
    void waitlistsTheTwentyFirstRegistrantOfATwentySeatSession() {
        assertThat(RegistrationStatus.forArrival(20, 19)).isEqualTo(RegistrationStatus.REGISTERED);
        assertThat(RegistrationStatus.forArrival(20, 20)).isEqualTo(RegistrationStatus.WAITLISTED);
        assertThat(RegistrationStatus.forArrival(0, 0)).isEqualTo(RegistrationStatus.WAITLISTED);
    }

    @Test
    void anOfferCanBeAcceptedOrLapseButNotBeAttendedDirectly() {
        assertThat(RegistrationStatus.OFFERED.canBecome(RegistrationStatus.REGISTERED))
                .isTrue();
        assertThat(RegistrationStatus.OFFERED.canBecome(RegistrationStatus.CANCELLED))
                .isTrue();
        assertThat(RegistrationStatus.OFFERED.canBecome(RegistrationStatus.ATTENDED))
                .isFalse();
        assertThat(RegistrationStatus.WAITLISTED.canBecome(RegistrationStatus.OFFERED))
                .isTrue();
        assertThat(RegistrationStatus.WAITLISTED.canBecome(RegistrationStatus.NO_SHOW))
                .isFalse();
    }

    @Test
    void finalStatusesNeverChange() {
        for (RegistrationStatus s : new RegistrationStatus[] {
            RegistrationStatus.CANCELLED, RegistrationStatus.ATTENDED, RegistrationStatus.NO_SHOW
        }) {
            assertThat(s.isFinal()).isTrue();
            assertThat(s.next()).isEmpty();
        }
        assertThatThrownBy(() -> RegistrationStatus.CANCELLED.moveTo(RegistrationStatus.REGISTERED))
                .isInstanceOf(RegistrationException.class)
                .hasMessageContaining("cancelled registration cannot become registered");
    }

    @Test
    void onlyRegisteredAndOfferedHoldSeats() {
        assertThat(RegistrationStatus.REGISTERED.holdsSeat()).isTrue();
        assertThat(RegistrationStatus.OFFERED.holdsSeat()).isTrue();
        assertThat(RegistrationStatus.WAITLISTED.holdsSeat()).isFalse();
        assertThat(RegistrationStatus.of("no-show")).isEqualTo(RegistrationStatus.NO_SHOW);
    }
}
