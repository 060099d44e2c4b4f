package org.commonweal.grants.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.Locale;

import org.commonweal.grants.lifecycle.GrantRuleViolation;
import org.commonweal.identity.Role;
import org.commonweal.identity.UserAccounts;
import org.springframework.stereotype.Controller;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.ui.Model;
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

    PublicGrantsController(GrantsCatalog catalog, Portfolio portfolio, OrganizationRegistry organizations,
            UserAccounts accounts, TransactionTemplate tx) {
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
    String portfolio(@RequestParam(required = false) Integer from, @RequestParam(required = false) Integer to,
            @RequestParam(required = false) String program, Model model) {
        var filter = new Portfolio.Filter(from, to, program == null || program.isBlank() ? null : program);
        PortfolioModel.fill(model, portfolio, catalog, filter);
        return "grants/portfolio";
    }

    @GetMapping("/grants/register")
    String registerForm(Model model) {
        model.addAttribute("types", OrganizationRegistry.TYPES);
        return "grants/register";
    }

    @PostMapping("/grants/register")
    String register(@RequestParam String ein, @RequestParam String legalName, @RequestParam String orgType,
            @RequestParam(required = false) String street, @RequestParam(required = false) String city,
            @RequestParam(required = false) String zip, @RequestParam(required = false) Integer spa,
            @RequestParam String contactName, @RequestParam String contactEmail, @RequestParam String username,
            @RequestParam String password, RedirectAttributes ra) throws Exception {
        return Flash.attempt(ra, "/grants/register", "grants.register.done", () -> tx.executeWithoutResult(status -> {
            var registered = organizations.register(new OrganizationRegistry.Registration(ein, legalName, orgType,
                    street, city, zip, spa, contactName, contactEmail), username);
            if (!registered.created()) {
                throw new GrantRuleViolation("An organization with EIN " + registered.organization().ein()
                        + " is already registered; ask its grants contact or CHIF staff to add you.");
            }
            accounts.create(new UserAccounts.NewUserAccount(username, contactName, password, EnumSet.of(Role.GRANTEE),
                    null, registered.organization().orgRef()));
            organizations.addContact(registered.organization().id(), username, contactName, contactEmail, username);
        }));
    }

    static int currentYear() {
        return LocalDate.now().getYear();
    }
}
