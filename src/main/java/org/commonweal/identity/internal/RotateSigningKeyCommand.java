package org.commonweal.identity.internal;

import org.commonweal.platform.CommandArgs;
import org.commonweal.platform.CommandSpec;
import org.commonweal.platform.OperationalCommand;
import org.springframework.stereotype.Component;

/**
 * Starts signing access tokens with a new key. The old one stays published and accepted for an hour, so tokens it
 * signed (5 minutes) run out normally; other instances pick up the new key within a minute.
 */
@Component
@CommandSpec(
        name = "rotate-signing-key",
        usage = "rotate-signing-key",
        summary = "sign access tokens with a new key; the old one is retired",
        options = {})
class RotateSigningKeyCommand implements OperationalCommand {

    private final SigningKeys keys;

    RotateSigningKeyCommand(SigningKeys keys) {
        this.keys = keys;
    }

    @Override
    public int run(CommandArgs args) {
        System.out.println("Access tokens are now signed with key " + keys.rotate());
        return 0;
    }
}
