package org.commonweal.centers.web;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.commonweal.centers.Center;
import org.commonweal.centers.Centers;
import org.commonweal.centers.ClassSession;
import org.commonweal.centers.NewParticipant;
import org.commonweal.centers.ParticipantKind;
import org.commonweal.centers.Registration;
import org.commonweal.centers.RegistrationChannel;
import org.commonweal.centers.RegistrationException;
import org.commonweal.centers.schedule.SessionQueries;
import org.commonweal.geography.Geography;
import org.commonweal.geography.ServiceAreaZips;
import org.commonweal.platform.PlanIdentity;
import org.commonweal.shell.FieldChecks;
import org.commonweal.shell.Forms;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.validation.Errors;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;

/** The public side: the centers, the class calendar, registration and the confirmation page, in the visitor's language. */
@Controller
class PublicCentersController {

    static final List<String> CATEGORIES = List.of(
            "exercise",
            "nutrition",
            "health-education",
            "screening",
            "support-group",
            "telehealth",
            "membership-help",
            "social-services",
            "food");

    private final Centers centers;
    private final SessionQueries queries;
    private final Geography geography;
    private final CalendarCache cache;
    private final ITemplateEngine templates;

    private final Forms forms;
    private final MembershipLink membership;
    private final ServiceAreaZips zips;

    private final ZoneId zone;

    /** Where "Directions" sends a visitor: a maps site that takes the address after this prefix. */
    private final String directionsUrl;

    private final org.commonweal.platform.SmsConsent smsConsent;
    private final org.springframework.context.MessageSource messageSource;

    PublicCentersController(
            Centers centers,
            SessionQueries queries,
            Geography geography,
            CalendarCache cache,
            ITemplateEngine templates,
            Forms forms,
            MembershipLink membership,
            ServiceAreaZips zips,
            PlanIdentity plan,
            org.commonweal.platform.SmsConsent smsConsent,
            org.springframework.context.MessageSource messageSource,
            @org.springframework.beans.factory.annotation.Value("${commonweal.centers.directions-url:"
                            + "https://www.google.com/maps/dir/?api=1&destination=}")
                    String directionsUrl) {
        this.zips = zips;
        this.smsConsent = smsConsent;
        this.messageSource = messageSource;
        this.zone = plan.timeZone();
        this.directionsUrl = directionsUrl;
        this.forms = forms;
        this.membership = membership;
        this.centers = centers;
        this.queries = queries;
        this.geography = geography;
        this.cache = cache;
        this.templates = templates;
    }

    @GetMapping("/centers")
    String list(Model model) {
        model.addAttribute("centers", centers.centers());
        return "centers/list";
    }

    @GetMapping("/centers/{code:[a-z0-9-]+}")
    String center(@PathVariable String code, Model model) {
        Center center = centers.center(code).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        LocalDate today = LocalDate.now(zone);
        model.addAttribute("center", center);
        model.addAttribute("spa", geography.servicePlanningArea(center.spa()).orElse(null));
        model.addAttribute(
                "sessionsHtml",
                sessionsHtml(new SessionQueries.Filter(code, null, null, null, today, today.plusDays(13), 200)));
        return "centers/center";
    }

    @GetMapping("/centers/classes")
    String calendar(
            @RequestParam(required = false) String center,
            @RequestParam(required = false) String category,
            @RequestParam(required = false) String language,
            @RequestParam(required = false) Integer day,
            @RequestParam(required = false) LocalDate from,
            Model model) {
        LocalDate start = from == null ? LocalDate.now(zone) : from;
        var filter = new SessionQueries.Filter(
                blank(center),
                blank(category),
                blank(language),
                day == null || day < 1 || day > 7 ? null : day,
                start,
                start.plusDays(13),
                500);
        model.addAttribute("filter", filter);
        model.addAttribute("centers", cache.get("centers", centers::centers));
        model.addAttribute("categories", CATEGORIES);
        model.addAttribute("languages", cache.get("languages", queries::languages));
        model.addAttribute("sessionsHtml", sessionsHtml(filter));
        model.addAttribute("next", start.plusDays(14));
        return "centers/calendar";
    }

    @GetMapping("/centers/sessions/{id}")
    String session(@PathVariable long id, Model model) {
        model.addAttribute(
                "form", RegistrationForm.empty(LocaleContextHolder.getLocale().getLanguage()));
        return sessionPage(id, model);
    }

    private String sessionPage(long id, Model model) {
        ClassSession session = centers.session(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        // a class that has started is closed: no seats to count and no form (#18)
        model.addAttribute("closed", !session.startsAt().isAfter(java.time.Instant.now()));
        model.addAttribute("row", SessionRow.of(session, LocaleContextHolder.getLocale(), zone));
        model.addAttribute("center", centers.center(session.centerCode()).orElseThrow());
        model.addAttribute("languages", geography.languages());
        return "centers/session";
    }

    @PostMapping("/centers/sessions/{id}/register")
    String register(
            @PathVariable long id,
            @Valid @ModelAttribute("form") RegistrationForm form,
            BindingResult result,
            Model model,
            HttpServletResponse response,
            org.springframework.security.core.Authentication visitor) {
        form = forms.complete(RegistrationForm.class, form, result);
        if (form != null) {
            form.check(result, zips);
        }
        if (!result.hasErrors()) {
            try {
                // issue #17: never the typed member id; a membership only when signed in or CIN + birth date match
                var linked = "lacare".equals(form.kind())
                        ? membership
                                .memberId(visitor, form.cin(), form.birthDate())
                                .orElse(null)
                        : null;
                if (Boolean.TRUE.equals(form.textMe())) {
                    // the consent is on record, with the words the person ticked, before the confirmation is queued
                    var locale = LocaleContextHolder.getLocale();
                    smsConsent.optIn(
                            form.phone(),
                            messageSource.getMessage("centers.register.textMe", null, locale),
                            locale,
                            "centers-registration");
                }
                Registration r = centers.register(
                        id, form.withMemberId(linked).toParticipant(), RegistrationChannel.PUBLIC, "public");
                return "redirect:/centers/registrations/" + r.confirmationCode();
            } catch (RegistrationException e) {
                CentersFormErrors.reject(result, e);
            }
        }
        forms.rejected(result, model, "centers.register.field", "");
        if (form == null || model.getAttribute("form") == null) {
            // a value of the wrong type left no form: show what was typed (the consent box goes back unticked)
            var typed = (org.commonweal.shell.FormErrors) model.getAttribute("formErrors");
            model.addAttribute(
                    "form",
                    new RegistrationForm(
                            typed.value("kind"),
                            typed.value("memberId"),
                            typed.value("firstName"),
                            typed.value("lastName"),
                            typed.value("phone"),
                            typed.value("email"),
                            typed.value("zip"),
                            typed.value("language"),
                            null,
                            typed.value("accessibility"),
                            typed.value("cin"),
                            typed.value("birthDate"),
                            null));
        }
        response.setStatus(Forms.UNPROCESSABLE);
        return sessionPage(id, model);
    }

    @GetMapping("/centers/registrations/{code}")
    String registration(@PathVariable String code, Model model) {
        Registration r =
                centers.registration(code).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        ClassSession session = centers.session(r.sessionId()).orElseThrow();
        model.addAttribute("registration", r);
        model.addAttribute(
                "offerUntil",
                r.offeredUntil() == null
                        ? ""
                        : java.time.format.DateTimeFormatter.ofLocalizedDateTime(
                                        java.time.format.FormatStyle.MEDIUM, java.time.format.FormatStyle.SHORT)
                                .withLocale(LocaleContextHolder.getLocale())
                                .withZone(zone)
                                .format(r.offeredUntil()));
        model.addAttribute("row", SessionRow.of(session, LocaleContextHolder.getLocale(), zone));
        var center = centers.center(session.centerCode()).orElseThrow();
        model.addAttribute("center", center);
        model.addAttribute(
                "directionsLink",
                directionsUrl
                        + java.net.URLEncoder.encode(center.displayAddress(), java.nio.charset.StandardCharsets.UTF_8));
        return "centers/registration";
    }

    /**
     * The calendar entry of the registered session alone (RFC 5545), for a person who has a seat: a waitlisted
     * person has no seat to put in a calendar yet.
     */
    @GetMapping(value = "/centers/registrations/{code}/session.ics", produces = "text/calendar")
    @org.springframework.web.bind.annotation.ResponseBody
    org.springframework.http.ResponseEntity<String> sessionCalendar(
            @PathVariable String code, jakarta.servlet.http.HttpServletRequest request) {
        Registration r = centers.registration(code)
                .filter(x -> x.status().code().equals("registered"))
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        ClassSession session = centers.session(r.sessionId()).orElseThrow();
        var center = centers.center(session.centerCode()).orElseThrow();
        String url = org.springframework.web.servlet.support.ServletUriComponentsBuilder.fromContextPath(request)
                .path("/centers/registrations/{code}")
                .buildAndExpand(code)
                .toUriString();
        return org.springframework.http.ResponseEntity.ok()
                .contentType(org.springframework.http.MediaType.parseMediaType("text/calendar;charset=UTF-8"))
                .header("Content-Disposition", "attachment; filename=\"class-" + session.id() + ".ics\"")
                .body(org.commonweal.centers.schedule.ICalendar.session(
                        session, center, LocaleContextHolder.getLocale().getLanguage(), request.getServerName(), url));
    }

    /** The confirmation code as a QR code (SVG) for the kiosk's scanner; nothing else about the person is in it. */
    @GetMapping(value = "/centers/r/{code}/qr", produces = "image/svg+xml")
    @org.springframework.web.bind.annotation.ResponseBody
    org.springframework.http.ResponseEntity<String> qr(@PathVariable String code) {
        Registration r =
                centers.registration(code).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        return org.springframework.http.ResponseEntity.ok()
                .cacheControl(org.springframework.http.CacheControl.maxAge(java.time.Duration.ofDays(1))
                        .cachePrivate())
                .contentType(org.springframework.http.MediaType.valueOf("image/svg+xml"))
                .body(QrCode.svg(r.confirmationCode()));
    }

    @PostMapping("/centers/registrations/{code}/cancel")
    String cancel(@PathVariable String code, RedirectAttributes redirect) {
        return act(code, () -> centers.cancel(code, "participant"), "cancelled", redirect);
    }

    @PostMapping("/centers/registrations/{code}/accept")
    String accept(@PathVariable String code, RedirectAttributes redirect) {
        return act(code, () -> centers.acceptOffer(code, "participant"), "accepted", redirect);
    }

    private String act(String code, Runnable action, String done, RedirectAttributes redirect) {
        try {
            action.run();
            redirect.addFlashAttribute("done", done);
        } catch (RegistrationException e) {
            redirect.addFlashAttribute("problem", e.getMessage());
        }
        return "redirect:/centers/registrations/" + code;
    }

    /**
     * The sessions of a calendar page, rendered once per filter and language and kept until the schedule or a
     * registration changes (most visitors look at the same few pages; rendering them is the calendar's main cost).
     */
    private String sessionsHtml(SessionQueries.Filter filter) {
        Locale locale = LocaleContextHolder.getLocale();
        return cache.get(List.of("sessions", filter, locale.getLanguage()), () -> {
            Context context = new Context(locale);
            context.setVariable("days", byDay(queries.sessions(filter), zone));
            return templates.process("centers/sessions-fragment", Set.of("days"), context);
        });
    }

    static Map<String, List<SessionRow>> byDay(List<ClassSession> sessions, ZoneId zone) {
        Locale locale = LocaleContextHolder.getLocale();
        Map<String, List<SessionRow>> days = new LinkedHashMap<>();
        for (ClassSession s : sessions) {
            SessionRow row = SessionRow.of(s, locale, zone);
            days.computeIfAbsent(row.day(), d -> new java.util.ArrayList<>()).add(row);
        }
        return days;
    }

    static String blank(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    /** The public registration form; never bound to a persistence entity. */
    record RegistrationForm(
            @NotBlank @Pattern(regexp = "lacare|bsp|community")
            String kind,

            @Size(max = 20) String memberId,
            @NotBlank @Size(max = 60) String firstName,
            @NotBlank @Size(max = 60) String lastName,
            @Size(max = 30) String phone,
            @Size(max = 254) String email,
            @Size(max = 10) String zip,
            @Size(max = 20) String language,
            Boolean consent,
            @Size(max = 500) String accessibility,
            @Size(max = 20) String cin,
            @Size(max = 10) String birthDate,
            Boolean textMe) {

        /**
         * The domain's checks: the formats of the contact details. The public form takes no member id (issue #17: it
         * would tell a visitor who is a member); a membership is linked by sign-in or CIN + birth date.
         */
        void check(Errors errors, ServiceAreaZips zips) {
            FieldChecks.memberId(errors, "memberId", memberId);
            FieldChecks.phone(errors, "phone", phone);
            FieldChecks.email(errors, "email", email);
            zips.check(errors, "zip", zip);
            // texts need a mobile number to go to (#22)
            if (Boolean.TRUE.equals(textMe) && (phone == null || phone.isBlank()) && !errors.hasFieldErrors("phone")) {
                FieldChecks.reject(errors, "phone", "centers.register.textMe.needsPhone");
            }
        }

        static RegistrationForm empty(String language) {
            return new RegistrationForm(
                    "community", null, null, null, null, null, null, language, false, null, null, null, false);
        }

        /** The same form linked to this membership (or to none). */
        RegistrationForm withMemberId(String linked) {
            return new RegistrationForm(
                    kind,
                    linked,
                    firstName,
                    lastName,
                    phone,
                    email,
                    zip,
                    language,
                    consent,
                    accessibility,
                    null,
                    null,
                    textMe);
        }

        /** Staff register members by the id they have checked; public forms never do (see MembershipLink). */
        NewParticipant toStaffParticipant() {
            if ("lacare".equals(kind) && (memberId == null || memberId.isBlank())) {
                throw new RegistrationException("memberId", "is required for the plan's own members");
            }
            return toParticipant();
        }

        NewParticipant toParticipant() {
            return new NewParticipant(
                    ParticipantKind.of(kind == null ? "" : kind),
                    memberId,
                    firstName,
                    lastName,
                    phone,
                    email,
                    zip,
                    language,
                    Boolean.TRUE.equals(consent),
                    accessibility);
        }
    }
}
