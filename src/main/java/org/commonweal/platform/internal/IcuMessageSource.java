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
import org.commonweal.platform.PlanIdentity;
import org.springframework.context.support.ReloadableResourceBundleMessageSource;
import org.springframework.util.ObjectUtils;

/**
 * The bundles, with messages that take arguments formatted by ICU MessageFormat instead of {@code java.text}: the
 * same {@code {0}}, {@code {0,number}} and {@code {0,choice,…}} syntax, plus {@code {0, plural, one {…} other {…}}}
 * with the plural rules of the page's language (CLDR), so "1 seat left" / "Queda 1 lugar" come from one message.
 * Messages without arguments are returned as written, as Spring does. A {@link LocalDate} argument is written as
 * a date in words ("Dec 5, 2026" / "5 dic 2026"), a {@link Money} in the plan's currency and a yes/no as
 * {@code code.boolean.*}, in the message's language. The plan's own words ({@code {planShortName}},
 * {@code {planCounty}} ...) are filled in from {@link org.commonweal.platform.PlanIdentity} first ({@link PlanWords}).
 */
class IcuMessageSource extends ReloadableResourceBundleMessageSource {

    private final Map<String, MessageFormat> formats = new ConcurrentHashMap<>();
    private final Currency currency;
    private final PlanWords plan;

    IcuMessageSource(PlanIdentity plan) {
        this.currency = plan.currency();
        this.plan = new PlanWords(plan);
    }

    @Override
    protected String resolveCodeWithoutArguments(String code, Locale locale) {
        return plan.fill(super.resolveCodeWithoutArguments(code, locale), language(locale), false);
    }

    @Override
    protected String getMessageInternal(String code, Object[] args, Locale locale) {
        if (code == null || ObjectUtils.isEmpty(args)) {
            return super.getMessageInternal(code, args, locale);
        }
        Locale language = language(locale);
        String pattern = plan.fill(super.resolveCodeWithoutArguments(code, language), language, true);
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

    private static Locale language(Locale locale) {
        return locale == null ? Locale.getDefault() : locale;
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
