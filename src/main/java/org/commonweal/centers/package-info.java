/**
 * Community Resource Centers: the centers, their programs and class series, dated sessions, registrations with a
 * waitlist, check-in, walk-in services, screenings, the public schedule and the Open Referral (HSDS) API.
 * Other modules register people for sessions through {@link Centers}; a Health Promoter's class referral
 * (engagement's {@code ClassReferralMade}) becomes a registration and its outcome is reported back. A public
 * registration is linked to a membership only for a signed-in member or a CIN and birth date that coverage confirms.
 */
@org.springframework.modulith.ApplicationModule(
        displayName = "Community Resource Centers",
        allowedDependencies = {"platform", "identity", "audit", "geography", "demo", "shell", "engagement", "coverage"})
package org.commonweal.centers;
