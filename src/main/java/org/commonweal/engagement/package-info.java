/**
 * Member voice: the Regional Community Advisory Committees, the Executive Community Advisory Committee, and the
 * Health Promoters program. Publishes {@link org.commonweal.engagement.ClassReferralMade} when a promoter refers
 * someone to a Community Resource Center class; the centers module may turn it into a registration.
 */
@org.springframework.modulith.ApplicationModule(
        displayName = "Engagement",
        allowedDependencies = {"platform", "identity", "audit", "geography", "demo", "shell"})
package org.commonweal.engagement;
