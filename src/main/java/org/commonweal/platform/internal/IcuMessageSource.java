package org.commonweal.platform.internal;

import com.ibm.icu.text.MessageFormat;
import java.text.NumberFormat;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Currency;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.commonweal.platform.Money;
import org.springframework.context.support.ReloadableResourceBundleMessageSource;
import org.springframework.util.ObjectUtils;

/**
 * The bundles, with messages that take arguments formatted by ICU MessageFormat instead of {@code java.text}: the
 * same {@code {0}}, {@code {0,number}} and {@code {0,choice,…}} syntax, plus {@code {0, plural, one {…} other {…}}}
 * with the plural rules of the page's language (CLDR), so "1 seat left" / "Queda 1 lugar" come from one message.
 * Messages without arguments are returned as written, as Spring does. A {@link LocalDate} argument is written as
 * a date in words ("Dec 5, 2026" / "5 dic 2026"), a {@link Money} in the plan's currency and a yes/no as
 * {@code code.boolean.*}, in the message's language.
 */
class IcuMessageSource extends ReloadableResourceBundleMessageSource {

    private final Map<String, MessageFormat> formats = new ConcurrentHashMap<>();
    private final Currency currency;

    IcuMessageSource(Currency currency) {
        this.currency = currency;
    }

    @Override
    protected String getMessageInternal(String code, Object[] args, Locale locale) {
        if (code == null || ObjectUtils.isEmpty(args)) {
            return super.getMessageInternal(code, args, locale);
        }
        Locale language = locale == null ? Locale.getDefault() : locale;
        String pattern = resolveCodeWithoutArguments(code, language);
        if (pattern == null) {
            return super.getMessageInternal(code, args, locale);
        }
        MessageFormat format = formats.computeIfAbsent(
                language.toLanguageTag() + '\u0000' + pattern, k -> new MessageFormat(pattern, language));
        Object[] resolved = resolveArguments(args, language);
        for (int i = 0; i < resolved.length; i++) {
            resolved[i] = words(resolved[i], language);
        }
        synchronized (format) {
            return format.format(resolved);
        }
    }

    /** Days and money in the message's language, as shell's Formats writes them; never an ISO date or "¤". */
    private Object words(Object argument, Locale language) {
        return switch (argument) {
            case LocalDate day ->
                DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM)
                        .withLocale(language)
                        .format(day);
            case Money money
            when money.amount() != null -> {
                NumberFormat format = NumberFormat.getCurrencyInstance(language);
                format.setCurrency(currency);
                yield format.format(money.amount());
            }
            case Boolean yes -> {
                String word = resolveCodeWithoutArguments("code.boolean." + yes, language);
                yield word == null ? yes : word;
            }
            case null, default -> argument;
        };
    }
}
