package org.commonweal.shell;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.lang.reflect.Field;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.springframework.context.MessageSource;
import org.springframework.context.NoSuchMessageException;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.context.support.DefaultMessageSourceResolvable;
import org.springframework.core.convert.ConversionService;
import org.springframework.core.convert.TypeDescriptor;
import org.springframework.format.support.DefaultFormattingConversionService;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.validation.FieldError;
import org.springframework.validation.ObjectError;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * One way to answer a form with errors, for every module. A controller binds the form to a record annotated with
 * Jakarta Bean Validation constraints ({@code @Valid Form form, BindingResult result}), adds its domain checks with
 * {@code result.rejectValue(field, code)}, and calls {@link #rejected}: when there are errors, the model gets
 * {@code formErrors} (every problem at once, each naming its field in words, in the page's language) and the
 * controller shows the same page again with what was typed.
 *
 * <p>Field names come from the module's bundle: {@code <labels>.<field>} (for example
 * {@code coverage.correction.field.zip=ZIP code}). Messages use the field's name as argument {0}; the constraint's
 * attributes follow in alphabetical order (so {@code @Size}'s max is {1}, {@code @Max}'s value {1}).
 */
@Component
public class Forms {

    /** The HTTP status of a form shown again with errors. */
    public static final int UNPROCESSABLE = 422;

    private final MessageSource messages;
    private final Validator validator;
    private final ConversionService conversions;

    /**
     * Its own conversion service (the JSR-310 formatters and {@code @DateTimeFormat}, as the web binder has), so the
     * bean also exists when the application runs a command without the web layer.
     */
    Forms(MessageSource messages, Validator validator) {
        this.messages = messages;
        this.validator = validator;
        this.conversions = new DefaultFormattingConversionService();
    }

    /**
     * Completes the checks of a form record the binder could not build: when one value has the wrong type ("twelve"
     * in a number box), Spring reports that one and skips Bean Validation of the rest; this validates every other
     * submitted value against the record's constraints, so the person sees every error at once.
     *
     * <p>Spring still hands the controller the record, with null where a value could not be converted, but the
     * binding result has no target then: reject fields with {@link FieldChecks#reject}, not {@code rejectValue}.
     *
     * @return the form (possibly with nulls where a value could not be converted)
     */
    public <T extends Record> T complete(Class<T> type, T form, BindingResult result) {
        if (result.getTarget() != null || !result.hasErrors()) {
            return form;
        }
        var request = currentRequest();
        for (RecordComponent component : type.getRecordComponents()) {
            String name = component.getName();
            if (result.hasFieldErrors(name)) {
                continue;
            }
            String[] raw = request == null ? null : request.getParameterValues(name);
            Object value;
            try {
                Field field = type.getDeclaredField(name);
                value = raw == null
                        ? null
                        : conversions.convert(
                                raw.length == 1 ? raw[0] : raw,
                                TypeDescriptor.forObject(raw.length == 1 ? raw[0] : raw),
                                new TypeDescriptor(field));
            } catch (ReflectiveOperationException | RuntimeException e) {
                continue;
            }
            for (ConstraintViolation<T> violation : validator.validateValue(type, name, value)) {
                var descriptor = violation.getConstraintDescriptor();
                String code = descriptor.getAnnotation().annotationType().getSimpleName();
                List<Object> arguments = new ArrayList<>();
                arguments.add(new DefaultMessageSourceResolvable(new String[] {name}, name));
                new TreeMap<>(descriptor.getAttributes()).forEach((attribute, attributeValue) -> {
                    if (!List.of("message", "groups", "payload").contains(attribute)) {
                        arguments.add(attributeValue);
                    }
                });
                result.addError(new FieldError(
                        result.getObjectName(),
                        name,
                        raw == null ? null : String.join(",", raw),
                        false,
                        result.resolveMessageCodes(code, name),
                        arguments.toArray(),
                        violation.getMessage()));
            }
        }
        return form;
    }

    private static HttpServletRequest currentRequest() {
        return RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes
                ? attributes.getRequest()
                : null;
    }

    /**
     * @param labels message-key prefix of the field names ({@code <labels>.<field>})
     * @param idPrefix prefix of the inputs' ids ({@code idPrefix + field} is the id the summary links to)
     * @return true when the form has errors (and {@code formErrors} is in the model)
     */
    public boolean rejected(BindingResult result, Model model, String labels, String idPrefix) {
        Locale locale = LocaleContextHolder.getLocale();
        return rejected(result, model, field -> label(labels, field, locale), idPrefix);
    }

    /**
     * @param labels the field's name in words, in the current language, for forms whose fields are not fixed (one
     *     row per committee member, for example)
     */
    public boolean rejected(BindingResult result, Model model, Function<String, String> labels, String idPrefix) {
        if (!result.hasErrors()) {
            return false;
        }
        model.addAttribute("formErrors", describe(result, labels, idPrefix));
        return true;
    }

    /** The errors in the current language. */
    public FormErrors describe(BindingResult result, String labels, String idPrefix) {
        Locale locale = LocaleContextHolder.getLocale();
        return describe(result, field -> label(labels, field, locale), idPrefix);
    }

    private FormErrors describe(BindingResult result, Function<String, String> labels, String idPrefix) {
        Locale locale = LocaleContextHolder.getLocale();
        List<FormErrors.Problem> problems = new ArrayList<>();
        for (ObjectError error : result.getAllErrors()) {
            if (error instanceof FieldError field) {
                String label = labels.apply(field.getField());
                Object typed = field.getRejectedValue();
                if (typed instanceof String[] values) {
                    typed = String.join(",", values);
                }
                problems.add(new FormErrors.Problem(
                        field.getField(),
                        idPrefix + field.getField(),
                        message(field, label, locale),
                        typed == null ? null : typed.toString()));
            } else {
                problems.add(new FormErrors.Problem(null, "main", message(error, "", locale), null));
            }
        }
        Map<String, String> submitted = new LinkedHashMap<>();
        var request = currentRequest();
        if (request != null) {
            request.getParameterMap().forEach((name, values) -> submitted.put(name, String.join(",", values)));
        }
        return new FormErrors(List.copyOf(problems), submitted);
    }

    private String label(String labels, String field, Locale locale) {
        return messages.getMessage(labels + "." + field, null, field, locale);
    }

    private String message(ObjectError error, String label, Locale locale) {
        Object[] arguments = arguments(error, label);
        for (String code : error.getCodes() == null ? new String[0] : error.getCodes()) {
            try {
                return messages.getMessage(code, arguments, locale);
            } catch (NoSuchMessageException e) {
                // try the next, less specific code
            }
        }
        if (error.getDefaultMessage() != null && !error.getDefaultMessage().isBlank()) {
            return label.isEmpty() ? error.getDefaultMessage() : label + ": " + error.getDefaultMessage();
        }
        return messages.getMessage("form.error.invalid", new Object[] {label}, locale);
    }

    /** {0} is the field's name in words; Spring's own first argument (the field's code) is replaced by it. */
    private static Object[] arguments(ObjectError error, String label) {
        Object[] given = error.getArguments();
        if (given == null || given.length == 0) {
            return new Object[] {label};
        }
        Object[] arguments = Arrays.copyOf(given, given.length);
        if (arguments[0] instanceof DefaultMessageSourceResolvable) {
            arguments[0] = label;
        } else {
            arguments = prepend(label, given);
        }
        return arguments;
    }

    private static Object[] prepend(Object first, Object[] rest) {
        Object[] all = new Object[rest.length + 1];
        all[0] = first;
        System.arraycopy(rest, 0, all, 1, rest.length);
        return all;
    }
}
