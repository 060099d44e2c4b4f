package org.commonweal.grants.internal;

import jakarta.servlet.http.HttpServletResponse;
import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import org.commonweal.geography.Geography;
import org.commonweal.grants.lifecycle.GrantRuleViolation;
import org.commonweal.identity.Role;
import org.commonweal.identity.UserAccounts;
import org.commonweal.shell.FieldChecks;
import org.commonweal.shell.Forms;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.ui.Model;
import org.springframework.validation.MapBindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** What anyone may see: open funding opportunities, the portfolio since 2000, and organization registration. */
@Controller
class PublicGrantsController {

    private final GrantsCatalog catalog;
    private final Portfolio portfolio;
    private final OrganizationRegistry organizations;
    private final UserAccounts accounts;
    private final TransactionTemplate tx;
    private final Forms forms;
    private final MessageSource messages;
    private final Geography geography;

    PublicGrantsController(
            GrantsCatalog catalog,
            Portfolio portfolio,
            OrganizationRegistry organizations,
            UserAccounts accounts,
            TransactionTemplate tx,
            Forms forms,
            MessageSource messages,
            Geography geography) {
        this.geography = geography;
        this.forms = forms;
        this.messages = messages;
        this.catalog = catalog;
        this.portfolio = portfolio;
        this.organizations = organizations;
        this.accounts = accounts;
        this.tx = tx;
    }

    @GetMapping("/grants/opportunities")
    String opportunities(Model model, Locale locale) {
        Instant now = Instant.now();
        model.addAttribute("cycles", catalog.openOrUpcoming(now));
        model.addAttribute("now", now);
        model.addAttribute("spanish", "es".equals(locale.getLanguage()));
        return "grants/opportunities";
    }

    @GetMapping("/grants/portfolio")
    String portfolio(
            @RequestParam(required = false) Integer from,
            @RequestParam(required = false) Integer to,
            @RequestParam(required = false) String program,
            Model model) {
        var filter = new Portfolio.Filter(from, to, program == null || program.isBlank() ? null : program);
        PortfolioModel.fill(model, portfolio, catalog, filter);
        return "grants/portfolio";
    }

    @GetMapping("/grants/register")
    String registerForm(Model model) {
        model.addAttribute("types", OrganizationRegistry.TYPES);
        model.addAttribute("spas", geography.servicePlanningAreaNumbers());
        return "grants/register";
    }

    /** The registration form's fields (the inputs' ids) and their names in words (#18). */
    private static final Map<String, String> LABELS = Map.ofEntries(
            Map.entry("r-ein", "grants.org.ein"),
            Map.entry("r-name", "grants.org.name"),
            Map.entry("r-type", "grants.org.type"),
            Map.entry("r-street", "grants.org.street"),
            Map.entry("r-city", "grants.org.city"),
            Map.entry("r-zip", "grants.org.zip"),
            Map.entry("r-spa", "grants.org.spa"),
            Map.entry("r-contact", "grants.org.contact"),
            Map.entry("r-email", "grants.org.email"),
            Map.entry("r-username", "grants.register.username"),
            Map.entry("r-password", "grants.register.password"));

    /**
     * Registers an organization and its first grantee login. A form with problems comes back (422) with what was
     * typed (never the password) and every problem at once beside its field, in the page's language (#18).
     */
    @PostMapping("/grants/register")
    String register(
            @RequestParam(required = false) String ein,
            @RequestParam(required = false) String legalName,
            @RequestParam(required = false) String orgType,
            @RequestParam(required = false) String street,
            @RequestParam(required = false) String city,
            @RequestParam(required = false) String zip,
            @RequestParam(required = false) String spa,
            @RequestParam(required = false) String contactName,
            @RequestParam(required = false) String contactEmail,
            @RequestParam(required = false) String username,
            @RequestParam(required = false) String password,
            Model model,
            RedirectAttributes ra,
            HttpServletResponse response,
            Locale locale)
            throws Exception {
        var result = new MapBindingResult(new java.util.HashMap<>(), "registration");
        Integer area = registrationProblems(
                result, geography, ein, legalName, orgType, street, city, zip, spa, contactName, contactEmail);
        accounts.problems(new UserAccounts.NewUserAccount(username, contactName, password, EnumSet.of(Role.GRANTEE)))
                .forEach((field, code) -> {
                    switch (field) {
                        case "username" -> FieldChecks.reject(result, "r-username", code);
                        case "password" -> FieldChecks.reject(result, "r-password", code);
                        default -> {} // the name is the contact's, checked above; the role is fixed
                    }
                });
        if (result.hasErrors()) {
            forms.rejected(
                    result,
                    model,
                    field -> messages.getMessage(LABELS.getOrDefault(field, field), null, field, locale),
                    "");
            response.setStatus(Forms.UNPROCESSABLE);
            return registerForm(model);
        }
        return Flash.attempt(
                ra,
                "/grants/register",
                "grants.register.done",
                () -> tx.executeWithoutResult(status -> {
                    var registered = organizations.register(
                            new OrganizationRegistry.Registration(
                                    ein, legalName, orgType, street, city, zip, area, contactName, contactEmail),
                            username);
                    if (!registered.created()) {
                        throw new GrantRuleViolation("An organization with EIN "
                                + registered.organization().ein()
                                + " is already registered; ask its grants contact or CHIF staff to add you.");
                    }
                    accounts.create(new UserAccounts.NewUserAccount(
                            username,
                            contactName,
                            password,
                            EnumSet.of(Role.GRANTEE),
                            null,
                            registered.organization().orgRef()));
                    organizations.addContact(
                            registered.organization().id(), username, contactName, contactEmail, username);
                }));
    }

    /** The organization's fields, each problem on its input; returns the SPA when it is a number. */
    private static Integer registrationProblems(
            MapBindingResult result,
            Geography geography,
            String ein,
            String legalName,
            String orgType,
            String street,
            String city,
            String zip,
            String spa,
            String contactName,
            String contactEmail) {
        if (ein == null || ein.isBlank()) {
            FieldChecks.reject(result, "r-ein", "NotBlank");
        } else if (!ein.replaceAll("[\\s-]", "").matches("[0-9]{9}")) {
            FieldChecks.reject(result, "r-ein", "grants.register.error.ein");
        }
        text(result, "r-name", legalName, 200, true);
        if (orgType == null || !OrganizationRegistry.TYPES.contains(orgType)) {
            FieldChecks.reject(result, "r-type", "grants.register.error.choose");
        }
        text(result, "r-street", street, 200, false);
        text(result, "r-city", city, 100, false);
        FieldChecks.zip(result, "r-zip", zip);
        Integer area = null;
        if (spa != null && !spa.isBlank()) {
            try {
                area = Integer.valueOf(spa.strip());
            } catch (NumberFormatException e) {
                FieldChecks.reject(result, "r-spa", "typeMismatch.java.lang.Integer");
            }
            if (area != null && geography.servicePlanningArea(area).isEmpty()) {
                var spas = geography.servicePlanningAreaNumbers();
                FieldChecks.reject(result, "r-spa", "grants.register.error.spa", spas.first(), spas.last());
            }
        }
        text(result, "r-contact", contactName, 120, true);
        if (contactEmail == null || contactEmail.isBlank()) {
            FieldChecks.reject(result, "r-email", "NotBlank");
        } else {
            FieldChecks.email(result, "r-email", contactEmail);
        }
        return area;
    }

    private static void text(MapBindingResult result, String field, String value, int max, boolean required) {
        if (value == null || value.isBlank()) {
            if (required) {
                FieldChecks.reject(result, field, "NotBlank");
            }
        } else if (value.strip().length() > max) {
            FieldChecks.reject(result, field, "Size", max);
        }
    }

    static int currentYear() {
        return LocalDate.now().getYear();
    }
}
