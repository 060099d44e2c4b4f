package org.commonweal.identity.internal;

import java.util.EnumSet;
import org.commonweal.identity.Role;
import org.commonweal.identity.UserAccounts.NewUserAccount;
import org.commonweal.platform.RuntimeMode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * In demo mode only: one login per role, named after the role ({@code member-services}), all with the documented
 * demo password. Production mode never creates them.
 */
@Component
@Order(10)
class DemoUsers implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DemoUsers.class);

    private final JdbcUserAccounts accounts;
    private final RuntimeMode mode;
    private final String password;

    DemoUsers(
            JdbcUserAccounts accounts,
            RuntimeMode mode,
            @Value("${commonweal.demo.password:demo-password}") String password) {
        this.accounts = accounts;
        this.mode = mode;
        this.password = password;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!mode.demo()) {
            return;
        }
        int created = 0;
        for (Role role : Role.values()) {
            if (!accounts.exists(role.demoUsername())) {
                String memberId = role == Role.MEMBER ? "DEMO-MEMBER-1" : null;
                String organization = role == Role.GRANTEE ? "DEMO-GRANTEE-ORG" : null;
                accounts.createDemo(new NewUserAccount(
                        role.demoUsername(), demoName(role), password, EnumSet.of(role), memberId, organization));
                created++;
            }
        }
        if (created > 0) {
            log.info("Created {} demo logins (one per role), password documented in README", created);
        }
    }

    private static String demoName(Role role) {
        String words = role.name().toLowerCase().replace('_', ' ');
        return "Demo " + Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }
}
