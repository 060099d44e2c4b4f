package org.commonweal.engagement.promoter;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.commonweal.engagement.promoter.CertificationPolicy.Hours;
import org.commonweal.engagement.promoter.CertificationPolicy.State;
import org.junit.jupiter.api.Test;

class CertificationPolicyTests {

    static final CertificationPolicy P = CertificationPolicy.CALIFORNIA;
    static final LocalDate CERTIFIED = LocalDate.of(2025, 1, 15);

    @Test
    void currentThenExpiringThenExpiredWithoutContinuingEducation() {
        assertThat(P.status(CERTIFIED, List.of(), LocalDate.of(2025, 6, 1)).state())
                .isEqualTo(State.CURRENT);
        var expiring = P.status(CERTIFIED, List.of(), LocalDate.of(2025, 12, 1));
        assertThat(expiring.state()).isEqualTo(State.EXPIRING);
        assertThat(expiring.expiresOn()).isEqualTo(LocalDate.of(2026, 1, 15));
        assertThat(expiring.ceNeeded()).isEqualTo(6.0);
        assertThat(P.status(CERTIFIED, List.of(), LocalDate.of(2026, 1, 15)).state())
                .isEqualTo(State.EXPIRED);
    }

    @Test
    void continuingEducationInThePeriodRenewsIt() {
        var ce = List.of(new Hours(LocalDate.of(2025, 3, 1), 4), new Hours(LocalDate.of(2025, 11, 1), 2));
        var status = P.status(CERTIFIED, ce, LocalDate.of(2026, 2, 1));
        assertThat(status.state()).isEqualTo(State.CURRENT);
        assertThat(status.expiresOn()).isEqualTo(LocalDate.of(2027, 1, 15));
        assertThat(status.ceInPeriod()).isZero();
    }

    @Test
    void hoursOutsideThePeriodDoNotCount() {
        var ce = List.of(new Hours(LocalDate.of(2024, 12, 1), 10), new Hours(LocalDate.of(2026, 1, 15), 10));
        assertThat(P.status(CERTIFIED, ce, LocalDate.of(2026, 2, 1)).state()).isEqualTo(State.EXPIRED);
    }

    @Test
    void noAlertWhenContinuingEducationIsAlreadyDone() {
        var ce = List.of(new Hours(LocalDate.of(2025, 3, 1), 6));
        assertThat(P.status(CERTIFIED, ce, LocalDate.of(2025, 12, 20)).state()).isEqualTo(State.CURRENT);
    }

    @Test
    void neverCertified() {
        assertThat(P.status(null, List.of(), LocalDate.now()).state()).isEqualTo(State.NOT_CERTIFIED);
    }

    @Test
    void workExperienceQualifiesAtTwoThousandHoursWithinThreeYears() {
        List<Hours> months = new ArrayList<>();
        LocalDate start = LocalDate.of(2023, 1, 1);
        for (int m = 0; m < 36; m++) {
            months.add(new Hours(start.plusMonths(m), 60));
        }
        // 60 h a month: 2,000 hours after 34 months (2,040)
        assertThat(P.workExperienceQualifiesOn(months)).isEqualTo(start.plusMonths(33));
    }

    @Test
    void hoursSpreadOverMoreThanThreeYearsDoNotQualify() {
        List<Hours> months = new ArrayList<>();
        LocalDate start = LocalDate.of(2020, 1, 1);
        for (int m = 0; m < 72; m++) {
            months.add(new Hours(start.plusMonths(m), 27));
        }
        assertThat(P.workExperienceQualifiesOn(months)).isNull();
    }
}
