package org.commonweal.network.web;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import org.commonweal.geography.Geography;
import org.commonweal.network.Specialties;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/** Plain-language labels for templates: specialties, languages and networks in the visitor's language. */
@Component("networkLabels")
public class NetworkLabels {

    private final Geography geography;
    private final MessageSource messages;

    NetworkLabels(Geography geography, MessageSource messages) {
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

    /** Network ids ({@code net-medi-cal}) as plan names. */
    public String networks(List<String> networkIds, Locale locale) {
        return networkIds.stream().map(id -> messages.getMessage("network.plan." + id.replaceFirst("^net-", ""), null,
                id, locale)).collect(Collectors.joining(", "));
    }
}
