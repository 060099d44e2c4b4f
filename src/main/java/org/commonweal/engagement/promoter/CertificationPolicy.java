package org.commonweal.engagement.promoter;

import java.time.LocalDate;
import java.util.List;

/**
 * The Health Promoter certification rules, as settings: the work-experience pathway needs {@code workHours} hours in
 * the {@code workYears} years before certification; a certification lasts {@code validMonths} and renews for another
 * period when {@code ceHours} of continuing education were completed within the period; staff are alerted
 * {@code alertDays} before expiry.
 */
public record CertificationPolicy(int workHours, int workYears, int validMonths, double ceHours, int alertDays) {

    /** California CHW defaults: 2,000 hours in 3 years; yearly renewal with 6 hours of continuing education. */
    public static final CertificationPolicy CALIFORNIA = new CertificationPolicy(2000, 3, 12, 6, 60);

    public record Hours(LocalDate on, double hours) {}

    public enum State {
        NOT_CERTIFIED,
        CURRENT,
        EXPIRING,
        EXPIRED
    }

    /**
     * @param expiresOn end of the current (or last) period; null when never certified
     * @param ceInPeriod continuing-education hours completed in the current period
     * @param ceNeeded hours still needed to renew at the end of the current period
     */
    public record Status(State state, LocalDate expiresOn, double ceInPeriod, double ceNeeded) {}

    /** The first day on which the logged work hours reach the threshold within the window, or null. */
    public LocalDate workExperienceQualifiesOn(List<Hours> logged) {
        List<Hours> sorted =
                logged.stream().sorted((a, b) -> a.on().compareTo(b.on())).toList();
        for (int i = 0; i < sorted.size(); i++) {
            LocalDate end = sorted.get(i).on();
            LocalDate start = end.minusYears(workYears);
            double sum = sorted.stream()
                    .filter(h -> h.on().isAfter(start) && !h.on().isAfter(end))
                    .mapToDouble(Hours::hours)
                    .sum();
            if (sum >= workHours) {
                return end;
            }
        }
        return null;
    }

    /** Where a certification stands on {@code today}, renewing each period whose continuing education was done. */
    public Status status(LocalDate certifiedOn, List<Hours> continuingEducation, LocalDate today) {
        if (certifiedOn == null || certifiedOn.isAfter(today)) {
            return new Status(State.NOT_CERTIFIED, null, 0, 0);
        }
        LocalDate periodStart = certifiedOn;
        LocalDate expires = certifiedOn.plusMonths(validMonths);
        while (!expires.isAfter(today) && hoursBetween(continuingEducation, periodStart, expires) >= ceHours) {
            periodStart = expires;
            expires = expires.plusMonths(validMonths);
        }
        double done = hoursBetween(continuingEducation, periodStart, expires);
        double needed = Math.max(0, ceHours - done);
        State state = !expires.isAfter(today)
                ? State.EXPIRED
                : !today.plusDays(alertDays).isBefore(expires) && needed > 0 ? State.EXPIRING : State.CURRENT;
        return new Status(state, expires, done, needed);
    }

    private static double hoursBetween(List<Hours> hours, LocalDate from, LocalDate until) {
        return hours.stream()
                .filter(h -> !h.on().isBefore(from) && h.on().isBefore(until))
                .mapToDouble(Hours::hours)
                .sum();
    }
}
