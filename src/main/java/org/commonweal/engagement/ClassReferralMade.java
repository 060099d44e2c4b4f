package org.commonweal.engagement;

import java.time.LocalDate;

/**
 * A Health Promoter referred someone to a Community Resource Center class. Published after the referral is stored;
 * the centers module may register the person and answer with {@link ReferralOutcomeReported}.
 *
 * @param referralId the engagement module's referral id (echo it back in {@link ReferralOutcomeReported})
 * @param classReference the center class as the promoter chose it, for example {@code POMONA:ZUMBA} or a class id
 * @param memberId the plan member id, or null for a community member
 * @param personName the person's name, for a registration without a member id
 * @param phone a phone number to reach the person, may be null
 * @param language the person's preferred language (ISO 639 code)
 */
public record ClassReferralMade(
        long referralId,
        String classReference,
        String memberId,
        String personName,
        String phone,
        String language,
        LocalDate referredOn,
        long promoterId) {}
