package org.commonweal.identity.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Client secrets are 256 random bits, so a plain SHA-256 (compared in constant time) protects them as well as a slow
 * password hash would, without costing each token request tens of milliseconds.
 */
final class Sha256SecretEncoder implements PasswordEncoder {

    @Override
    public String encode(CharSequence rawPassword) {
        return JdbcApiClients.sha256(rawPassword.toString());
    }

    @Override
    public boolean matches(CharSequence rawPassword, String encodedPassword) {
        if (rawPassword == null || encodedPassword == null) {
            return false;
        }
        return MessageDigest.isEqual(
                encode(rawPassword).getBytes(StandardCharsets.US_ASCII),
                encodedPassword.getBytes(StandardCharsets.US_ASCII));
    }
}
