package org.commonweal.shell.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import org.commonweal.shell.Formats;
import org.commonweal.shell.Labels;
import org.springframework.beans.factory.ObjectProvider;
import org.thymeleaf.context.ITemplateContext;
import org.thymeleaf.engine.AttributeName;
import org.thymeleaf.model.IProcessableElementTag;
import org.thymeleaf.processor.IProcessor;
import org.thymeleaf.processor.element.IElementTagStructureHandler;
import org.thymeleaf.spring6.dialect.SpringStandardDialect;
import org.thymeleaf.standard.processor.AbstractStandardExpressionAttributeTagProcessor;
import org.thymeleaf.standard.processor.StandardTextTagProcessor;
import org.thymeleaf.templatemode.TemplateMode;
import org.unbescape.html.HtmlEscape;
import org.unbescape.xml.XmlEscape;

/**
 * Spring's standard dialect with one change: {@code th:text} writes values for people, not their {@code toString()}.
 * A day is written as {@code @formats.date} does ("Dec 5, 2026" / "5 dic 2026"), an instant as
 * {@code @formats.dateTime} on the plan's clock, a yes/no as {@code code.boolean.*} and a constant of one of the
 * application's enums as its label {@code code.<EnumName>.<CONSTANT>} ({@link Labels}). So a page that prints a date
 * or a status straight from a record shows words, and a missing label shows up in the page scan test.
 */
final class WordsDialect extends SpringStandardDialect {

    private final ObjectProvider<Formats> formats;
    private final ObjectProvider<Labels> labels;

    WordsDialect(ObjectProvider<Formats> formats, ObjectProvider<Labels> labels) {
        this.formats = formats;
        this.labels = labels;
    }

    @Override
    public Set<IProcessor> getProcessors(String dialectPrefix) {
        Set<IProcessor> processors = new LinkedHashSet<>();
        for (IProcessor processor : super.getProcessors(dialectPrefix)) {
            if (processor instanceof StandardTextTagProcessor) {
                processors.add(new WordsTextProcessor(processor.getTemplateMode(), dialectPrefix));
            } else {
                processors.add(processor);
            }
        }
        return processors;
    }

    Object words(Object value, Locale locale) {
        return switch (value) {
            case LocalDate day -> formats.getObject().date(day, locale);
            case Instant moment -> formats.getObject().dateTime(moment, locale);
            case OffsetDateTime moment -> formats.getObject().dateTime(moment, locale);
            case ZonedDateTime moment -> formats.getObject().dateTime(moment, locale);
            case LocalDateTime wall -> formats.getObject().dateTime(wall, locale);
            case Boolean yes -> labels.getObject().of("boolean", yes, locale);
            case Enum<?> constant
            when constant.getDeclaringClass().getName().startsWith("org.commonweal.") ->
                labels.getObject().of(constant.getDeclaringClass().getSimpleName(), constant, locale);
            case null, default -> value;
        };
    }

    /** {@code th:text} as Thymeleaf's own, with the value put into words first. */
    private final class WordsTextProcessor extends AbstractStandardExpressionAttributeTagProcessor {

        WordsTextProcessor(TemplateMode mode, String prefix) {
            super(mode, prefix, StandardTextTagProcessor.ATTR_NAME, StandardTextTagProcessor.PRECEDENCE, true, false);
        }

        @Override
        protected void doProcess(
                ITemplateContext context,
                IProcessableElementTag tag,
                AttributeName name,
                String attributeValue,
                Object result,
                IElementTagStructureHandler structure) {
            Object shown = words(result, context.getLocale());
            String text = shown == null ? "" : shown.toString();
            structure.setBody(
                    getTemplateMode() == TemplateMode.XML
                            ? XmlEscape.escapeXml10(text)
                            : HtmlEscape.escapeHtml4Xml(text),
                    false);
        }
    }
}
