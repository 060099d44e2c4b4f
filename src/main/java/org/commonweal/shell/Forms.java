package org.commonweal.shell;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.springframework.context.MessageSource;
import org.springframework.context.NoSuchMessageException;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.context.support.DefaultMessageSourceResolvable;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.validation.FieldError;
import org.springframework.validation.ObjectError;

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

    Forms(MessageSource messages) {
        this.messages = messages;
    }

    /**
     * @param labels message-key prefix of the field names ({@code <labels>.<field>})
     * @param idPrefix prefix of the inputs' ids ({@code idPrefix + field} is the id the summary links to)
     * @return true when the form has errors (and {@code formErrors} is in the model)
     */
    public boolean rejected(BindingResult result, Model model, String labels, String idPrefix) {
        if (!result.hasErrors()) {
            return false;
        }
        model.addAttribute("formErrors", describe(result, labels, idPrefix));
        return true;
    }

    /** The errors in the current language. */
    public FormErrors describe(BindingResult result, String labels, String idPrefix) {
        Locale locale = LocaleContextHolder.getLocale();
        List<FormErrors.Problem> problems = new ArrayList<>();
        for (ObjectError error : result.getAllErrors()) {
            if (error instanceof FieldError field) {
                String label = label(labels, field.getField(), locale);
                Object typed = field.getRejectedValue();
                if (typed instanceof String[] values) {
                    typed = String.join(",", values);
                }
                problems.add(new FormErrors.Problem(field.getField(), idPrefix + field.getField(),
                        message(field, label, locale), typed == null ? null : typed.toString()));
            } else {
                problems.add(new FormErrors.Problem(null, "main", message(error, "", locale), null));
            }
        }
        return new FormErrors(List.copyOf(problems));
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
