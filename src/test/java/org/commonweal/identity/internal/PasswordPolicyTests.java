package org.commonweal.identity.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.commonweal.identity.internal.PasswordPolicy.Refusal;
import org.junit.jupiter.api.Test;

class PasswordPolicyTests {

    @Test
    void refusesShortCommonAndRepetitivePasswords() {
        assertThat(PasswordPolicy.check("short pass", "maria")).contains(Refusal.TOO_SHORT);
        // accepted before issue #17: twelve characters, nothing else asked
        assertThat(PasswordPolicy.check("aaaaaaaaaaaa", "maria")).isPresent();
        assertThat(PasswordPolicy.check("password1234", "maria")).contains(Refusal.COMMON);
        assertThat(PasswordPolicy.check("QwertyUiop123", "maria")).contains(Refusal.COMMON);
        assertThat(PasswordPolicy.check("123456789012", "maria")).isPresent();
        // not on the list, but repetitive or sequential (NIST's other examples)
        assertThat(PasswordPolicy.check("kkkkkkkkkkkkq", "maria")).contains(Refusal.GUESSABLE);
        assertThat(PasswordPolicy.check("xqxqxqxqxqxq", "maria")).contains(Refusal.GUESSABLE);
        assertThat(PasswordPolicy.check("987654321098", "maria")).contains(Refusal.GUESSABLE);
        assertThat(PasswordPolicy.check("my commonweal login", "maria")).contains(Refusal.CONTAINS_LOGIN);
        assertThat(PasswordPolicy.check("maria.lopez-2026!", "maria.lopez")).contains(Refusal.CONTAINS_LOGIN);
        assertThat(PasswordPolicy.check("x".repeat(129), "maria")).contains(Refusal.TOO_LONG);
    }

    @Test
    void acceptsLongPassphrasesWithoutCompositionRules() {
        // no digits, capitals or symbols needed (NIST SP 800-63B forbids composition rules)
        assertThat(PasswordPolicy.check("lantern orbit cactus whistle", "maria"))
                .isEmpty();
        assertThat(PasswordPolicy.check("río seco bajo la luna", "maria")).isEmpty();
        assertThat(PasswordPolicy.check("Vx9#qL2m!Tr7", "maria")).isEmpty();
    }
}
