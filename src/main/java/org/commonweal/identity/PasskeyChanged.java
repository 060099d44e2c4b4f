package org.commonweal.identity;

/**
 * A passkey (WebAuthn credential) of a login was enrolled or removed, by {@code actor}: the login itself, or an
 * administrator recovering it.
 *
 * @param label the name the login gave the passkey (never key material)
 */
public record PasskeyChanged(String username, String label, Change change, String actor) {

    public enum Change {
        ENROLLED,
        REMOVED
    }
}
