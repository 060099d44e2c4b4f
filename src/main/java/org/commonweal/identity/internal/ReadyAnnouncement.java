package org.commonweal.identity.internal;

import java.util.Arrays;
import java.util.stream.Collectors;
import org.commonweal.identity.Role;
import org.commonweal.platform.RuntimeMode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/** Tells whoever started the application where it is and, in demo mode, which logins to use. */
@Component
class ReadyAnnouncement {

    private static final Logger log = LoggerFactory.getLogger(ReadyAnnouncement.class);

    private final RuntimeMode mode;
    private final Environment environment;

    ReadyAnnouncement(RuntimeMode mode, Environment environment) {
        this.mode = mode;
        this.environment = environment;
    }

    @EventListener(ApplicationReadyEvent.class)
    void announce() {
        String port = environment.getProperty("local.server.port");
        if (port == null || mode.commandMode()) {
            return;
        }
        log.info("Commonweal is ready at http://localhost:{}/", port);
        if (mode.demo()) {
            log.info(
                    "Demo logins (one per role; the shared demo password is in the README and on the sign-in page): {}",
                    Arrays.stream(Role.values()).map(Role::demoUsername).collect(Collectors.joining(", ")));
        }
    }
}
