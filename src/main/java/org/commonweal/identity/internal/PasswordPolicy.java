package org.commonweal.identity.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import me.gosimple.nbvcxz.Nbvcxz;
import me.gosimple.nbvcxz.resources.ConfigurationBuilder;

/**
 * Passwords per NIST SP 800-63B (5.1.1.2): at least 12 characters (up to 128, any characters, spaces included), no
 * composition rules, and refused when they are a known or guessable password: an exact entry of the 100,000 most
 * common passwords of leaked password corpora bundled with nbvcxz 1.5.1 ({@code dictionaries/passwords.txt}), a
 * password whose estimated guessability is below {@link #MINIMUM_ENTROPY_BITS} (repetition, sequences, keyboard
 * walks), or one containing a context word: the login name or the service's name.
 * No network look-up: everything is in the build.
 */
final class PasswordPolicy {

    static final int MIN_LENGTH = 12;
    static final int MAX_LENGTH = 128;
    /**
     * A floor for what NIST lists beside breached passwords: repetitive or sequential characters and keyboard walks
     * ({@code kkkkkkkkkkkkq} 13.0 bits, {@code 987654321098} 11.5, {@code xqxqxqxqxqxq} 8.3 by nbvcxz's estimate).
     * Not a strength meter: length and the blocklist do the rest, as SP 800-63B asks.
     */
    static final double MINIMUM_ENTROPY_BITS = 14;

    /** Why a password is refused. */
    enum Refusal {
        TOO_SHORT,
        TOO_LONG,
        COMMON,
        GUESSABLE,
        CONTAINS_LOGIN
    }

    private PasswordPolicy() {}

    static Optional<Refusal> check(String password, String login) {
        if (password == null || password.codePointCount(0, password.length()) < MIN_LENGTH) {
            return Optional.of(Refusal.TOO_SHORT);
        }
        if (password.codePointCount(0, password.length()) > MAX_LENGTH) {
            return Optional.of(Refusal.TOO_LONG);
        }
        String lower = password.toLowerCase(Locale.ROOT);
        if (Holder.COMMON.contains(lower)) {
            return Optional.of(Refusal.COMMON);
        }
        if (lower.contains("commonweal")
                || login != null && login.length() >= 4 && lower.contains(login.toLowerCase(Locale.ROOT))) {
            return Optional.of(Refusal.CONTAINS_LOGIN);
        }
        if (!Holder.ESTIMATOR.estimate(password).isMinimumEntropyMet()) {
            return Optional.of(Refusal.GUESSABLE);
        }
        return Optional.empty();
    }

    /** Loaded on first use (about a second and a few MB), not when a command or test starts. */
    private static final class Holder {

        static final Set<String> COMMON = load();
        static final Nbvcxz ESTIMATOR = new Nbvcxz(new ConfigurationBuilder()
                .setMinimumEntropy(MINIMUM_ENTROPY_BITS)
                .createConfiguration());

        private static Set<String> load() {
            var words = new HashSet<String>(150_000);
            try (var in = Nbvcxz.class.getResourceAsStream("/dictionaries/passwords.txt");
                    var reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                reader.lines()
                        .map(l -> l.strip().toLowerCase(Locale.ROOT))
                        .filter(l -> !l.isEmpty())
                        .forEach(words::add);
            } catch (IOException | NullPointerException e) {
                throw new IllegalStateException(
                        "the bundled password list (nbvcxz dictionaries/passwords.txt) is missing", e);
            }
            return Set.copyOf(words);
        }
    }
}
