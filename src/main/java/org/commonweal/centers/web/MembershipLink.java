package org.commonweal.centers.web;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import org.commonweal.coverage.Coverage;
import org.commonweal.identity.Role;
import org.commonweal.identity.UserAccounts;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;

/**
 * Which membership a public class registration may be linked to (issue #17). A member id typed into a public form
 * proves nothing, and looking it up told anonymous visitors who is a member and who is booked into which class. So
 * a registration is linked only for a member signed in (their own membership), or for a CIN with the matching birth
 * date, checked here against coverage. Anything else registers the person without a link, with the same answer.
 */
@Component
class MembershipLink {

    private final Coverage coverage;
    private final UserAccounts accounts;

    MembershipLink(Coverage coverage, UserAccounts accounts) {
        this.coverage = coverage;
        this.accounts = accounts;
    }

    Optional<String> memberId(Authentication visitor, String cin, String birthDate) {
        if (visitor != null
                && visitor.isAuthenticated()
                && visitor.getAuthorities().stream()
                        .anyMatch(a -> a.getAuthority().equals("ROLE_" + Role.MEMBER.name()))) {
            return accounts.findByUsername(visitor.getName()).map(a -> a.memberId());
        }
        if (cin == null || cin.isBlank() || birthDate == null || birthDate.isBlank()) {
            return Optional.empty();
        }
        LocalDate born;
        try {
            born = LocalDate.parse(birthDate.strip());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
        return coverage.findMemberByCin(cin.strip().toUpperCase(), "class registration: membership check")
                .filter(m -> born.equals(m.birthDate()))
                .map(m -> m.memberId());
    }
}
