package org.commonweal.shell.internal;

import java.util.LinkedHashSet;
import java.util.Set;
import org.commonweal.shell.Formats;
import org.commonweal.shell.Labels;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.thymeleaf.dialect.IDialect;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.spring6.dialect.SpringStandardDialect;

/** Puts {@link WordsDialect} in place of Spring's standard dialect in the template engine Spring Boot builds. */
@Configuration(proxyBeanMethods = false)
class WordsDialectInstaller {

    @Bean
    static BeanPostProcessor wordsDialect(ObjectProvider<Formats> formats, ObjectProvider<Labels> labels) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String name) {
                if (bean instanceof SpringTemplateEngine engine) {
                    Set<IDialect> dialects = new LinkedHashSet<>();
                    for (IDialect dialect : engine.getDialects()) {
                        dialects.add(
                                dialect instanceof SpringStandardDialect standard && !(dialect instanceof WordsDialect)
                                        ? words(standard, formats, labels)
                                        : dialect);
                    }
                    engine.setDialects(dialects);
                }
                return bean;
            }
        };
    }

    private static WordsDialect words(
            SpringStandardDialect standard, ObjectProvider<Formats> formats, ObjectProvider<Labels> labels) {
        WordsDialect words = new WordsDialect(formats, labels);
        words.setEnableSpringELCompiler(standard.getEnableSpringELCompiler());
        words.setRenderHiddenMarkersBeforeCheckboxes(standard.getRenderHiddenMarkersBeforeCheckboxes());
        return words;
    }
}
