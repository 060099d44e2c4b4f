package org.commonweal.shell;

import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.context.MessageSource;
import org.springframework.context.NoSuchMessageException;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/**
 * Words, not codes: the one way a code of the application (a plan, a status, a type, a yes/no, a language, a topic)
 * becomes what a person reads. Templates call {@code ${@labels.of('plan', p.code)}}, which reads the message
 * {@code code.plan.LA1} from the bundles of the page's language. A code without its message is shown as it is and
 * remembered in {@link #missing()}, which the page scan test requires to stay empty.
 *
 * <p>Counts with a noun are plain messages with an ICU plural ({@code {0, plural, one {# seat left} other {# seats
 * left}}}): the application's message source formats with ICU MessageFormat.
 */
@Component("labels")
public class Labels {

    private final MessageSource messages;
    private final Set<String> missing = ConcurrentHashMap.newKeySet();

    Labels(MessageSource messages) {
        this.messages = messages;
    }

    /** The label of {@code code} in the list {@code list} ({@code code.<list>.<code>}) in the page's language. */
    public String of(String list, Object code) {
        return of(list, code, LocaleContextHolder.getLocale());
    }

    public String of(String list, Object code, Locale locale) {
        if (code == null) {
            return "";
        }
        String value = code instanceof Enum<?> e ? e.name() : code.toString();
        if (value.isBlank()) {
            return "";
        }
        String key = "code." + list + "." + value;
        try {
            return messages.getMessage(key, null, locale);
        } catch (NoSuchMessageException e) {
            missing.add(key);
            return value;
        }
    }

    /**
     * A comma-separated list of codes ({@code ADMIN,ANALYST}) as their labels, comma-separated. An entry with a colon
     * ({@code scope:x12.270}, an API client's scope) is a published identifier and is shown as it is.
     */
    public String list(String list, String codes) {
        if (codes == null || codes.isBlank()) {
            return "";
        }
        StringBuilder words = new StringBuilder();
        for (String code : codes.split(",")) {
            if (!code.isBlank()) {
                String shown = code.contains(":") ? code.strip() : of(list, code.strip());
                words.append(words.isEmpty() ? "" : ", ").append(shown);
            }
        }
        return words.toString();
    }

    /** Values of a configuration line joined with " · ", a {@code true}/{@code false} among them as yes/no. */
    public String values(Iterable<String> values) {
        StringBuilder words = new StringBuilder();
        if (values != null) {
            for (String value : values) {
                String shown = "true".equals(value) || "false".equals(value) ? of("boolean", value) : value;
                words.append(words.isEmpty() ? "" : " · ").append(shown == null ? "" : shown);
            }
        }
        return words.toString();
    }

    /** "Yes"/"No", "Sí"/"No"; empty for none. */
    public String yesNo(Boolean value) {
        return value == null ? "" : of("boolean", value);
    }

    /** A language code ({@code es}, {@code zh-Hant}) in words in the page's language: "Spanish", "español". */
    public String language(String tag) {
        if (tag == null || tag.isBlank()) {
            return "";
        }
        Locale page = LocaleContextHolder.getLocale();
        Locale language = Locale.forLanguageTag(tag.trim().replace('_', '-'));
        String name = language.getDisplayName(page);
        if (name.isBlank() || name.equalsIgnoreCase(tag.trim())) {
            return of("language", tag.trim());
        }
        return name.substring(0, 1).toUpperCase(page) + name.substring(1);
    }

    /** A comma-separated list of language codes in words. */
    public String languages(Iterable<String> tags) {
        if (tags == null) {
            return "";
        }
        StringBuilder words = new StringBuilder();
        for (String tag : tags) {
            if (tag == null || tag.isBlank()) {
                continue;
            }
            if (!words.isEmpty()) {
                words.append(", ");
            }
            words.append(language(tag));
        }
        return words.toString();
    }

    /** The keys asked for and not found since start (or since a test cleared it). */
    public Set<String> missing() {
        return missing;
    }
}
