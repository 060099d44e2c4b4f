package org.commonweal.memberhome.internal;

import java.security.Principal;
import org.commonweal.coverage.PcpChanges;
import org.commonweal.identity.AccessRules;
import org.commonweal.identity.Role;
import org.commonweal.identity.UserAccount;
import org.commonweal.identity.UserAccounts;
import org.commonweal.network.NetworkDirectory;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * "Make this my doctor" on a Find a Doctor provider page: the member's pick, as the directory lists it, goes to
 * coverage as a PCP change request that member services decides; the rules of the member's product line (coverage)
 * may refuse it, and the member is told why.
 */
@Controller
class PcpChoiceController {

    private final UserAccounts accounts;
    private final NetworkDirectory directory;
    private final PcpChanges pcpChanges;

    PcpChoiceController(UserAccounts accounts, NetworkDirectory directory, PcpChanges pcpChanges) {
        this.accounts = accounts;
        this.directory = directory;
        this.pcpChanges = pcpChanges;
    }

    @Bean
    static AccessRules pcpChoiceRules() {
        return rules -> rules.requestMatchers("/my/pcp-change").hasRole(Role.MEMBER.name());
    }

    @PostMapping("/my/pcp-change")
    String choose(
            @RequestParam String practitionerId,
            @RequestParam String locationId,
            Principal principal,
            RedirectAttributes redirect) {
        String memberId = accounts.findByUsername(principal.getName())
                .map(UserAccount::memberId)
                .filter(id -> id != null && !id.isBlank())
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no member linked"));
        var office = directory
                .practitionerOffice(practitionerId, locationId)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        try {
            // the home page shows the request (flash attributes must be serializable: the session is in the database)
            pcpChanges.request(
                    memberId,
                    new PcpChanges.PcpChoice(
                            office.practitionerId(),
                            office.npi(),
                            office.name(),
                            office.locationId(),
                            office.locationName(),
                            office.phone(),
                            office.medicalGroup(),
                            office.productLines(),
                            office.primaryCare(),
                            office.acceptingNewPatients()),
                    principal.getName());
            return "redirect:/my";
        } catch (PcpChanges.PcpChangeRefused refused) {
            redirect.addFlashAttribute("pcpRefused", refused.messageKey());
            return "redirect:/find-a-doctor/providers/" + practitionerId;
        }
    }
}
