package org.commonweal.coverage.internal;

import java.security.Principal;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Locale;

import org.commonweal.audit.AuditEntry;
import org.commonweal.audit.AuditTrail;
import org.commonweal.coverage.EnrollmentSpan;
import org.commonweal.coverage.ProductLine;
import org.commonweal.geography.Geography;
import org.commonweal.identity.UserAccount;
import org.commonweal.identity.UserAccounts;
import org.commonweal.platform.PlanIdentity;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** A member's own coverage, PCP, digital ID card and language preference. */
@Controller
class SelfServiceController {

    private final UserAccounts accounts;
    private final Members members;
    private final JdbcCoverage coverage;
    private final MemberCorrections corrections;
    private final IdCardPdf idCardPdf;
    private final AuditTrail audit;
    private final Geography geography;

    private final ZoneId zone;
    private final String planName;

    SelfServiceController(UserAccounts accounts, Members members, JdbcCoverage coverage, MemberCorrections corrections,
            IdCardPdf idCardPdf, AuditTrail audit, Geography geography, PlanIdentity plan) {
        this.zone = plan.timeZone();
        this.planName = plan.name();
        this.accounts = accounts;
        this.members = members;
        this.coverage = coverage;
        this.corrections = corrections;
        this.idCardPdf = idCardPdf;
        this.audit = audit;
        this.geography = geography;
    }

    /** What the card and the pages show; {@code planName} is the plan's ({@link PlanIdentity#name()}). */
    record IdCard(MemberRecord member, EnrollmentSpan span, ProductLine productLine, String planName) {
    }

    private MemberRecord me(Principal principal) {
        String memberId = accounts.findByUsername(principal.getName()).map(UserAccount::memberId)
                .filter(id -> id != null && !id.isBlank())
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no member linked"));
        return members.byId(memberId).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    }

    private IdCard card(MemberRecord member, String purpose) {
        audit.record(AuditEntry.read("member", member.memberId(), member.memberId(), purpose));
        EnrollmentSpan span = members.coveringSpan(member.memberId(), LocalDate.now(zone))
                .orElse(null);
        return new IdCard(member, span, span == null ? null : coverage.productLine(span.productLine()), planName);
    }

    @GetMapping("/my/coverage")
    String myCoverage(Principal principal, Model model) {
        MemberRecord me = me(principal);
        model.addAttribute("card", card(me, "member self-service"));
        model.addAttribute("spans", members.spans(me.memberId()));
        model.addAttribute("languages", geography.languages());
        return "coverage/my-coverage";
    }

    @GetMapping("/my/coverage/id-card")
    String idCard(Principal principal, Model model) {
        model.addAttribute("card", card(me(principal), "member digital ID card"));
        return "coverage/id-card";
    }

    @GetMapping("/my/coverage/id-card.pdf")
    ResponseEntity<byte[]> idCardPdf(Principal principal, Locale locale) {
        IdCard card = card(me(principal), "member digital ID card (PDF)");
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_PDF)
                .header("Content-Disposition", "inline; filename=\"id-card.pdf\"")
                .body(idCardPdf.render(card, locale));
    }

    @PostMapping("/my/coverage/language")
    String language(@RequestParam String language, Principal principal, RedirectAttributes redirect) {
        MemberRecord me = me(principal);
        if (geography.language(language).isEmpty()) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "unknown language");
        }
        corrections.setLanguage(me.memberId(), language, principal.getName());
        redirect.addFlashAttribute("notice", "coverage.my.language.saved");
        return "redirect:/my/coverage";
    }
}
