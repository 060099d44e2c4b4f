package org.commonweal.centers.web;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import org.commonweal.identity.AccessRules;
import org.commonweal.platform.SmsConsent;
import org.commonweal.shell.FieldChecks;
import org.commonweal.shell.Forms;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.validation.MapBindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The public page where a person stops our text messages themselves (#22), beside replying STOP: they type the
 * number, confirm, and an opt-out is recorded with source {@code web} and the words they confirmed. The page never
 * says whether the number was known (every well-formed number gets the same answer and the same row), and the
 * confirmations are limited per address ({@code commonweal.limits.text-stop-per-hour}), so the page cannot be used to
 * probe numbers or to stop texts to many numbers.
 */
@Controller
class TextStopController {

    static final String PAGE = "/texts/stop";
    private static final int TOO_MANY_REQUESTS = 429;

    private final SmsConsent consent;
    private final Forms forms;
    private final MessageSource messages;
    private final long perHour;
    private final Cache<String, Bucket> buckets = Caffeine.newBuilder()
            .maximumSize(100_000)
            .expireAfterAccess(Duration.ofHours(2))
            .build();

    TextStopController(
            SmsConsent consent,
            Forms forms,
            MessageSource messages,
            @Value("${commonweal.limits.text-stop-per-hour:5}") long perHour) {
        this.consent = consent;
        this.forms = forms;
        this.messages = messages;
        this.perHour = perHour;
    }

    @Bean
    static AccessRules textStopRules() {
        return rules -> rules.requestMatchers(PAGE, PAGE + "/**").permitAll();
    }

    @GetMapping(PAGE)
    String form() {
        return "centers/texts-stop";
    }

    /** The number, checked; then the confirmation step with the number as the person will see it stopped. */
    @PostMapping(PAGE)
    String check(@RequestParam(required = false) String phone, Model model, HttpServletResponse response) {
        if (rejected(phone, model)) {
            response.setStatus(Forms.UNPROCESSABLE);
            return "centers/texts-stop";
        }
        model.addAttribute("phone", phone.strip());
        model.addAttribute("shown", shown(SmsConsent.digits(phone).orElseThrow()));
        return "centers/texts-stop-confirm";
    }

    @PostMapping(PAGE + "/confirm")
    String confirm(
            @RequestParam(required = false) String phone,
            Model model,
            HttpServletRequest request,
            HttpServletResponse response) {
        if (rejected(phone, model)) {
            response.setStatus(Forms.UNPROCESSABLE);
            return "centers/texts-stop";
        }
        if (!bucket(request.getRemoteAddr()).tryConsume(1)) {
            response.setStatus(TOO_MANY_REQUESTS);
            response.setHeader("Retry-After", "3600");
            model.addAttribute("limited", true);
            return "centers/texts-stop";
        }
        Locale locale = LocaleContextHolder.getLocale();
        String digits = SmsConsent.digits(phone).orElseThrow();
        // the words the person confirmed, in their language, as the record of what they agreed to
        String wording = messages.getMessage("centers.textstop.confirm.question", new Object[] {shown(digits)}, locale);
        consent.optOut(digits, wording, locale, "web");
        return "redirect:" + PAGE + "/done";
    }

    @GetMapping(PAGE + "/done")
    String done(Model model) {
        model.addAttribute("done", true);
        return "centers/texts-stop";
    }

    private boolean rejected(String phone, Model model) {
        BindingResult result = new MapBindingResult(new HashMap<>(), "texts");
        if (phone == null || phone.isBlank()) {
            FieldChecks.reject(result, "phone", "centers.textstop.phone.required");
        } else if (FieldChecks.phone(result, "phone", phone)
                && SmsConsent.digits(phone).isEmpty()) {
            FieldChecks.reject(result, "phone", "form.phone");
        }
        return forms.rejected(result, model, "centers.textstop.field", "texts-");
    }

    private Bucket bucket(String address) {
        return buckets.get(
                address,
                k -> Bucket.builder()
                        .addLimit(Bandwidth.builder()
                                .capacity(perHour)
                                .refillGreedy(perHour, Duration.ofHours(1))
                                .build())
                        .build());
    }

    /** (213) 555-0100 */
    static String shown(String digits) {
        return "(" + digits.substring(0, 3) + ") " + digits.substring(3, 6) + "-" + digits.substring(6);
    }
}
