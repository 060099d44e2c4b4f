package org.commonweal.identity.internal;

import java.util.function.Predicate;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.configuration.WebSecurityCustomizer;
import org.springframework.security.web.firewall.StrictHttpFirewall;

/**
 * Spring Security's default firewall ({@link StrictHttpFirewall}, every default kept) with its header and parameter
 * checks written as loops instead of regular expressions (issue #23). The firewall checks a header's value each time
 * it is read, and an API request reads its {@code Authorization} header (a JWT of about 800 characters) several times:
 * the default pattern {@code [\p{IsAssigned}&&[[^\p{IsControl}]||\t]]*} took 16 % of an eligibility answer's
 * application CPU (JFR). The predicates accept exactly what the patterns accept, code point by code point (checked
 * against the patterns over every code point in {@code RequestFirewallTests}).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
class RequestFirewall {

    /** Header and parameter names: {@code [\p{IsAssigned}&&[^\p{IsControl}]]*}. */
    static final Predicate<String> ASSIGNED_AND_NOT_CONTROL = s -> allowed(s, false);

    /** Header values: {@code [\p{IsAssigned}&&[[^\p{IsControl}]||\t]]*}, that is the same plus the tab. */
    static final Predicate<String> HEADER_VALUE = s -> allowed(s, true);

    @Bean
    WebSecurityCustomizer strictFirewallWithoutPatterns() {
        var firewall = new StrictHttpFirewall();
        firewall.setAllowedHeaderNames(ASSIGNED_AND_NOT_CONTROL);
        firewall.setAllowedHeaderValues(HEADER_VALUE);
        firewall.setAllowedParameterNames(ASSIGNED_AND_NOT_CONTROL);
        return web -> web.httpFirewall(firewall);
    }

    private static boolean allowed(String s, boolean tab) {
        for (int i = 0, n = s.length(); i < n; ) {
            int c = s.codePointAt(i);
            int type = Character.getType(c);
            if (type == Character.UNASSIGNED || type == Character.CONTROL && !(tab && c == '\t')) {
                return false;
            }
            i += Character.charCount(c);
        }
        return true;
    }
}
