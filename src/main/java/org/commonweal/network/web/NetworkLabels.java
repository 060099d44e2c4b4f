package org.commonweal.network.web;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import org.commonweal.geography.Geography;
import org.commonweal.network.Specialties;
import org.commonweal.network.fhir.HoursOfOperation;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/** Plain-language labels for templates: specialties, languages and networks in the visitor's language. */
@Component("networkLabels")
public class NetworkLabels {

    private final Geography geography;
    private final MessageSource messages;

    private final String directionsUrl;

    NetworkLabels(Geography geography, MessageSource messages,
            @Value("${commonweal.network.directions-url:https://www.google.com/maps/dir/?api=1&destination=}")
            String directionsUrl) {
        this.directionsUrl = directionsUrl;
        this.geography = geography;
        this.messages = messages;
    }

    public String specialty(String code, Locale locale) {
        return Specialties.catalog().byCode(code).map(s -> s.plainName(locale)).orElse(code);
    }

    public String languages(List<String> codes) {
        return codes.stream().map(c -> geography.language(c).map(l -> l.nativeName()).orElse(c))
                .collect(Collectors.joining(", "));
    }

    /**
     * Opening hours as the directory keeps them ({@code mon-fri 08:00-17:00;sat 09:00-13:00}) in words: "Monday to
     * Friday, 8:00 AM to 5:00 PM; Saturday, 9:00 AM to 1:00 PM". Hours the directory holds in another form are shown
     * as they are.
     */
    public String hours(String hours, Locale locale) {
        if (hours == null || hours.isBlank()) {
            return null;
        }
        List<String> out = new java.util.ArrayList<>();
        for (String block : hours.split(";")) {
            var parsed = HoursOfOperation.parse(block);
            if (parsed.isEmpty()) {
                return hours;
            }
            var h = parsed.get();
            String first = day(h.days().getFirst(), locale);
            String days = h.days().size() == 1 ? first
                    : messages.getMessage("network.hours.days", new Object[] {first, day(h.days().getLast(), locale)},
                            locale);
            out.add(h.allDay() ? messages.getMessage("network.hours.allday", new Object[] {days}, locale)
                    : messages.getMessage("network.hours.block", new Object[] {days, time(h.opens(), locale),
                            time(h.closes(), locale)}, locale));
        }
        return String.join("; ", out);
    }

    /** A phone number as a {@code tel:} link: digits only, with the US country code. */
    public String tel(String phone) {
        if (phone == null) {
            return null;
        }
        String digits = phone.replaceAll("[^0-9]", "");
        return "tel:" + (digits.length() == 10 ? "+1" + digits : digits);
    }

    /** A link that opens directions to an address in the visitor's maps application or site. */
    public String directions(String address) {
        return address == null ? null : directionsUrl + java.net.URLEncoder.encode(address + ", CA",
                java.nio.charset.StandardCharsets.UTF_8);
    }

    private static String day(String abbreviation, Locale locale) {
        var day = java.time.DayOfWeek.values()[List.of("mon", "tue", "wed", "thu", "fri", "sat", "sun")
                .indexOf(abbreviation)];
        return day.getDisplayName(java.time.format.TextStyle.FULL, locale);
    }

    private static String time(String hhmm, Locale locale) {
        var t = hhmm.equals("24:00") ? java.time.LocalTime.MIDNIGHT : java.time.LocalTime.parse(hhmm);
        return t.format(java.time.format.DateTimeFormatter.ofPattern(locale.getLanguage().equals("en") ? "h:mm a"
                : "H:mm", locale.getLanguage().equals("en") ? Locale.US : locale));
    }

    /** Network ids ({@code net-medi-cal}) as plan names. */
    public String networks(List<String> networkIds, Locale locale) {
        return networkIds.stream().map(id -> messages.getMessage("network.plan." + id.replaceFirst("^net-", ""), null,
                id, locale)).collect(Collectors.joining(", "));
    }
}
