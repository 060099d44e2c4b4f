package org.commonweal.memberhome.internal;

import java.security.Principal;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.commonweal.centers.Centers;
import org.commonweal.coverage.Coverage;
import org.commonweal.coverage.PcpChanges;
import org.commonweal.identity.AccessRules;
import org.commonweal.identity.Role;
import org.commonweal.identity.UserAccount;
import org.commonweal.identity.UserAccounts;
import org.commonweal.network.NetworkDirectory;
import org.commonweal.platform.PlanIdentity;
import org.commonweal.quality.CareGaps;
import org.commonweal.quality.DueCare;
import org.commonweal.shell.RoleHome;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.server.ResponseStatusException;

/**
 * A member's home after signing in: coverage today, the PCP with a phone number to call, the classes coming up and
 * the ID card. Every read goes through another module's facade, which audits it.
 */
@Controller
class MemberHomeController {

    static final String PURPOSE = "member home";

    private final UserAccounts accounts;
    private final Coverage coverage;
    private final NetworkDirectory directory;
    private final Centers centers;
    private final PcpChanges pcpChanges;
    private final CareGaps careGaps;
    private final DueCarePlaces places;

    private final ZoneId zone;

    MemberHomeController(
            UserAccounts accounts,
            Coverage coverage,
            NetworkDirectory directory,
            Centers centers,
            PcpChanges pcpChanges,
            PlanIdentity plan,
            CareGaps careGaps,
            DueCarePlaces places) {
        this.careGaps = careGaps;
        this.places = places;
        this.pcpChanges = pcpChanges;
        this.zone = plan.timeZone();
        this.accounts = accounts;
        this.coverage = coverage;
        this.directory = directory;
        this.centers = centers;
    }

    @Bean
    static RoleHome memberRoleHome() {
        return new RoleHome(Role.MEMBER.name(), "/my");
    }

    @Bean
    static AccessRules memberHomeRules() {
        return rules -> rules.requestMatchers("/my").hasRole(Role.MEMBER.name());
    }

    /** A phone number as a {@code tel:} link, so a phone dials it with one tap. */
    static String tel(String phone) {
        if (phone == null) {
            return null;
        }
        String digits = phone.replaceAll("[^0-9]", "");
        return "tel:+" + (digits.length() == 10 ? "1" + digits : digits);
    }

    @GetMapping("/my")
    String home(Principal principal, Model model) {
        String memberId = accounts.findByUsername(principal.getName())
                .map(UserAccount::memberId)
                .filter(id -> id != null && !id.isBlank())
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no member linked"));
        var eligibility = coverage.eligibility(memberId, LocalDate.now(zone), PURPOSE)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        model.addAttribute("eligibility", eligibility);
        if (eligibility.span() != null) {
            var pcp = directory.practitionerByNpi(eligibility.span().pcpNpi()).orElse(null);
            model.addAttribute("pcp", pcp);
            model.addAttribute("pcpTel", pcp == null ? null : tel(pcp.phone()));
        }
        if (eligibility.productLine() != null) {
            model.addAttribute(
                    "memberServicesTel", tel(eligibility.productLine().memberPhone()));
        }
        model.addAttribute("classes", centers.upcomingFor(memberId, 5, PURPOSE));
        // the latest PCP change request, while open or decided in the last weeks
        model.addAttribute(
                "pcpRequest",
                pcpChanges.forMember(memberId, PURPOSE).stream()
                        .filter(r -> r.status().equals("open")
                                || r.effectiveOn().isAfter(LocalDate.now(zone).minusMonths(1)))
                        .findFirst()
                        .orElse(null));
        model.addAttribute("zone", zone);
        addDueCare(model, eligibility);
        return "memberhome/home";
    }

    /** The directory's product line of each coverage product line (coverage.product_line.directory_product_line). */
    static final Map<String, String> DIRECTORY_LINES =
            Map.of("MCLA", "medi-cal", "LACC", "covered-ca", "MCP", "medicare", "PASC", "pasc-sein");

    /** One thing the member is due for, with the nearest place that does it (or none found). */
    record DueItem(DueCare care, DueCarePlaces.Place place) {}

    /**
     * "You are due for…": the member's open care gaps in the page's language with the reason and due date, the
     * nearest in-network place that does each, and the next screening at a Community Resource Center.
     */
    private void addDueCare(Model model, org.commonweal.coverage.Eligibility eligibility) {
        var locale = org.springframework.context.i18n.LocaleContextHolder.getLocale();
        var member = eligibility.member();
        String line = eligibility.productLine() == null
                ? null
                : DIRECTORY_LINES.get(eligibility.productLine().code());
        List<DueItem> due = careGaps.dueCare(member.memberId(), locale, PURPOSE).stream()
                .map(c -> new DueItem(
                        c, places.nearest(c.measureId(), member.zip(), line).orElse(null)))
                .toList();
        model.addAttribute("dueCare", due);
        if (!due.isEmpty()) {
            model.addAttribute(
                    "nextScreening",
                    centers.nextSession("screening", locale.getLanguage(), LocalDate.now(zone))
                            .orElse(null));
        }
    }
}
