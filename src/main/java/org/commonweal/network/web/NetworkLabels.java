package org.commonweal.network.web;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.commonweal.geography.Geography;
import org.commonweal.network.Specialties;
import org.commonweal.shell.OpeningHours;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/** Plain-language labels for templates: specialties, languages and networks in the visitor's language. */
@Component("networkLabels")
public class NetworkLabels {

    private final Geography geography;
    private final MessageSource messages;

    private final String directionsUrl;

    NetworkLabels(
            Geography geography,
            MessageSource messages,
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
        return codes.stream()
                .map(c -> geography.language(c).map(l -> l.nativeName()).orElse(c))
                .collect(Collectors.joining(", "));
    }

    /** Opening hours in words, by the shell's one reader ({@link OpeningHours}); null for none. */
    public String hours(String hours, Locale locale) {
        return hours == null || hours.isBlank()
                ? null
                : OpeningHours.words(hours, locale).orElse(hours);
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
        return address == null
                ? null
                : directionsUrl + java.net.URLEncoder.encode(address + ", CA", java.nio.charset.StandardCharsets.UTF_8);
    }

    /** Network ids ({@code net-medi-cal}) as plan names. */
    public String networks(List<String> networkIds, Locale locale) {
        return networkIds.stream()
                .map(id -> messages.getMessage("network.plan." + id.replaceFirst("^net-", ""), null, id, locale))
                .collect(Collectors.joining(", "));
    }
}
