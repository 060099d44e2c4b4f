package org.commonweal.platform.internal;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.ibm.icu.text.MessageFormat;

import org.springframework.context.support.ReloadableResourceBundleMessageSource;
import org.springframework.util.ObjectUtils;

/**
 * The bundles, with messages that take arguments formatted by ICU MessageFormat instead of {@code java.text}: the
 * same {@code {0}}, {@code {0,number}} and {@code {0,choice,…}} syntax, plus {@code {0, plural, one {…} other {…}}}
 * with the plural rules of the page's language (CLDR), so "1 seat left" / "Queda 1 lugar" come from one message.
 * Messages without arguments are returned as written, as Spring does.
 */
class IcuMessageSource extends ReloadableResourceBundleMessageSource {

    private final Map<String, MessageFormat> formats = new ConcurrentHashMap<>();

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
        MessageFormat format = formats.computeIfAbsent(language.toLanguageTag() + '\u0000' + pattern,
                k -> new MessageFormat(pattern, language));
        Object[] resolved = resolveArguments(args, language);
        synchronized (format) {
            return format.format(resolved);
        }
    }
}
