package org.commonweal.coverage.internal;

import java.security.Principal;
import java.util.Locale;
import org.commonweal.geography.Geography;
import org.commonweal.identity.UserAccount;
import org.commonweal.identity.UserAccounts;
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
    private final MemberCorrections corrections;
    private final IdCardPdf idCardPdf;
    private final IdCards idCards;
    private final Geography geography;

    SelfServiceController(
            UserAccounts accounts,
            Members members,
            MemberCorrections corrections,
            IdCardPdf idCardPdf,
            IdCards idCards,
            Geography geography) {
        this.idCards = idCards;
        this.accounts = accounts;
        this.members = members;
        this.corrections = corrections;
        this.idCardPdf = idCardPdf;
        this.geography = geography;
    }

    private MemberRecord me(Principal principal) {
        String memberId = accounts.findByUsername(principal.getName())
                .map(UserAccount::memberId)
                .filter(id -> id != null && !id.isBlank())
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no member linked"));
        return members.byId(memberId).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    }

    private IdCard card(MemberRecord member, String purpose) {
        return idCards.card(member, purpose);
    }

    @GetMapping("/my/coverage")
    String myCoverage(Principal principal, Model model) {
        MemberRecord me = me(principal);
        model.addAttribute("card", card(me, "member self-service"));
        model.addAttribute("spans", members.spans(me.memberId()));
        model.addAttribute("productLineNames", members.productLineNames());
        model.addAttribute("planNames", members.planNames());
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
        return ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_PDF)
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
