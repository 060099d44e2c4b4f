package org.commonweal.platform.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Objects;
import java.util.TreeSet;
import org.commonweal.platform.PlanIdentity;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * Every module keeps its own bundle, {@code i18n/<module>.properties} plus {@code i18n/<module>_es.properties}
 * and any other language; all are found on the classpath so modules never edit a shared file. Messages with
 * arguments are formatted by ICU MessageFormat ({@link IcuMessageSource}), so counts take the plural rules of each
 * language: {@code {0, plural, one {# seat left} other {# seats left}}}.
 */
@Configuration(proxyBeanMethods = false)
class MessagesConfiguration {

    @Bean
    MessageSource messageSource(PlanIdentity plan) {
        var source = new IcuMessageSource(plan);
        source.setBasenames(basenames());
        source.setDefaultEncoding("UTF-8");
        source.setFallbackToSystemLocale(false);
        source.setUseCodeAsDefaultMessage(false);
        return source;
    }

    static String[] basenames() {
        try {
            var resources = new PathMatchingResourcePatternResolver().getResources("classpath*:i18n/*.properties");
            var names = new TreeSet<String>();
            Arrays.stream(resources)
                    .map(r -> r.getFilename())
                    .filter(Objects::nonNull)
                    .map(f -> f.substring(0, f.length() - ".properties".length()))
                    .map(f -> f.replaceFirst("_[a-z]{2}(_[A-Z]{2})?$", ""))
                    .forEach(n -> names.add("classpath:i18n/" + n));
            return names.toArray(String[]::new);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
