package org.commonweal.centers.referral;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import org.commonweal.centers.ParticipantKind;
import org.commonweal.centers.RegistrationException;
import org.commonweal.engagement.ClassReferralMade;
import org.junit.jupiter.api.Test;

class ClassReferralsTests {

    @Test
    void aReferralWithAMemberIdRegistersAnLaCareMemberSplittingTheName() {
        var p = ClassReferrals.person(referral("María del Carmen López", "M123", "(323) 555-0142"));
        assertThat(p.kind()).isEqualTo(ParticipantKind.PLAN_MEMBER);
        assertThat(p.firstName()).isEqualTo("María del Carmen");
        assertThat(p.lastName()).isEqualTo("López");
        assertThat(p.language()).isEqualTo("es");
        assertThat(p.consentToContact()).isTrue();
    }

    @Test
    void withoutAMemberIdItIsACommunityResidentAndWithoutAPhoneNoConsentToContact() {
        var p = ClassReferrals.person(referral("Jose Ramirez", null, null));
        assertThat(p.kind()).isEqualTo(ParticipantKind.COMMUNITY);
        assertThat(p.consentToContact()).isFalse();
    }

    @Test
    void aSingleNameCannotBeRegisteredAndTheFieldIsNamed() {
        assertThatThrownBy(() -> ClassReferrals.person(referral("Maria", null, null)))
                .isInstanceOf(RegistrationException.class)
                .hasMessageContaining("personName")
                .hasMessageContaining("first and a last name");
    }

    @Test
    void classNamesAreComparedAsSlugs() {
        assertThat(ReferenceResolver.slug("HEALTHY-COOKING")).isEqualTo("healthy-cooking");
        assertThat(ReferenceResolver.slug(" Healthy  cooking! ")).isEqualTo("healthy-cooking");
        assertThat(ReferenceResolver.slug("EAST-LA")).isEqualTo("east-la");
    }

    private static ClassReferralMade referral(String name, String memberId, String phone) {
        return new ClassReferralMade(
                1, "EAST-LA:HEALTHY-COOKING", memberId, name, phone, "es", LocalDate.of(2026, 11, 30), 7);
    }
}
