package org.commonweal.grants.internal;

import java.math.BigDecimal;
import java.security.Principal;
import java.time.Instant;
import java.util.EnumSet;
import org.commonweal.identity.Role;
import org.commonweal.identity.UserAccounts;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The grantee's letters of intent and the colleagues of their organization who work on applications with them. */
@Controller
class GranteeWorkspaceController {

    private final GranteeController grantee;
    private final GrantsCatalog catalog;
    private final LetterOfIntentDesk letters;
    private final OrganizationRegistry organizations;
    private final UserAccounts accounts;
    private final TransactionTemplate tx;

    GranteeWorkspaceController(
            GranteeController grantee,
            GrantsCatalog catalog,
            LetterOfIntentDesk letters,
            OrganizationRegistry organizations,
            UserAccounts accounts,
            TransactionTemplate tx) {
        this.grantee = grantee;
        this.catalog = catalog;
        this.letters = letters;
        this.organizations = organizations;
        this.accounts = accounts;
        this.tx = tx;
    }

    @GetMapping("/grants/my/letters/{cycleId}")
    String letter(@PathVariable long cycleId, Principal principal, Model model) {
        long orgId = grantee.requireOrganization(principal).id();
        var cycle = catalog.cycle(cycleId)
                .filter(GrantsCatalog.Cycle::loiRequired)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        model.addAttribute("cycle", cycle);
        model.addAttribute("letter", letters.of(cycleId, orgId).orElse(null));
        model.addAttribute("open", cycle.acceptsLetters(Instant.now()));
        return "grants/letter";
    }

    @PostMapping("/grants/my/letters/{cycleId}")
    String sendLetter(
            @PathVariable long cycleId,
            @RequestParam String title,
            @RequestParam String summary,
            @RequestParam(required = false) BigDecimal requested,
            Principal principal,
            RedirectAttributes ra)
            throws Exception {
        long orgId = grantee.requireOrganization(principal).id();
        return Flash.attempt(
                ra,
                "/grants/my/letters/" + cycleId,
                "grants.loi.sent",
                () -> letters.submit(cycleId, orgId, title, summary, requested, principal.getName(), Instant.now()));
    }

    @GetMapping("/grants/my/colleagues")
    String colleagues(Principal principal, Model model) {
        var org = grantee.requireOrganization(principal);
        model.addAttribute("organization", org);
        model.addAttribute("contacts", organizations.contacts(org.id()));
        return "grants/colleagues";
    }

    /** A grantee adds a colleague: a new grantee login of the same organization, also one of its contacts. */
    @PostMapping("/grants/my/colleagues")
    String addColleague(
            @RequestParam String username,
            @RequestParam String displayName,
            @RequestParam String email,
            @RequestParam String password,
            Principal principal,
            RedirectAttributes ra)
            throws Exception {
        var org = grantee.requireOrganization(principal);
        return Flash.attempt(
                ra,
                "/grants/my/colleagues",
                "grants.colleague.added",
                () -> tx.executeWithoutResult(s -> {
                    if (displayName.isBlank()) {
                        throw new IllegalArgumentException("Give your colleague's name.");
                    }
                    organizations.addContact(org.id(), username.trim(), displayName, email, principal.getName());
                    accounts.create(new UserAccounts.NewUserAccount(
                            username.trim(),
                            displayName.trim(),
                            password,
                            EnumSet.of(Role.GRANTEE),
                            null,
                            org.orgRef()));
                }));
    }
}
