package org.commonweal.identity.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import org.commonweal.IntegrationTest;
import org.commonweal.identity.ApiClients.Registration;
import org.commonweal.identity.ApiScope;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

@IntegrationTest
class IssuedSecretGuardIntegrationTests {

    @Autowired
    JdbcApiClients clients;

    @Autowired
    IssuedSecretGuard guard;

    private Registration registration(String name) {
        return new Registration(name, "tests", EnumSet.of(ApiScope.ELIGIBILITY_READ), null, null);
    }

    @Test
    void aSecretWhosePageFailedLeavesNoActiveClient() {
        var issued = clients.register(registration("Page failed clinic"));
        var request = new MockHttpServletRequest("POST", "/admin/api-clients");
        IssuedSecretGuard.issued(request, issued.id());
        guard.afterCompletion(
                request, new MockHttpServletResponse(), null, new IllegalStateException("template failed"));
        assertThat(clients.findByClientId(issued.clientId()).orElseThrow().active())
                .isFalse();
    }

    @Test
    void aSecretShownNormallyStaysActive() {
        var issued = clients.register(registration("Page shown clinic"));
        var request = new MockHttpServletRequest("POST", "/admin/api-clients");
        IssuedSecretGuard.issued(request, issued.id());
        guard.afterCompletion(request, new MockHttpServletResponse(), null, null);
        assertThat(clients.findByClientId(issued.clientId()).orElseThrow().active())
                .isTrue();
    }
}
