package org.commonweal.coverage.internal;

import org.commonweal.IntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Issue #23: every test of {@link CoverageEligibilityIntegrationTests}, which runs on the lean path (the default),
 * run again with the lean path off, through Spring MVC. Same application context, so no second start.
 */
@IntegrationTest
class CoverageEligibilityMvcPathIntegrationTests extends CoverageEligibilityIntegrationTests {

    @Autowired
    LeanEligibilityFilter lean;

    @BeforeEach
    void throughSpringMvc() {
        lean.enable(false);
    }

    @AfterEach
    void leanPathBackOn() {
        lean.enable(true);
    }
}
