package org.commonweal.insights.web;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.commonweal.geography.Geography;
import org.commonweal.geography.Region;
import org.commonweal.insights.internal.FigureStore;
import org.commonweal.insights.internal.Measure;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/** Names of places, groups and measures in the reader's language. */
@Component
class Names {

    private final Geography geography;
    private final MessageSource messages;
    private final FigureStore store;

    Names(Geography geography, MessageSource messages, FigureStore store) {
        this.geography = geography;
        this.messages = messages;
        this.store = store;
    }

    List<Region> areas(String level) {
        return level.equals("rcac") ? geography.rcacRegions() : geography.servicePlanningAreas();
    }

    String area(String level, int area, Locale locale) {
        if (level.equals("county") || area == 0) {
            return text("insights.county", locale);
        }
        String name = (level.equals("rcac") ? geography.rcacRegion(area) : geography.servicePlanningArea(area))
                .map(Region::name)
                .orElse("?");
        return text("insights.level." + level + ".short", locale) + " " + area + " – " + name;
    }

    String measure(Measure measure, Locale locale) {
        return text("insights.measure." + measure.code(), locale);
    }

    String unit(Measure measure, Locale locale) {
        return text("insights.unit." + measure.code(), locale);
    }

    String kind(String kind, Locale locale) {
        return text("insights.kind." + kind, locale);
    }

    /** A group's name; {@code labels} from {@link #storedLabels()} for provider types and product lines. */
    String group(String kind, String value, Locale locale, Map<String, String[]> labels) {
        if (kind.equals("all")) {
            return text("insights.group.all", locale);
        }
        if (value.equals("unknown")) {
            return text("insights.group.unknown", locale);
        }
        return switch (kind) {
            case "language" ->
                geography
                        .language(value)
                        .map(l -> locale.getLanguage().equals("es") && l.code().equals("es")
                                ? l.nativeName()
                                : l.englishName())
                        .orElse(value);
            case "race", "sex" -> messages.getMessage("insights." + kind + "." + value, null, value, locale);
            case "provider_type", "product_line", "measure" -> {
                String[] label = labels.get(kind + "|" + value);
                yield label == null ? value : locale.getLanguage().equals("es") ? label[1] : label[0];
            }
            default -> value;
        };
    }

    Map<String, String[]> storedLabels() {
        return store.labels();
    }

    String text(String key, Locale locale, Object... args) {
        return messages.getMessage(key, args, locale);
    }
}
